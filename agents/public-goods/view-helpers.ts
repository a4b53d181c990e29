/**
 * Small readings of a public goods view shared by the baseline agents: what the others gave, and
 * how to turn a wished-for amount into a legal contribution.
 */
import { contribute, punish, type ContributeAction, type PunishAction } from '../../games/public-goods/actions.ts';
import type { PublicGoodsView } from '../../games/public-goods/view.ts';

/** Mean of the other seats' contributions in the last completed round, or null in round 1. */
export function othersLastAverage(v: PublicGoodsView): number | null {
  const last = v.history[v.history.length - 1];
  if (!last) return null;
  let sum = 0;
  let n = 0;
  last.contributions.forEach((c, s) => {
    if (s !== v.seat) [sum, n] = [sum + c, n + 1];
  });
  return n ? sum / n : null;
}

/** Mean of the other seats' contributions already visible this round (sequential predecessors), or null. */
export function othersCurrentAverage(v: PublicGoodsView): number | null {
  let sum = 0;
  let n = 0;
  v.current.forEach((c, s) => {
    if (s !== v.seat && c !== null) [sum, n] = [sum + c, n + 1];
  });
  return n ? sum / n : null;
}

/** The freshest estimate of what the others give: this round's predecessors, else last round. */
export function othersReference(v: PublicGoodsView): number | null {
  return othersCurrentAverage(v) ?? othersLastAverage(v);
}

/** A legal contribution close to `amount`: clamped to [0, e], rounded in integer mode. */
export function contributionOf(v: PublicGoodsView, amount: number): ContributeAction {
  const x = Math.min(v.endowment, Math.max(0, amount));
  return contribute(v.contributionMode === 'integer' ? Math.round(x) : x);
}

export function noPunishment(v: PublicGoodsView): PunishAction {
  return punish(new Array<number>(v.players).fill(0));
}
