/** The battlefield from one seat's view, as fighters: own actives, foe actives, own bench. */
import type { VgcObs, MonView } from '../../games/vgc/view.ts';
import { fighter, type Fighter } from './estimate.ts';

export interface Field {
  seat: number;
  /** Own actives by slot (undefined = empty). */
  mine: (Fighter | undefined)[];
  /** Foe actives by slot. */
  foes: (Fighter | undefined)[];
  /** Own bench by party position (1-based position → fighter), live only. */
  bench: Map<number, Fighter>;
  myTailwind: boolean;
  foeTailwind: boolean;
  room: boolean;
}

function bySlot(team: MonView[]): (Fighter | undefined)[] {
  const out: (Fighter | undefined)[] = [undefined, undefined];
  for (const m of team) if (m.slot) out[m.slot === 'a' ? 0 : 1] = fighter(m);
  return out;
}

export function readField(obs: VgcObs, seat: number): Field {
  const me = obs.sides[seat]!,
    foe = obs.sides[1 - seat]!;
  const bench = new Map<number, Fighter>();
  for (const m of me.team) if (m.party !== undefined && !m.slot && m.hpPercent > 0) bench.set(m.party, fighter(m));
  return {
    seat,
    mine: bySlot(me.team),
    foes: bySlot(foe.team),
    bench,
    myTailwind: me.tailwind > 0,
    foeTailwind: foe.tailwind > 0,
    room: obs.room > 0,
  };
}
