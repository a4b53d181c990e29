/**
 * Did a defence work? Two attacks with the same budget, before and after adversarial training,
 * compared the way the issue asks: a lower final value (the final intervals do not overlap), or
 * more budget to reach the same value (the first curve point at or above the earlier attack's final
 * estimate comes later, or never). The value is the score in win/lose games and the payoff in
 * iterated games (agents/adversary/exploitability.ts, unitOf).
 */
import type { Interval } from '../eval/stats.ts';
import type { AttackPoint, AttackResult } from './attack.ts';
import { unitOf } from './exploitability.ts';

export interface AttackComparison {
  unit: 'score' | 'payoff';
  sameBudget: boolean;
  before: Interval;
  after: Interval;
  /** Env steps of the first curve point reaching the earlier attack's final estimate (null: never). */
  stepsToReach: { before: number | null; after: number | null };
  harder: boolean;
  verdict: string;
}

type AttackLike = Pick<AttackResult, 'game' | 'budget' | 'curve' | 'final'>;

export function compareAttacks(before: AttackLike, after: AttackLike): AttackComparison {
  const unit = unitOf(after.game) === 'score' ? 'score' : 'payoff';
  const value = (p: AttackPoint) => (unit === 'score' ? p.score.estimate : p.payoff);
  const fin = (r: AttackLike) => (unit === 'score' ? r.final.score : r.final.payoff);
  const b = fin(before);
  const a = fin(after);
  const target = b.estimate;
  const reach = (r: AttackLike) => r.curve.find((p) => value(p) >= target - 1e-12)?.envSteps ?? null;
  const stepsToReach = { before: reach(before), after: reach(after) };
  let harder = false;
  let verdict: string;
  if (a.high < b.low)
    [harder, verdict] = [
      true,
      `harder: the final ${unit} fell from ${b.estimate.toFixed(3)} to ${a.estimate.toFixed(3)} (95 % intervals apart)`,
    ];
  else if (a.low > b.high)
    verdict = `easier: the final ${unit} rose from ${b.estimate.toFixed(3)} to ${a.estimate.toFixed(3)}`;
  else if (stepsToReach.before !== null && (stepsToReach.after === null || stepsToReach.after > stepsToReach.before))
    [harder, verdict] = [
      true,
      `harder: reaching ${target.toFixed(3)} took ${stepsToReach.after === null ? 'more than the whole budget' : `${stepsToReach.after} env steps`} instead of ${stepsToReach.before}`,
    ];
  else
    verdict = `not harder: final ${unit} ${a.estimate.toFixed(3)} against ${b.estimate.toFixed(3)}, within the intervals, reached as fast`;
  return {
    unit,
    sameBudget: JSON.stringify(before.budget) === JSON.stringify(after.budget),
    before: b,
    after: a,
    stepsToReach,
    harder,
    verdict,
  };
}
