/**
 * The damage formula, as in smogon/pokemon-showdown sim/battle-actions.ts (getDamage, modifyDamage)
 * and docs/references.md:
 *   base = floor(floor(floor(2·L/5 + 2) · power · A / D) / 50) + 2
 * then, in this order: spread 0.75 (more than one target), critical hit 1.5, random roll
 * (85..100)/100, STAB 1.5, type effectiveness (×2 per weakness, halved per resistance, 0 for
 * immunity), burn 0.5 on physical moves. Fractional modifiers use Showdown's 4096-based rounding
 * (`battle.modify`); crit and the roll truncate. A hit that is not an immunity does at least 1.
 */

/** Showdown's `battle.modify(value, factor)`: 4096-based fixed point, rounding half down. */
export function modify(value: number, factor: number): number {
  const modifier = Math.trunc(factor * 4096);
  return Math.trunc((Math.trunc(value * modifier) + 2048 - 1) / 4096);
}

export function baseDamage(level: number, power: number, attack: number, defense: number): number {
  return Math.floor(Math.floor((Math.floor((2 * level) / 5 + 2) * power * attack) / defense) / 50) + 2;
}

export interface DamageModifiers {
  spread: boolean;
  crit: boolean;
  /** Random roll draw in [0, 15]; the roll is (100 − draw)/100, i.e. 85..100 %. */
  rollDraw: number;
  stab: boolean;
  /** Type effectiveness multiplier: 0, 0.25, 0.5, 1, 2 or 4. */
  effectiveness: number;
  burned: boolean;
  physical: boolean;
}

export function applyModifiers(base: number, m: DamageModifiers): number {
  if (m.effectiveness === 0) return 0;
  let d = base;
  if (m.spread) d = modify(d, 0.75);
  if (m.crit) d = Math.trunc(d * 1.5);
  d = Math.trunc(Math.trunc(d * (100 - m.rollDraw)) / 100);
  if (m.stab) d = modify(d, 1.5);
  if (m.effectiveness >= 2) d *= m.effectiveness;
  else if (m.effectiveness === 0.5) d = Math.trunc(d / 2);
  else if (m.effectiveness === 0.25) d = Math.trunc(Math.trunc(d / 2) / 2);
  if (m.burned && m.physical) d = modify(d, 0.5);
  return d === 0 ? 1 : d;
}

/** Mean of the 16 rolls, for agents that plan with expected damage (no crit, no spread). */
export function meanRollFactor(): number {
  return 0.925;
}
