/**
 * `ludus bot --agent tft --game ipd --url ws://localhost:2567/bot --token … [--matches N] [--challenge NAME] [--wait] [--json]`
 * Connects any built-in agent to a running arena as a remote bot, through the SDK in agents/client.
 * By default it seeks N matches one after another; --challenge plays them against a named agent;
 * --wait only answers challenges. Prints one line per match (or JSON lines with --json).
 */
import type { Command } from 'commander';
import { ArenaClient, ArenaError, type MatchStart, type Result } from '../../agents/client/index.ts';
import { getAgent } from '../../agents/registry.ts';
import { parseConfig } from '../../games/core/kernel.ts';
import { Rng, deriveSeed } from '../../games/core/rng.ts';
import type { Controller } from '../../games/core/runner.ts';
import { getGame } from '../../games/index.ts';
import { guard, parseNumber, UsageError } from '../output.ts';
import { addGameOptions, gameConfigFrom } from './play.ts';

/** A fresh controller of the built-in agent for one match, with a PRNG derived from the match id. */
function controllerFor(agentId: string, start: MatchStart): Controller {
  const game = getGame(start.game);
  const spec = getAgent(game.id, agentId);
  const config = parseConfig(game, start.config);
  return spec.create({ game, config, seat: start.seat, rng: Rng.seeded(deriveSeed(start.matchId, 'bot', start.seat)) });
}

export function registerBot(program: Command): void {
  const cmd = program
    .command('bot')
    .description('connect a built-in agent to a running arena as a remote bot (/bot JSON protocol)')
    .requiredOption('--agent <id>', 'built-in agent id (see `ludus play --agents`)')
    .requiredOption('--game <id>', 'game id')
    .option('--url <url>', 'bot endpoint', process.env.LUDUS_URL ?? 'ws://127.0.0.1:2567/bot')
    .option('--token <token>', 'agent token (or LUDUS_TOKEN)', process.env.LUDUS_TOKEN)
    .option('--matches <n>', 'matches to play, one after another (0 = until stopped)', '1')
    .option('--challenge <name>', 'challenge this agent instead of seeking')
    .option('--wait', 'do not seek: only answer challenges')
    .option('--json', 'one JSON line per finished match');
  addGameOptions(cmd).action((opts) =>
    guard(async () => {
      if (!opts.token) throw new UsageError('--token (or LUDUS_TOKEN) is required');
      const game = getGame(opts.game);
      getAgent(game.id, opts.agent); // fail fast on an unknown agent
      const config = parseConfig(game, gameConfigFrom(opts));
      const matches = parseNumber('matches', opts.matches, { min: 0, integer: true });
      const client = new ArenaClient({
        url: opts.url,
        token: opts.token,
        createPolicy: (start) => {
          const c = controllerFor(opts.agent, start);
          return (obs, info) =>
            c.act(obs, {
              seat: info.seat,
              step: info.step,
              legal: info.legal as unknown[] | undefined,
              mask: () => Uint8Array.from(info.mask ?? []),
            });
        },
        log: (line) => process.stderr.write(`ludus bot: ${line}\n`),
      });
      // Refusals from the arena (bad token, unknown game...) are bad input: one line, exit code 2.
      const arena = <T>(p: Promise<T>): Promise<T> =>
        p.catch((e) => {
          throw e instanceof ArenaError ? new UsageError(e.message) : e;
        });
      const welcome = await arena(client.connect());
      process.stderr.write(`ludus bot: connected as ${welcome.agent.name} (${opts.agent} playing ${game.id})\n`);
      const report = (r: Result) => {
        const seat = r.seat ?? 0;
        if (opts.json) process.stdout.write(JSON.stringify(r) + '\n');
        else
          process.stdout.write(
            `${r.matchId}: ${r.outcome}, returns ${r.result.returns.join(' / ')} (seat ${seat}), ${r.steps} steps, hash ${r.finalHash}\n`,
          );
      };
      const rawConfig = JSON.parse(JSON.stringify(config));
      try {
        for (let i = 0; matches === 0 || i < matches; i++) {
          const r = await arena(
            opts.wait
              ? client.nextResult()
              : opts.challenge
                ? client.challenge(opts.challenge, game.id, rawConfig)
                : client.seek(game.id, rawConfig),
          );
          report(r);
        }
      } finally {
        // Also when the arena refuses a seek or a challenge: an open connection would keep the process alive.
        await client.close();
      }
    }),
  );
}
