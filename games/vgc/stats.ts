/**
 * Stats at level 50 with every IV 31, no EVs and a neutral nature (Showdown's spreadless stat
 * formula, sim/dex-species.ts / sim/battle.ts `statModify`):
 *   HP    = floor((2·B + 31) · L / 100) + L + 10
 *   other = floor((2·B + 31) · L / 100) + 5
 * Stat stages multiply by (2 + s) / 2 for s ≥ 0 and 2 / (2 − s) for s < 0, then floor.
 */
export const LEVEL = 50;
const IV = 31;

export function hpStat(base: number, level = LEVEL): number {
  return Math.floor(((2 * base + IV) * level) / 100) + level + 10;
}

export function otherStat(base: number, level = LEVEL): number {
  return Math.floor(((2 * base + IV) * level) / 100) + 5;
}

/** [hp, atk, def, spa, spd, spe] from the six base stats. */
export function statsFromBase(base: readonly number[], level = LEVEL): number[] {
  return [hpStat(base[0]!, level), ...base.slice(1).map((b) => otherStat(b, level))];
}

export function stageMultiplier(stage: number): number {
  return stage >= 0 ? (2 + stage) / 2 : 2 / (2 - stage);
}

export function boosted(stat: number, stage: number): number {
  return stage === 0 ? stat : Math.floor(stat * stageMultiplier(stage));
}
