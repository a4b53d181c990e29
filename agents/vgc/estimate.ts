/**
 * What a VGC agent can work out from its own view: the stats of any creature (everyone is level 50
 * with the same spread, so species gives the stats), and the expected damage of a move, using the
 * engine's own formula (games/vgc/damage.ts) with the mean roll, accuracy and crit odds folded in.
 */
import { MOVE_INDEX, MOVES, type MoveData } from '../../games/vgc/data/moves.ts';
import { SPECIES, SPECIES_INDEX } from '../../games/vgc/data/species.ts';
import { TYPES, effectiveness, typeIndex } from '../../games/vgc/data/types.ts';
import { applyModifiers, baseDamage } from '../../games/vgc/damage.ts';
import { LEVEL, boosted, statsFromBase } from '../../games/vgc/stats.ts';
import type { MonView } from '../../games/vgc/view.ts';

/** A creature as an agent models it: known or inferred numbers. */
export interface Fighter {
  types: number[];
  /** hp, atk, def, spa, spd, spe (max HP first). */
  stats: number[];
  boosts: number[];
  hp: number;
  burned: boolean;
  paralysed: boolean;
  status: string;
  species: string;
  /** Known move indices (own: all four; foe: revealed). */
  moves: number[];
}

const statCache = new Map<string, number[]>();
function speciesStats(name: string): number[] {
  let s = statCache.get(name);
  if (!s) statCache.set(name, (s = statsFromBase(SPECIES[SPECIES_INDEX.get(name.toLowerCase())!]!.base)));
  return s;
}

export function fighter(m: MonView): Fighter {
  const st = speciesStats(m.species);
  const stats = m.stats && m.maxHp ? [m.maxHp, ...m.stats] : st;
  return {
    types: m.types.map(typeIndex),
    stats,
    boosts: m.boosts ?? [0, 0, 0, 0, 0],
    hp: m.hp ?? Math.round((m.hpPercent / 100) * stats[0]!),
    burned: m.status === 'brn',
    paralysed: m.status === 'par',
    status: m.status,
    species: m.species,
    moves: m.moves.map((id) => MOVE_INDEX.get(id)!),
  };
}

export function typeEffect(mv: MoveData, def: Fighter): number {
  return effectiveness(typeIndex(mv.type), def.types[0]!, def.types[1] ?? -1);
}

/** Expected HP removed by one use of `mv` on `def` (before clamping to its HP). */
export function expectedDamage(att: Fighter, mv: MoveData, def: Fighter, spread: boolean): number {
  if (mv.category === 'status' || mv.power === 0) return 0;
  const eff = typeEffect(mv, def);
  if (eff === 0) return 0;
  const phys = mv.category === 'physical';
  const a = boosted(att.stats[phys ? 1 : 3]!, att.boosts[phys ? 0 : 2]!);
  const d = boosted(def.stats[phys ? 2 : 4]!, def.boosts[phys ? 1 : 3]!);
  const mt = typeIndex(mv.type);
  const base = baseDamage(LEVEL, mv.power, a, d);
  // Roll 92 ≈ the mean of 85..100; crit adds 1/24 of half again.
  const dmg = applyModifiers(base, {
    spread,
    crit: false,
    rollDraw: 8,
    stab: att.types.includes(mt),
    effectiveness: eff,
    burned: att.burned,
    physical: phys,
  });
  const acc = mv.accuracy === 0 ? 1 : mv.accuracy / 100;
  return dmg * acc * (1 + 0.5 / 24);
}

export function speedOf(f: Fighter, tailwind: boolean): number {
  let s = boosted(f.stats[5]!, f.boosts[4]!);
  if (tailwind) s *= 2;
  if (f.paralysed) s = Math.floor(s / 2);
  return s;
}

/**
 * How hard `foe` can hit `me`: the best of its revealed moves and a guessed 90-power STAB attack
 * of each of its types from its better attacking stat (it may not have shown its moves yet).
 */
export function threat(foe: Fighter, me: Fighter): number {
  let best = 0;
  for (const mi of foe.moves) best = Math.max(best, expectedDamage(foe, MOVES[mi]!, me, false));
  const physical = foe.stats[1]! >= foe.stats[3]!;
  for (const t of foe.types) best = Math.max(best, expectedDamage(foe, GUESS[physical ? 0 : 1]![t]!, me, false));
  return best;
}

const GUESS: MoveData[][] = (['physical', 'special'] as const).map((category) =>
  TYPES.map((type) => ({
    id: `guess-${type}`,
    name: `${type} attack`,
    type,
    category,
    power: 90,
    accuracy: 100,
    priority: 0,
    target: 'normal' as const,
  })),
);

export function isSpread(mv: MoveData): boolean {
  return mv.target === 'foes' || mv.target === 'allOthers';
}
