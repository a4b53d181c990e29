/**
 * What an IPD policy learned, for docs/results.md:
 *   node --import tsx agents/train/experiments/ipd-report.ts <checkpoint.json> [--matches N]
 * 1. mean payoff per turn against the classic strategies (seats rotate);
 * 2. its memory-one projection: P(C | last joint outcome CC, CD, DC, DD) and P(C) on turn 1,
 *    measured over those matches, and the EXACT exploitability of that projection
 *    (agents/dilemmas/analysis/exploitability.ts). The policy itself sees 5 turns of history, so the projection
 *    is an approximation of it, stated as such.
 */
import { parseConfig } from '../../../games/core/kernel.ts';
import { agentSeed, playMatch } from '../../../games/core/runner.ts';
import { deriveSeed, Rng } from '../../../games/core/rng.ts';
import { getGame } from '../../../games/index.ts';
import type { AgentSpec } from '../../core/agent.ts';
import { exploitabilityDetail } from '../../dilemmas/analysis/exploitability.ts';
import { checkpointAgent, loadCheckpointFile } from '../../policy/checkpoint.ts';
import { getAgent } from '../../registry.ts';

const args = process.argv.slice(2);
const rec = loadCheckpointFile(args[0]!);
const mi = args.indexOf('--matches');
const matches = mi >= 0 ? Number(args[mi + 1]) : 20;
const game = getGame(rec.game);
const config = parseConfig(game, rec.config);
const policy = checkpointAgent(rec);
const CLASSIC = [
  'allc',
  'alld',
  'tft',
  'stft',
  'wsls',
  'gtft',
  'grim',
  'tf2t',
  'random',
  'alternator',
  'joss',
  'zd-extort-2',
  'prober',
  'gradual',
];

const counts = [0, 0, 0, 0].map(() => ({ c: 0, n: 0 }));
const first = { c: 0, n: 0 };
const lines: { opponent: string; perTurn: number; opponentPerTurn: number; cooperation: number }[] = [];
for (const id of CLASSIC) {
  let opp: AgentSpec;
  try {
    opp = getAgent(game.id, id);
  } catch {
    continue;
  }
  let mine = 0;
  let theirs = 0;
  let turns = 0;
  let coop = 0;
  for (let i = 0; i < matches; i++) {
    const seed = deriveSeed(4242, id, i);
    const seat = i % 2;
    const specs = seat === 0 ? [policy, opp] : [opp, policy];
    const ctrls = specs.map((s, k) => s.create({ game, config, seat: k, rng: Rng.seeded(agentSeed(seed, k)) }));
    const rec2 = playMatch(game, config, seed, ctrls);
    const moves = (rec2.state.history ?? rec2.state.moves) as unknown;
    const log = rec2.replay.actions.map((joint) => joint.map((a) => JSON.stringify(a)));
    // Actions as played: 'C' / 'D' strings (the dilemma engine's action form) or objects with a move.
    const isD = (a: string | undefined) => !!a && a.includes('D');
    for (let t = 0; t < log.length; t++) {
      const me = isD(log[t]![seat]);
      if (t === 0) {
        first.n++;
        if (!me) first.c++;
      } else {
        const k = (isD(log[t - 1]![seat]) ? 2 : 0) + (isD(log[t - 1]![1 - seat]) ? 1 : 0);
        counts[k]!.n++;
        if (!me) counts[k]!.c++;
      }
      if (!me) coop++;
    }
    void moves;
    mine += rec2.result.returns[seat]!;
    theirs += rec2.result.returns[1 - seat]!;
    turns += log.length;
  }
  lines.push({
    opponent: id,
    perTurn: +(mine / turns).toFixed(3),
    opponentPerTurn: +(theirs / turns).toFixed(3),
    cooperation: +(coop / turns).toFixed(3),
  });
}
const p = counts.map((x) => (x.n ? x.c / x.n : 0.5)) as [number, number, number, number];
const projection: AgentSpec = {
  ...policy,
  id: 'projection',
  meta: { memoryOne: { p, initial: first.n ? first.c / first.n : 0.5 } },
};
const ex = exploitabilityDetail(game.id, projection, config);
const ref = (id: string) => exploitabilityDetail(game.id, getAgent(game.id, id), config)?.value;
process.stdout.write(
  JSON.stringify(
    {
      checkpoint: rec.id,
      training: rec.training,
      vsClassic: lines,
      memoryOneProjection: {
        p: p.map((x) => +x.toFixed(3)),
        initial: +(first.c / Math.max(1, first.n)).toFixed(3),
        samples: counts.map((x) => x.n),
      },
      exploitabilityOfProjection: ex && {
        value: +ex.value.toFixed(4),
        bestResponsePerTurn: +ex.bestResponsePayoff.toFixed(4),
        selfPlayPerTurn: +ex.selfPlayPayoff.toFixed(4),
      },
      reference: { tft: ref('tft'), alld: ref('alld'), wsls: ref('wsls'), gtft: ref('gtft') },
    },
    null,
    1,
  ) + '\n',
);
