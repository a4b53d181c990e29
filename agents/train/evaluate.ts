/**
 * Win rate of a policy against fixed opponents: the policy plays one seat (rotating over the
 * seats), the opponent fills the others, every match seeded. Score = wins + ½ draws (scoreOf), with
 * a Wilson 95 % interval; games without a winner are scored by return (rollout.ts scoreOf).
 */
import { agentSeed, playMatch } from '../../games/core/runner.ts';
import { deriveSeed, Rng } from '../../games/core/rng.ts';
import type { AnyGame } from '../../games/core/types.ts';
import type { AgentSpec } from '../core/agent.ts';
import { mean, meanInterval, wilson, type Interval } from '../eval/stats.ts';
import { scoreOf } from './rollout.ts';

export interface EvalLine {
  opponent: string;
  matches: number;
  score: Interval;
  meanReturn: number;
  /** The mean match return with its normal 95 % interval. */
  returnInterval: Interval;
  /** Mean return of the opponent seats (per seat). */
  opponentReturn: number;
}

export function evaluateAgainst(
  game: AnyGame,
  config: any,
  policy: AgentSpec,
  opponents: readonly AgentSpec[],
  matches: number,
  seed: number,
): EvalLine[] {
  const n = game.numSeats(config);
  return opponents.map((opp) => {
    let score = 0;
    const rets: number[] = [];
    const oppRets: number[] = [];
    for (let i = 0; i < matches; i++) {
      const matchSeed = deriveSeed(seed, 'eval', opp.id, i);
      const seat = i % n;
      const controllers = Array.from({ length: n }, (_, s) =>
        (s === seat ? policy : opp).create({ game, config, seat: s, rng: Rng.seeded(agentSeed(matchSeed, s)) }),
      );
      const rec = playMatch(game, config, matchSeed, controllers, { validate: false });
      score += scoreOf(rec.result, seat);
      rets.push(rec.result.returns[seat]!);
      for (let s = 0; s < n; s++) if (s !== seat) oppRets.push(rec.result.returns[s]!);
    }
    return {
      opponent: opp.id,
      matches,
      score: wilson(score, matches),
      meanReturn: mean(rets),
      returnInterval: meanInterval(rets),
      opponentReturn: mean(oppRets),
    };
  });
}
