/**
 * Hooks for the kernel's conformance suite: variants of a state that differ only in what a viewer
 * may not know (so the leak test bites), and schema-valid near-miss actions that must be refused.
 */
import type { Rng } from '../core/rng.ts';
import type { SeatOrSpectator } from '../core/types.ts';
import { MOVES } from './data/moves.ts';
import { LEARNSETS } from './data/species.ts';
import { activeMon, partyMon, type VgcState } from './state.ts';
import { legalActions } from './actions.ts';

/**
 * Changes one hidden fact of a side the viewer does not own: an unrevealed move or held item of one
 * of its creatures, or (after preview) which unseen creature was brought instead of one left behind.
 */
export function perturbHidden(state: VgcState, who: SeatOrSpectator, rng: Rng): VgcState | undefined {
  const seats = who === 'spectator' ? [0, 1] : [1 - who];
  const options: (() => void)[] = [];
  for (const seat of seats) {
    const side = state.sides[seat]!;
    for (const m of side.team) {
      if (!m.itemRevealed) options.push(() => (m.item = m.item === 3 ? -1 : m.item + 1)); // another item, or none
      for (let k = 0; k < 4; k++) {
        if (m.revealed & (1 << k)) continue;
        const alt = LEARNSETS[m.species]!.filter((x) => !m.moves.includes(x));
        if (alt.length) options.push(() => (m.moves[k] = rng.pick(alt)));
      }
    }
    if (side.party.length === 4) {
      const unseenBrought = side.party.map((t, p) => ({ t, p })).filter(({ t }) => !side.team[t]!.seen);
      const left = [0, 1, 2, 3, 4, 5].filter((t) => !side.party.includes(t));
      for (const { p } of unseenBrought) for (const t of left) options.push(() => (side.party[p] = t));
    }
  }
  if (options.length === 0) return undefined;
  rng.pick(options)();
  return state;
}

/** Schema-valid actions that are not legal now (move 5, a fainted or active switch target, bad targets...). */
export function illegalActions(state: VgcState, seat: number): unknown[] {
  if (state.phase === 'preview')
    return [{ bring: [1, 1, 2, 3] }, { bring: [1, 2, 3, 7] }, { a: { move: 1, target: 'foe1' }, b: 'pass' }];
  const side = state.sides[seat]!;
  const good = legalActions(state, seat)[0] as { a: unknown; b: unknown };
  const out: unknown[] = [{ bring: [1, 2, 3, 4] }];
  out.push({ a: { move: 5, target: 'foe1' }, b: good.b }, { a: good.a, b: { switch: 5 } });
  for (let p = 0; p < side.party.length; p++) {
    const isActive = side.active[0] === p || side.active[1] === p;
    const fainted = partyMon(side, p).hp <= 0;
    if (isActive || fainted) out.push({ a: { switch: p + 1 }, b: good.b }, { a: good.a, b: { switch: p + 1 } });
  }
  for (let slot = 0; slot < 2; slot++) {
    const mon = activeMon(side, slot);
    const other = slot === 0 ? good.b : good.a;
    const put = (c: unknown) => out.push(slot === 0 ? { a: c, b: other } : { a: other, b: c });
    if (!mon) {
      put({ move: 1, target: 'foe1' });
      continue;
    }
    if (state.phase === 'switch') {
      put({ move: 1, target: 'foe1' });
      continue;
    }
    put('pass');
    for (let k = 0; k < 4; k++) {
      const mv = MOVES[mon.moves[k]!]!;
      if (mv.target === 'normal') put({ move: k + 1 });
      else put({ move: k + 1, target: 'foe1' });
    }
    for (let t = 0; t < 2; t++)
      if (!activeMon(state.sides[1 - seat]!, t))
        put({ move: firstTargeted(mon.moves) ?? 1, target: t === 0 ? 'foe1' : 'foe2' });
    if (!activeMon(side, 1 - slot)) put({ move: firstTargeted(mon.moves) ?? 1, target: 'ally' });
  }
  // Both slots sending in the same creature.
  for (let p = 0; p < side.party.length; p++) out.push({ a: { switch: p + 1 }, b: { switch: p + 1 } });
  return out;
}

function firstTargeted(moves: number[]): number | undefined {
  const k = moves.findIndex((x) => MOVES[x]!.target === 'normal');
  return k < 0 ? undefined : k + 1;
}
