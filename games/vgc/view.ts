/**
 * Views (observations). The one place where hidden information is redacted, in the spirit of
 * Showdown's `|split|`: a seat sees all of its own team; of the opponent it sees the six species
 * (team preview), then only what has been revealed — who was sent out, HP as a percentage, status,
 * stat stages while active, and moves once used. Spectators get the public view of both sides.
 */
import type { GameEvent, SeatOrSpectator } from '../core/types.ts';
import { MOVES } from './data/moves.ts';
import { SPECIES } from './data/species.ts';
import { ITEMS } from './data/items.ts';
import { hpPercent } from './battle.ts';
import { STATUS_NAMES, type Mon, type Phase, type Side, type VgcState } from './state.ts';

export interface MonView {
  /** Position in the team as shown at preview (1..6). */
  index: number;
  species: string;
  types: string[];
  /** Known: own creatures always; the opponent's once sent out. */
  seen: boolean;
  hpPercent: number;
  status: string;
  /** Slot 'a' / 'b' when on the field. */
  slot?: 'a' | 'b';
  /** Stat stages atk, def, spa, spd, spe (public while active). */
  boosts?: number[];
  /** Own creatures: all four move ids; the opponent's: those used so far. */
  moves: string[];
  /** Own creatures only. */
  hp?: number;
  maxHp?: number;
  /** Own creatures only: atk, def, spa, spd, spe. */
  stats?: number[];
  /** Own creatures only: 1..4 party position once brought (what `switch N` refers to). */
  party?: number;
  /** Held item id: own creatures always; the opponent's once it has acted. */
  item?: string;
  /** The one-use item is spent. */
  itemUsed?: boolean;
}

export interface SideView {
  seat: number;
  /** The whole team (6), in preview order. */
  team: MonView[];
  /** Creatures still able to fight (4 minus the fainted after preview). */
  left: number;
  tailwind: number;
}

export interface VgcObs {
  who: SeatOrSpectator;
  phase: Phase;
  turn: number;
  turnCap: number;
  room: number;
  /** Indexed by seat. */
  sides: SideView[];
  /** What happened in the last step (public events). */
  events: GameEvent[];
  winner?: number | null;
  reason?: string;
}

function slotOf(side: Side, teamIdx: number): 'a' | 'b' | undefined {
  for (let s = 0; s < 2; s++) {
    const p = side.active[s]!;
    if (p >= 0 && side.party[p] === teamIdx) return s === 0 ? 'a' : 'b';
  }
  return undefined;
}

/** Type names per species, shared and frozen (views are rebuilt every step, so they avoid copies). */
const TYPE_NAMES: readonly string[][] = SPECIES.map((sp) => Object.freeze([...sp.types]) as string[]);

function ownMon(side: Side, m: Mon, i: number): MonView {
  const slot = slotOf(side, i);
  const pos = side.party.indexOf(i);
  const v: MonView = {
    index: i + 1,
    species: SPECIES[m.species]!.name,
    types: TYPE_NAMES[m.species]!,
    seen: true,
    hpPercent: hpPercent(m),
    status: STATUS_NAMES[m.status],
    moves: [MOVES[m.moves[0]!]!.id, MOVES[m.moves[1]!]!.id, MOVES[m.moves[2]!]!.id, MOVES[m.moves[3]!]!.id],
    hp: m.hp,
    maxHp: m.maxHp,
    stats: m.stats.slice(),
  };
  if (slot) {
    v.slot = slot;
    v.boosts = m.boosts.slice();
  }
  if (pos >= 0) v.party = pos + 1;
  if (m.item >= 0) {
    v.item = ITEMS[m.item]!.id;
    if (m.itemUsed) v.itemUsed = true;
  }
  return v;
}

function publicMon(side: Side, m: Mon, i: number): MonView {
  const sp = SPECIES[m.species]!;
  if (!m.seen)
    return {
      index: i + 1,
      species: sp.name,
      types: TYPE_NAMES[m.species]!,
      seen: false,
      hpPercent: 100,
      status: '',
      moves: [],
    };
  const slot = slotOf(side, i);
  const moves: string[] = [];
  for (let k = 0; k < 4; k++) if (m.revealed & (1 << k)) moves.push(MOVES[m.moves[k]!]!.id);
  const v: MonView = {
    index: i + 1,
    species: sp.name,
    types: TYPE_NAMES[m.species]!,
    seen: true,
    hpPercent: hpPercent(m),
    status: STATUS_NAMES[m.status],
    moves,
  };
  if (slot) {
    v.slot = slot;
    v.boosts = m.boosts.slice();
  }
  if (m.itemRevealed) {
    v.item = ITEMS[m.item]!.id;
    if (m.itemUsed) v.itemUsed = true;
  }
  return v;
}

function sideView(state: VgcState, seat: number, own: boolean): SideView {
  const side = state.sides[seat]!;
  let left = 0;
  if (side.party.length === 0) left = 4;
  else for (const i of side.party) if (side.team[i]!.hp > 0) left++;
  return {
    seat,
    team: side.team.map((m, i) => (own ? ownMon(side, m, i) : publicMon(side, m, i))),
    left,
    tailwind: side.tailwind,
  };
}

export function observe(state: VgcState, who: SeatOrSpectator): VgcObs {
  return {
    who,
    phase: state.phase,
    turn: state.turn,
    turnCap: state.config.turnCap,
    room: state.room,
    sides: [sideView(state, 0, who === 0), sideView(state, 1, who === 1)],
    events: state.events,
    ...(state.phase === 'over' ? { winner: state.winner ?? null, reason: state.reason } : {}),
  };
}
