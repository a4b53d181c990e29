/**
 * Fixed-size numeric observation for networks. Layout (all values roughly in [-1, 1]):
 *   global (8): phase one-hot (preview, move, switch, over), turn / cap, room turns / 5,
 *               own tailwind / 4, foe tailwind / 4
 *   then 12 creature blocks of MON_FEATURES: the viewer's six (team order), then the foe's six.
 *   Spectators see seat 0 as "own", with the public view of both sides.
 * A creature block: present, seen, fainted, hp fraction, slot a, slot b, party position one-hot (4),
 *   status one-hot (5), stages / 6 (5), types multi-hot (18), base stats / 200 (6), known item
 *   one-hot (4) and item-used (1), and per move
 *   slot (4 ×): known, type one-hot (18), power / 150, accuracy / 100, priority / 7,
 *   physical, special, status, spread.
 */
import { MOVE_INDEX, MOVES } from './data/moves.ts';
import { SPECIES, SPECIES_INDEX } from './data/species.ts';
import { NUM_TYPES, typeIndex } from './data/types.ts';
import { ITEMS, ITEM_INDEX } from './data/items.ts';
import type { MonView, VgcObs } from './view.ts';

const GLOBAL = 8;
const MOVE_FEATURES = 1 + NUM_TYPES + 3 + 3 + 1;
const ITEM_FEATURES = ITEMS.length + 1;
export const MON_FEATURES = 6 + 4 + 5 + 5 + NUM_TYPES + 6 + ITEM_FEATURES + 4 * MOVE_FEATURES;
export const OBS_SIZE = GLOBAL + 12 * MON_FEATURES;

const PHASES = ['preview', 'move', 'switch', 'over'];
const STATUSES = ['', 'brn', 'par', 'psn', 'slp'];

function encodeMon(m: MonView, out: Float32Array, o: number): void {
  out[o] = 1;
  out[o + 1] = m.seen ? 1 : 0;
  out[o + 2] = m.seen && m.hpPercent === 0 ? 1 : 0;
  out[o + 3] = m.hp !== undefined && m.maxHp ? m.hp / m.maxHp : m.hpPercent / 100;
  out[o + 4] = m.slot === 'a' ? 1 : 0;
  out[o + 5] = m.slot === 'b' ? 1 : 0;
  if (m.party) out[o + 6 + m.party - 1] = 1;
  let k = o + 10;
  out[k + Math.max(0, STATUSES.indexOf(m.status))] = 1;
  k += 5;
  if (m.boosts) for (let i = 0; i < 5; i++) out[k + i] = m.boosts[i]! / 6;
  k += 5;
  for (const t of m.types) out[k + typeIndex(t)] = 1;
  k += NUM_TYPES;
  const sp = SPECIES[SPECIES_INDEX.get(m.species.toLowerCase())!]!;
  for (let i = 0; i < 6; i++) out[k + i] = sp.base[i]! / 200;
  k += 6;
  if (m.item !== undefined) out[k + ITEM_INDEX.get(m.item)!] = 1;
  if (m.itemUsed) out[k + ITEMS.length] = 1;
  k += ITEM_FEATURES;
  for (let s = 0; s < 4; s++, k += MOVE_FEATURES) {
    const id = m.moves[s];
    if (id === undefined) continue;
    const mv = MOVES[MOVE_INDEX.get(id)!]!;
    out[k] = 1;
    out[k + 1 + typeIndex(mv.type)] = 1;
    const j = k + 1 + NUM_TYPES;
    out[j] = mv.power / 150;
    out[j + 1] = mv.accuracy === 0 ? 1 : mv.accuracy / 100;
    out[j + 2] = mv.priority / 7;
    out[j + 3 + ['physical', 'special', 'status'].indexOf(mv.category)] = 1;
    out[j + 6] = mv.target === 'foes' || mv.target === 'allOthers' ? 1 : 0;
  }
}

export function encode(obs: VgcObs, out?: Float32Array): Float32Array {
  const v = out ?? new Float32Array(OBS_SIZE);
  v.fill(0);
  const own = obs.who === 'spectator' ? 0 : obs.who;
  v[PHASES.indexOf(obs.phase)] = 1;
  v[4] = obs.turn / obs.turnCap;
  v[5] = obs.room / 5;
  v[6] = obs.sides[own]!.tailwind / 4;
  v[7] = obs.sides[1 - own]!.tailwind / 4;
  let o = GLOBAL;
  for (const seat of [own, 1 - own]) {
    for (const m of obs.sides[seat]!.team) {
      encodeMon(m, v, o);
      o += MON_FEATURES;
    }
  }
  return v;
}
