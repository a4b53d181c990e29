/**
 * Memory-one strategies, game-agnostic: a 4-vector of cooperation probabilities after each
 * realised joint outcome of the previous turn, from the player's OWN point of view, ordered
 * (CC, CD, DC, DD) = (I cooperated & they cooperated, I C & they D, I D & they C, I D & they D),
 * plus the probability of cooperating on the first turn. This is the convention of
 * axelrod/strategies/memoryone.py and of Press & Dyson (2012).
 *
 * A strategy exposes its vector through `meta.memoryOne` (for the default table) and, when the
 * vector depends on the payoffs (GTFT, zero-determinant strategies), `meta.memoryOneFor(payoffs)`.
 */
import type { AgentSpec } from '../../core/agent.ts';

export interface MemoryOne {
  /** P(C | CC), P(C | CD), P(C | DC), P(C | DD), own point of view. */
  p: readonly [number, number, number, number];
  /** P(C) on the first turn. */
  initial: number;
}

/** A 2×2 table from one player's point of view (R = CC, S = CD, T = DC, P = DD). */
export interface Table {
  R: number;
  S: number;
  T: number;
  P: number;
}

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

/** Probabilities clamped to [0, 1] (formulas such as ZD's can leave the unit interval outside the PD). */
export function clampMemoryOne(m: MemoryOne): MemoryOne {
  return { p: [clamp01(m.p[0]), clamp01(m.p[1]), clamp01(m.p[2]), clamp01(m.p[3])], initial: clamp01(m.initial) };
}

/** The strategy's vector for a table, or undefined when the agent is not memory-one. */
export function memoryOneOf(spec: AgentSpec, table?: Table): MemoryOne | undefined {
  const meta = spec.meta ?? {};
  const forTable = meta.memoryOneFor;
  if (table && typeof forTable === 'function') return clampMemoryOne((forTable as (t: Table) => MemoryOne)(table));
  const fixed = meta.memoryOne as MemoryOne | undefined;
  if (fixed && Array.isArray(fixed.p) && fixed.p.length === 4 && typeof fixed.initial === 'number')
    return clampMemoryOne(fixed);
  return undefined;
}

/** Index of a realised joint outcome in the 4-vector, from the point of view of the player moving `mine`. */
export function outcomeIndex(mineDefected: boolean, theirsDefected: boolean): number {
  return (mineDefected ? 2 : 0) + (theirsDefected ? 1 : 0);
}
