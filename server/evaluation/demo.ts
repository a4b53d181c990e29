/**
 * The demo's attacks (LUDUS_DEMO, with LUDUS_DEMO_ATTACKS on by default): a fresh `npm start`
 * queues a few tiny attacks on built-in agents whose exploitability cannot be computed exactly —
 * sumo and VGC-lite (win/lose games), and the dilemma and public goods strategies that the exact
 * best responses do not cover — so that after the demo has run a while the leaderboard shows an
 * exploitability value for agents of all four game families (exact or attack, docs/ratings.md).
 * Each attack has a fixed id, so a restart or a second server queues nothing twice; they start a
 * minute after the boot and run one after another.
 */
import type { Store } from '../store/store.ts';
import type { EvaluationService } from './service.ts';

/** (game, built-in agent) pairs; a few PPO iterations each, run one after another by the job queue. */
export const DEMO_ATTACKS: readonly { game: string; victim: string }[] = [
  { game: 'sumo', victim: 'rusher' },
  { game: 'vgc', victim: 'heuristic' },
  { game: 'public-goods', victim: 'punisher' },
  { game: 'ipd', victim: 'grim' },
  { game: 'sumo', victim: 'edge' },
  { game: 'vgc', victim: 'max-damage' },
];

/** Seconds after the boot before the first demo attack starts (the server and its demo settle first). */
export const DEMO_ATTACK_DELAY_SECONDS = 60;

/** Tiny: seconds of training each, curve of two points, a short final measurement. */
export const DEMO_ATTACK_BUDGET = { iterations: 2 } as const;

export async function ensureDemoAttacks(
  evaluations: EvaluationService,
  store: Store,
  opts: { log?: (line: string) => void } = {},
): Promise<number> {
  let queued = 0;
  for (const [i, a] of DEMO_ATTACKS.entries()) {
    const builtins = (await store.listAgents({ game: a.game, kind: 'builtin', limit: 500, offset: 0 })).items;
    const victim = builtins.find((b) => b.ref === a.victim);
    if (!victim) continue;
    const id = `ev_demo_${a.game}_${a.victim}`.replace(/[^a-z0-9_]/gi, '_');
    if (await evaluations.get(id)) continue;
    await evaluations.request(
      {
        id,
        game: a.game,
        victim: victim.id,
        budget: DEMO_ATTACK_BUDGET,
        seed: 1000 + i,
        evalMatches: 10,
        evalPoints: 2,
        finalMatches: 40,
        delaySeconds: DEMO_ATTACK_DELAY_SECONDS,
      },
      'demo',
      victim,
    );
    queued++;
  }
  if (queued)
    opts.log?.(`evaluations: demo queued ${queued} small attacks on built-in agents (sumo, vgc, public goods, ipd)`);
  return queued;
}
