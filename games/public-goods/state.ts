/** Engine state of the simultaneous public goods game (plain JSON; completed rounds are frozen). */
import { Rng } from '../core/rng.ts';
import type { PublicGoodsConfig } from './config.ts';

export interface RoundRecord {
  readonly contributions: readonly number[];
  /** Punishment matrix, rows = punisher, columns = target; null without a punishment stage. */
  readonly points: readonly (readonly number[])[] | null;
  /** Column sums of `points` (public). */
  readonly received: readonly number[] | null;
  /** Round payoffs per seat (after punishment). */
  readonly payoffs: readonly number[];
}

export interface PublicGoodsState {
  config: PublicGoodsConfig;
  /** The engine PRNG (only drawn from for probEnd). */
  rng: number[];
  stage: 'contribute' | 'punish' | 'over';
  /** Rounds completed. */
  round: number;
  /** This round's contributions while the punishment stage is open. */
  pending: number[] | null;
  history: RoundRecord[];
  totals: number[];
  endReason: 'rounds' | 'prob-end' | null;
}

/** Records never change once made; freezing lets views and clones share them safely. */
export function freezeRecord(r: RoundRecord): RoundRecord {
  Object.freeze(r.contributions);
  Object.freeze(r.payoffs);
  if (r.received) Object.freeze(r.received);
  if (r.points) {
    for (const row of r.points) Object.freeze(row);
    Object.freeze(r.points);
  }
  return Object.freeze(r);
}

/** Conformance hook: a state that differs only in its PRNG stream, i.e. in when a probEnd match ends (hidden from all). */
export function perturbRng<S extends { rng: number[] }>(state: S, rng: Rng): S {
  state.rng = Rng.seeded(rng.uint32()).state();
  return state;
}
