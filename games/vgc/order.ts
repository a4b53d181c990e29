/**
 * Order of play within a turn (REFERENCES.md, Showdown sim/battle-queue.ts): switches first, then
 * moves by priority, then by speed, fastest first — slowest first while the room effect is up.
 * Exact ties are broken by the battle's PRNG (a shuffle of each tied run), as Showdown's speedSort.
 */
import type { Rng } from '../core/rng.ts';

export interface QueueEntry {
  seat: number;
  slot: number;
  /** Slot code (see actions.ts): a move, or a switch. */
  code: number;
  isSwitch: boolean;
  priority: number;
  /** Effective speed at the start of the turn. */
  speed: number;
}

/** Negative when a goes first. Switches act before every move. */
export function compareEntries(a: QueueEntry, b: QueueEntry, room: boolean): number {
  if (a.isSwitch !== b.isSwitch) return a.isSwitch ? -1 : 1;
  if (a.priority !== b.priority) return b.priority - a.priority;
  return room ? a.speed - b.speed : b.speed - a.speed;
}

/** Sorts in place: by compareEntries, then each run of exact ties in a random order. */
export function sortQueue(q: QueueEntry[], room: boolean, rng: Rng): QueueEntry[] {
  q.sort((a, b) => compareEntries(a, b, room));
  let i = 0;
  while (i < q.length) {
    let j = i + 1;
    while (j < q.length && compareEntries(q[i]!, q[j]!, room) === 0) j++;
    if (j - i > 1) {
      for (let k = j - 1; k > i; k--) {
        const r = i + rng.int(k - i + 1);
        const t = q[k]!;
        q[k] = q[r]!;
        q[r] = t;
      }
    }
    i = j;
  }
  return q;
}
