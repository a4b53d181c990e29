/**
 * `ludus analyze <game> …`: exact analysis. `analyzeCommand(program)` returns the shared parent
 * command (created once) so that each game family registers its own subcommand from its own file.
 *
 * This file registers the dilemma games:
 * `ludus analyze ipd --strategy wsls --against all [--noise e] [--turns T | --prob-end p]
 *  [--horizon infinite] [--json]` prints the exact expected payoffs per turn against each memory-one
 * opponent (agents/dilemmas/analysis/markov.ts), the exact best response to the strategy with its rule per state
 * (agents/dilemmas/analysis/best-response.ts), and its exploitability (agents/dilemmas/analysis/exploitability.ts).
 */
import type { Command } from 'commander';
import { getAgent, resolveAgents } from '../../agents/registry.ts';
import { exploitabilityDetail, horizonOf } from '../../agents/dilemmas/analysis/exploitability.ts';
import { pairPayoffs, type Horizon } from '../../agents/dilemmas/analysis/markov.ts';
import { memoryOneOf } from '../../agents/dilemmas/analysis/memory-one.ts';
import { parseConfig } from '../../games/core/kernel.ts';
import { DILEMMA_GAMES, seatPayoffs, type DilemmaConfig } from '../../games/dilemmas/index.ts';
import { guard, printJson, table, UsageError } from '../output.ts';
import { addGameOptions, gameConfigFrom } from './play.ts';

export function analyzeCommand(program: Command): Command {
  const existing = program.commands.find((c) => c.name() === 'analyze');
  if (existing) return existing;
  return program
    .command('analyze')
    .description('exact analysis of strategies: payoffs, best responses, equilibria (one subcommand per game)');
}

const fmt = (x: number) => (Math.abs(x) < 5e-12 ? 0 : x).toFixed(4);
const vec = (p: readonly number[]) => `(${p.map((x) => +x.toFixed(4)).join(', ')})`;

export function registerAnalyzeDilemmas(program: Command): void {
  const parent = analyzeCommand(program);
  for (const game of DILEMMA_GAMES) {
    const cmd = parent
      .command(game.id)
      .description(`exact payoffs, best response and exploitability of a memory-one strategy in ${game.title}`)
      .requiredOption(
        '--strategy <id>',
        'the memory-one strategy to analyse, or "all" for the exploitability table of every memory-one strategy',
      )
      .option('--against <list>', 'opponents: comma-separated ids or "all" (memory-one ones are analysed)', 'all')
      .option('--horizon <kind>', '"match" (the config: turns or prob-end) or "infinite" (long-run average)', 'match')
      .option('--json', 'machine-readable results on stdout');
    addGameOptions(cmd).action((opts) =>
      guard(() => {
        const config = parseConfig(game, gameConfigFrom(opts)) as DilemmaConfig;
        if (opts.horizon !== 'match' && opts.horizon !== 'infinite')
          throw new UsageError(`--horizon must be "match" or "infinite", got ${JSON.stringify(opts.horizon)}`);
        const horizon: Horizon = opts.horizon === 'infinite' ? { kind: 'infinite' } : horizonOf(config);
        if (opts.strategy === 'all') return exploitabilityTable(game.id, config, horizon, !!opts.json);
        const spec = getAgent(game.id, opts.strategy);
        const mine = seatPayoffs(config, 0);
        const theirs = seatPayoffs(config, 1);
        const v = memoryOneOf(spec, mine);
        if (!v) {
          const m1 = resolveAgents(game.id, 'all')
            .filter((s) => memoryOneOf(s))
            .map((s) => s.id);
          throw new UsageError(
            `${spec.id} is not a memory-one strategy, so it has no exact analysis; memory-one strategies: ${m1.join(', ')}`,
          );
        }
        const opponents = resolveAgents(game.id, opts.against);
        const rows: {
          opponent: string;
          vector: number[];
          initial: number;
          strategy: number;
          opponentPayoff: number;
        }[] = [];
        const skipped: string[] = [];
        for (const o of opponents) {
          const w = memoryOneOf(o, theirs);
          if (!w) {
            skipped.push(o.id);
            continue;
          }
          const r = pairPayoffs(v, w, mine, theirs, config.noise, horizon);
          rows.push({
            opponent: o.id,
            vector: [...w.p],
            initial: w.initial,
            strategy: r.perTurn[0],
            opponentPayoff: r.perTurn[1],
          });
        }
        const d = exploitabilityDetail(game.id, spec, config, horizon)!;
        const horizonText = describeHorizon(horizon);
        if (opts.json) {
          return printJson({
            game: game.id,
            config,
            horizon,
            strategy: { id: spec.id, vector: v.p, initial: v.initial },
            against: rows,
            skipped,
            bestResponse: d.bestResponse,
            exploitability: {
              value: d.value,
              bestResponsePayoff: d.bestResponsePayoff,
              victimPayoff: d.victimPayoff,
              selfPlayPayoff: d.selfPlayPayoff,
              method: d.method,
            },
          });
        }
        const out = process.stdout;
        out.write(
          `${spec.title} (${spec.id}) ${vec(v.p)}, first move C w.p. ${+v.initial.toFixed(4)}, in ${game.title}\n`,
        );
        out.write(
          `table (R,S,T,P) = (${mine.R}, ${mine.S}, ${mine.T}, ${mine.P}); ${horizonText}; noise ${config.noise}. Exact expected payoffs per turn:\n`,
        );
        out.write(
          table(
            ['opponent', 'opponent vector', `${spec.id} gets`, 'opponent gets'],
            rows.map((r) => [
              r.opponent,
              `${vec(r.vector)} init ${+r.initial.toFixed(3)}`,
              fmt(r.strategy),
              fmt(r.opponentPayoff),
            ]),
          ) + '\n',
        );
        if (skipped.length) out.write(`not memory-one, so not analysed exactly: ${skipped.join(', ')}\n`);
        out.write(
          `\nBest response to ${spec.id} (states are the responder's view, own move first):\n  ${d.bestResponse.description}\n`,
        );
        out.write(
          `  best responder gets ${fmt(d.bestResponsePayoff)} per turn, ${spec.id} gets ${fmt(d.victimPayoff)}\n`,
        );
        out.write(
          `Exploitability = best response − self-play = ${fmt(d.bestResponsePayoff)} − ${fmt(d.selfPlayPayoff)} = ${fmt(d.value)} per turn (exact)\n`,
        );
      }),
    );
  }
}

function describeHorizon(horizon: Horizon): string {
  return horizon.kind === 'infinite'
    ? 'infinite horizon (long-run average)'
    : horizon.kind === 'fixed'
      ? `${horizon.turns} turns`
      : `prob_end ${horizon.p} (cap ${horizon.cap} turns)`;
}

/** `--strategy all`: every memory-one strategy's exact exploitability, least exploitable first. */
function exploitabilityTable(gameId: string, config: DilemmaConfig, horizon: Horizon, json: boolean): void {
  const rows = resolveAgents(gameId, 'all')
    .map((spec) => ({ spec, d: exploitabilityDetail(gameId, spec, config, horizon) }))
    .filter((r) => r.d !== undefined)
    .map(({ spec, d }) => ({
      strategy: spec.id,
      exploitability: d!.value,
      bestResponsePayoff: d!.bestResponsePayoff,
      victimPayoff: d!.victimPayoff,
      selfPlayPayoff: d!.selfPlayPayoff,
      bestResponse: d!.bestResponse.description,
    }))
    .sort((a, b) => a.exploitability - b.exploitability || a.strategy.localeCompare(b.strategy));
  if (json) return printJson({ game: gameId, config, horizon, rows });
  process.stdout.write(
    `Exact exploitability per turn in ${gameId}; ${describeHorizon(horizon)}; noise ${config.noise}\n`,
  );
  process.stdout.write(
    table(
      ['strategy', 'exploitability', 'BR gets', 'victim gets', 'self-play', 'best response'],
      rows.map((r) => [
        r.strategy,
        fmt(r.exploitability),
        fmt(r.bestResponsePayoff),
        fmt(r.victimPayoff),
        fmt(r.selfPlayPayoff),
        r.bestResponse,
      ]),
    ) + '\n',
  );
}
