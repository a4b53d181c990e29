/**
 * `ludus analyze public-goods [--sequential] [--players N] [--endowment e] [--mpcr m | --r r]
 *  [--rounds T] [--punishment] [--preset p] [--effort-cost κ] [--bonus β] [--threshold B]
 *  [--penalty δ] [--order fixed|rotate] [--scope round|match] [--tie-break lowest|highest]
 *  [--group a,b,c,d ... --matches M --seed S] [--json]`
 *
 * Simultaneous game: the closed-form Nash equilibrium and social optimum
 * (agents/public-goods/analysis/equilibrium.ts). With --sequential: the subgame-perfect equilibrium by
 * exhaustive backward induction (agents/public-goods/analysis/backward-induction.ts), its path, whether it is
 * unique, the one-round social optimum, and a check that playing the SPE through the real engine
 * earns exactly the computed payoffs. With --group (repeatable): the contribution levels of those
 * agents playing together, simulated through the engine (agents/public-goods/analysis/contributions.ts).
 */
import type { Command } from 'commander';
import { parseConfig } from '../../games/core/kernel.ts';
import { playMatch } from '../../games/core/runner.ts';
import { sequentialPublicGoods } from '../../games/public-goods/index.ts';
import { solveSpe, speSummary, type SpeSolution } from '../../agents/public-goods/analysis/backward-induction.ts';
import { analyseSimultaneous, type SimultaneousAnalysis } from '../../agents/public-goods/analysis/equilibrium.ts';
import { speAgent } from '../../agents/public-goods/analysis/spe-agent.ts';
import { groupContributions, type GroupContributions } from '../../agents/public-goods/analysis/contributions.ts';
import { instantiate, resolveAgents } from '../../agents/registry.ts';
import { publicGoods } from '../../games/public-goods/index.ts';
import { guard, parseNumber, printJson, table, UsageError } from '../output.ts';
import { analyzeCommand } from './analyze.ts';
import { addGameOptions, gameConfigFrom } from './play.ts';

const num = (x: number) => (Number.isInteger(x) ? String(x) : String(+x.toFixed(4)));

function configFrom(opts: Record<string, any>): Record<string, unknown> {
  const cfg = gameConfigFrom(opts);
  const numeric: [string, string, { min?: number; integer?: boolean }][] = [
    ['endowment', 'endowment', { min: 0 }],
    ['mpcr', 'mpcr', {}],
    ['r', 'r', {}],
    ['rounds', 'rounds', { min: 1, integer: true }],
    ['effortCost', 'effort-cost', { min: 0 }],
    ['bonus', 'bonus', { min: 0 }],
    ['threshold', 'threshold', { min: 0 }],
    ['penalty', 'penalty', { min: 0 }],
  ];
  for (const [key, flag, limits] of numeric) {
    if (opts[key] !== undefined) cfg[key === 'bonus' ? 'predecessorBonus' : key] = parseNumber(flag, opts[key], limits);
  }
  if (opts.contributions !== undefined) cfg.contributions = opts.contributions;
  if (opts.sequential) {
    if (opts.punishment) throw new UsageError('--punishment applies to the simultaneous game only');
    if (opts.preset !== undefined) cfg.preset = opts.preset;
    if (opts.order !== undefined) cfg.order = opts.order;
  } else {
    for (const flag of ['preset', 'order', 'effortCost', 'bonus', 'threshold', 'penalty']) {
      if (opts[flag] !== undefined)
        throw new UsageError(`--${flag.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} applies to --sequential only`);
    }
    if (opts.punishment) cfg.punishment = true;
  }
  return cfg;
}

function printSimultaneous(a: SimultaneousAnalysis): void {
  const c = a.config;
  const out = process.stdout;
  const horizon =
    c.probEnd !== undefined ? `probEnd ${c.probEnd} (expected ${num(a.expectedRounds)} rounds)` : `${c.rounds} rounds`;
  out.write(
    `Public goods: N = ${c.players}, e = ${num(c.endowment)}, MPCR ${num(c.mpcr)} (r = ${num(c.mpcr * c.players)}), ${horizon}${c.punishment ? `, punishment (cost ${c.punishCost}, impact ${c.punishImpact})` : ''}\n`,
  );
  out.write(`Social dilemma (1/N < MPCR < 1): ${a.dilemma ? 'yes' : 'no'}\n`);
  const show = (x: number | 'any') => (x === 'any' ? 'any amount' : num(x));
  out.write(
    table(
      ['profile', 'each contributes', 'payoff per round (each)', 'group per round', 'per match (each)'],
      [
        [
          `Nash equilibrium${a.nash.dominant ? ' (dominant)' : ''}`,
          show(a.nash.contribution),
          num(a.nash.payoffPerRound),
          num(a.nash.payoffPerRound * c.players),
          num(a.nashMatchPayoff),
        ],
        [
          'social optimum',
          show(a.socialOptimum.contribution),
          num(a.socialOptimum.payoffPerRound),
          num(a.socialOptimum.groupPayoffPerRound),
          num(a.optimumMatchPayoff),
        ],
      ],
    ) + '\n',
  );
  for (const n of a.notes) out.write(`note: ${n}\n`);
}

function engineCheck(sol: SpeSolution): { returns: number[]; matches: boolean } {
  const specs = new Array(sol.config.players).fill(speAgent(sol));
  const rec = playMatch(sequentialPublicGoods, sol.config, 1, instantiate(sequentialPublicGoods, sol.config, 1, specs));
  const matches = rec.result.returns.every((r, s) => Math.abs(r - sol.payoffs[s]!) <= 1e-9 * Math.max(1, Math.abs(r)));
  return { returns: rec.result.returns, matches };
}

function printSequential(sol: SpeSolution, check: { returns: number[]; matches: boolean }): void {
  const c = sol.config;
  const out = process.stdout;
  out.write(
    `Sequential public goods: N = ${c.players}, e = ${num(c.endowment)}, MPCR ${num(c.mpcr)}, ${c.rounds} rounds, order ${c.order}; ` +
      `preset ${c.preset}: effort cost κ ${num(c.effortCost)}, predecessor bonus β ${num(c.predecessorBonus)}, threshold B ${num(c.threshold)}, penalty δ ${num(c.penalty)}\n`,
  );
  out.write(
    `Backward induction over ${sol.scope === 'match' ? `the whole ${c.rounds}-round tree` : "one round's tree (repeated: exact, see docs)"}: ` +
      `${sol.leaves.toLocaleString('en-US')} leaves, ${sol.decisionNodes.toLocaleString('en-US')} decision nodes, ties broken to the ${sol.tieBreak} contribution\n`,
  );
  out.write(`SPE path (one round, in move order): ${sol.stagePath.map(num).join(' → ')}\n`);
  out.write(
    `Unique SPE: ${sol.unique ? 'yes (no ties anywhere in the tree)' : `no (${sol.tieNodes} tie nodes, ${sol.pathTies} on the path)`}\n`,
  );
  out.write(
    table(
      ['position', 'SPE contribution', 'SPE payoff per round', 'social-optimum contribution'],
      sol.stagePath.map((x, k) => [k + 1, num(x), num(sol.stagePayoffs[k]!), num(sol.socialOptimum.contributions[k]!)]),
    ) + '\n',
  );
  out.write(`SPE match payoff by seat: ${sol.payoffs.map(num).join(', ')}\n`);
  out.write(
    `Social optimum (max group payoff in one round): ${num(sol.socialOptimum.groupPayoff)} vs SPE ${num(sol.stagePayoffs.reduce((a, b) => a + b, 0))}\n`,
  );
  out.write(
    `Engine check (SPE strategies played through the engine): ${check.matches ? 'returns match' : `MISMATCH ${check.returns.map(num).join(', ')}`}\n`,
  );
}

function simulateGroups(opts: Record<string, any>, cfg: Record<string, unknown>): void {
  const game = opts.sequential ? sequentialPublicGoods : publicGoods;
  const matches = parseNumber('matches', opts.matches, { min: 1, integer: true });
  const seed = parseNumber('seed', opts.seed, { min: 0, integer: true });
  const results: GroupContributions[] = (opts.group as string[]).map((list) => {
    const specs = resolveAgents(game.id, list);
    const config = parseConfig(game, { ...cfg, players: cfg.players ?? specs.length });
    if (specs.length !== config.players)
      throw new UsageError(`--group ${list} has ${specs.length} agents for ${config.players} players`);
    return groupContributions(game, config, specs, matches, seed);
  });
  if (opts.json) return printJson(results);
  for (const r of results) {
    process.stdout.write(
      `${game.title}, group ${r.group.join(', ')}: ${r.matches} matches, seed ${r.seed}; group contribution ${(100 * r.groupContribution).toFixed(1)}% of e\n`,
    );
    process.stdout.write(
      table(
        ['agent', 'seats', 'contribution (% of e, 95% CI)', 'mean return'],
        r.agents.map((a) => [
          a.agent,
          a.seats,
          `${(100 * a.contribution.estimate).toFixed(1)} [${(100 * a.contribution.low).toFixed(1)}, ${(100 * a.contribution.high).toFixed(1)}]`,
          a.meanReturn.estimate.toFixed(2),
        ]),
      ) + '\n',
    );
    process.stdout.write(`by round (% of e): ${r.byRound.map((x) => (100 * x).toFixed(0)).join(' ')}\n`);
  }
}

export function registerAnalyzePublicGoods(program: Command): void {
  const cmd = analyzeCommand(program)
    .command('public-goods')
    .description(
      'public goods equilibria: Nash and social optimum, or (--sequential) the subgame-perfect equilibrium by backward induction',
    )
    .option('--sequential', 'analyse the sequential variant (backward induction)')
    .option('--endowment <e>', 'endowment per round (default 20)')
    .option('--mpcr <m>', 'marginal per-capita return r/N (default 0.4)')
    .option('--r <r>', 'multiplier r (instead of --mpcr)')
    .option('--rounds <T>', 'rounds (default 10)')
    .option('--contributions <mode>', '"integer" or "continuous"')
    .option('--punishment', 'simultaneous game with a punishment stage')
    .option('--preset <name>', 'sequential reward preset: linear, threshold, bonus, mac-spgg')
    .option('--order <kind>', 'sequential order: fixed or rotate')
    .option('--effort-cost <k>', 'sequential: effort cost κ per unit')
    .option('--bonus <b>', 'sequential: predecessor bonus β')
    .option('--threshold <B>', 'sequential: group threshold B')
    .option('--penalty <d>', 'sequential: penalty δ when the total is below B')
    .option('--scope <scope>', 'backward induction over one "round" (default) or the whole "match" tree', 'round')
    .option('--tie-break <rule>', 'tie-break at tied nodes: lowest or highest contribution', 'lowest')
    .option('--group <ids...>', 'simulate these agents playing together (one id per seat, comma-separated; repeatable)')
    .option('--matches <n>', 'matches per --group', '100')
    .option('--seed <n>', 'seed for --group simulations', '1')
    .option('--json', 'machine-readable results on stdout');
  addGameOptions(cmd).action((opts) =>
    guard(() => {
      const cfg = configFrom(opts);
      if (opts.group) return simulateGroups(opts, cfg);
      if (!opts.sequential) {
        const a = analyseSimultaneous(cfg);
        return opts.json ? printJson({ game: 'public-goods', ...a }) : printSimultaneous(a);
      }
      if (opts.scope !== 'round' && opts.scope !== 'match')
        throw new UsageError(`--scope must be "round" or "match", got ${JSON.stringify(opts.scope)}`);
      if (opts.tieBreak !== 'lowest' && opts.tieBreak !== 'highest')
        throw new UsageError(`--tie-break must be "lowest" or "highest", got ${JSON.stringify(opts.tieBreak)}`);
      parseConfig(sequentialPublicGoods, cfg); // typed BAD_CONFIG before solving
      const sol = solveSpe(cfg, { scope: opts.scope, tieBreak: opts.tieBreak });
      const check = engineCheck(sol);
      // The linear simultaneous game with the same N, e, MPCR, for comparison.
      const { players, endowment, mpcr, rounds } = sol.config;
      const simultaneous = analyseSimultaneous({ players, endowment, mpcr, rounds });
      if (opts.json)
        return printJson({ game: 'sequential-public-goods', spe: speSummary(sol), engineCheck: check, simultaneous });
      printSequential(sol, check);
    }),
  );
}
