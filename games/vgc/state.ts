/**
 * The battle state: flat, mutable plain objects (no classes except the Rng), so that a step
 * allocates little and `clone` is a cheap hand-written copy. `step` mutates the state it is given
 * (see games/core/types.ts, ownership rule).
 */
import type { GameEvent, Json } from '../core/types.ts';
import { Rng } from '../core/rng.ts';
import { SPECIES } from './data/species.ts';
import { typeIndex } from './data/types.ts';
import { statsFromBase } from './stats.ts';
import type { TeamIndices } from './teams.ts';
import type { VgcConfig } from './config.ts';

export const STATUS_NAMES = ['', 'brn', 'par', 'psn', 'slp'] as const;
/** Status codes: index into STATUS_NAMES. */
export type Status = 0 | 1 | 2 | 3 | 4;
export const NONE = 0,
  BRN = 1,
  PAR = 2,
  PSN = 3,
  SLP = 4;

/** Stat indices in `stats` and `boosts`. */
export const ATK = 0,
  DEF = 1,
  SPA = 2,
  SPD = 3,
  SPE = 4;
export const BOOST_NAMES = ['atk', 'def', 'spa', 'spd', 'spe'] as const;

export interface Mon {
  species: number;
  type1: number;
  /** -1 when single-typed. */
  type2: number;
  /** Move indices (4). */
  moves: number[];
  maxHp: number;
  hp: number;
  /** atk, def, spa, spd, spe before stages. */
  stats: number[];
  /** Stages −6..6 for atk, def, spa, spd, spe. */
  boosts: number[];
  status: Status;
  /** Turns of sleep left. */
  sleep: number;
  /** Consecutive successful Protects (each further one succeeds with chance 1/3^n). */
  protectChain: number;
  protecting: boolean;
  flinched: boolean;
  /** Move actions since it last came in (first-turn-only moves need 0). */
  actions: number;
  /** Bit k set once move slot k has been used in front of the opponent. */
  revealed: number;
  /** Has been sent out at least once (so the opponent knows it was brought). */
  seen: boolean;
  /** Held item (data/items.ts), -1 for none. */
  item: number;
  /** A one-use item has been used up. */
  itemUsed: boolean;
  /** The opponent has seen the item act. */
  itemRevealed: boolean;
}

export interface Side {
  team: Mon[];
  /** Team indices of the 4 brought, in bring order (empty before team preview). */
  party: number[];
  /** Party positions (0..3) in slots a and b, or -1 for an empty slot. */
  active: number[];
  /** Turns of tailwind left (0 = none). */
  tailwind: number;
  /** Slot that redirects foes' single-target moves this turn, or -1. */
  redirect: number;
}

export type Phase = 'preview' | 'move' | 'switch' | 'over';

export interface VgcState {
  config: VgcConfig;
  rng: Rng;
  phase: Phase;
  /** Completed turns. */
  turn: number;
  sides: Side[];
  /** Turns of the room effect left (0 = none). */
  room: number;
  /** Set when the battle is over: winning seat or null for a draw. */
  winner: number | null | undefined;
  reason: string;
  /** Events of the last step (shown to each seat through its view). */
  events: GameEvent[];
}

export function makeMon(species: number, moves: readonly number[], item = -1): Mon {
  const sp = SPECIES[species]!;
  const st = statsFromBase(sp.base);
  return {
    species,
    type1: typeIndex(sp.types[0]),
    type2: sp.types[1] ? typeIndex(sp.types[1]) : -1,
    moves: [...moves],
    maxHp: st[0]!,
    hp: st[0]!,
    stats: st.slice(1),
    boosts: [0, 0, 0, 0, 0],
    status: NONE,
    sleep: 0,
    protectChain: 0,
    protecting: false,
    flinched: false,
    actions: 0,
    revealed: 0,
    seen: false,
    item,
    itemUsed: false,
    itemRevealed: false,
  };
}

export function makeSide(team: TeamIndices): Side {
  return {
    team: team.species.map((sp, k) => makeMon(sp, team.moves[k]!, team.items?.[k] ?? -1)),
    party: [],
    active: [-1, -1],
    tailwind: 0,
    redirect: -1,
  };
}

/** The creature in a slot, or undefined when the slot is empty. */
export function activeMon(side: Side, slot: number): Mon | undefined {
  const p = side.active[slot]!;
  return p < 0 ? undefined : side.team[side.party[p]!];
}

export function partyMon(side: Side, pos: number): Mon {
  return side.team[side.party[pos]!]!;
}

export function aliveCount(side: Side): number {
  let n = 0;
  for (const i of side.party) if (side.team[i]!.hp > 0) n++;
  return n;
}

function cloneMon(m: Mon): Mon {
  return { ...m, moves: m.moves.slice(), stats: m.stats.slice(), boosts: m.boosts.slice() };
}

function cloneSide(s: Side): Side {
  return {
    team: s.team.map(cloneMon),
    party: s.party.slice(),
    active: s.active.slice(),
    tailwind: s.tailwind,
    redirect: s.redirect,
  };
}

export function cloneState(s: VgcState): VgcState {
  return { ...s, rng: s.rng.clone(), sides: s.sides.map(cloneSide), events: s.events.slice() };
}

export function serializeState(s: VgcState): Json {
  const winner = hashedWinner(s);
  return JSON.parse(
    JSON.stringify({
      config: s.config,
      rng: s.rng.state(),
      phase: s.phase,
      turn: s.turn,
      room: s.room,
      winner: winner === undefined ? 'none' : winner,
      reason: s.reason,
      sides: s.sides,
      events: winner === s.winner ? s.events : s.events.map((e) => (e.type === 'end' ? { ...e, winner } : e)),
    }),
  ) as Json;
}

/**
 * The winner as the hashed form has always written it. When both sides ran out of creatures in the
 * same turn the battle used to be a draw; it now goes to the side that ran out last (battle.ts,
 * lastStanding). That verdict follows from the turn's events, which are hashed, so writing the old
 * `null` loses nothing and keeps stored replays re-simulating to their recorded hash
 * (test/vgc/outcome.test.ts pins hashes recorded before the change).
 */
function hashedWinner(s: VgcState): number | null | undefined {
  if (
    s.phase === 'over' &&
    s.reason === 'all-fainted' &&
    aliveCount(s.sides[0]!) === 0 &&
    aliveCount(s.sides[1]!) === 0
  )
    return null;
  return s.winner;
}
