/**
 * The move table: original moves, one row each. Columns: id, name, type, category, power, accuracy
 * (0 = never misses), priority, targeting, then effects. `universal` moves can be learned by every
 * species; otherwise a species learns the moves of its own types plus its listed extras (species.ts).
 *
 * Targeting (doubles): 'normal' = one adjacent creature (either foe, or the ally), 'foes' = both foes
 * (spread), 'allOthers' = both foes and the ally (spread), 'self', 'ally', 'side' = the user's side
 * (the tailwind-like effect), 'field' = the whole field (the room-like effect).
 */
import type { TypeName } from './types.ts';

export type Category = 'physical' | 'special' | 'status';
export type MoveTarget = 'normal' | 'foes' | 'allOthers' | 'self' | 'ally' | 'side' | 'field';
export type StatusName = 'brn' | 'par' | 'psn' | 'slp';
export type BoostStat = 'atk' | 'def' | 'spa' | 'spd' | 'spe';
export type Boosts = Partial<Record<BoostStat, number>>;

export interface Secondary {
  /** Percent chance per target hit. */
  chance: number;
  status?: StatusName;
  flinch?: boolean;
  /** Stat stages applied to the target. */
  boosts?: Boosts;
}

export interface MoveData {
  id: string;
  name: string;
  type: TypeName;
  category: Category;
  power: number;
  /** Percent; 0 means the move never misses. */
  accuracy: number;
  priority: number;
  target: MoveTarget;
  /** Status inflicted by a status-category move. */
  status?: StatusName;
  /** Stat stages applied by a status move: to the target, or to the user for 'self'. */
  boosts?: Boosts;
  /** Stat stages the user gets after a damaging move (e.g. a drop after an all-out attack). */
  selfBoosts?: Boosts;
  secondary?: Secondary;
  /** Fraction of max HP restored (self or ally status moves). */
  heal?: number;
  /** Fraction of damage dealt restored to the user. */
  drain?: number;
  /** Fraction of damage dealt taken back by the user. */
  recoil?: number;
  protect?: boolean;
  /** Fails unless it is the user's first action since it came in. */
  firstTurnOnly?: boolean;
  /** Doubles the speed of the user's side for 4 turns (this one included). */
  tailwind?: boolean;
  /** Reverses the speed order for 5 turns (this one included); using it again ends it. */
  room?: boolean;
  /** Draws the foes' single-target moves to the user for the rest of the turn. */
  redirect?: boolean;
  universal?: boolean;
}

type Extra = Omit<MoveData, 'id' | 'name' | 'type' | 'category' | 'power' | 'accuracy' | 'priority' | 'target'>;

function m(
  id: string,
  name: string,
  type: TypeName,
  category: Category,
  power: number,
  accuracy: number,
  priority: number,
  target: MoveTarget,
  extra: Extra = {},
): MoveData {
  return { id, name, type, category, power, accuracy, priority, target, ...extra };
}

const P = 'physical',
  S = 'special',
  X = 'status';

export const MOVES: readonly MoveData[] = [
  // Normal
  m('quick-jab', 'Quick Jab', 'Normal', P, 40, 100, 1, 'normal'),
  m('startle-clap', 'Startle Clap', 'Normal', P, 40, 100, 3, 'normal', {
    firstTurnOnly: true,
    secondary: { chance: 100, flinch: true },
  }),
  m('crushing-weight', 'Crushing Weight', 'Normal', P, 85, 100, 0, 'normal', {
    secondary: { chance: 30, status: 'par' },
    universal: true,
  }),
  m('reckless-ram', 'Reckless Ram', 'Normal', P, 120, 100, 0, 'normal', { recoil: 1 / 3 }),
  m('echo-blast', 'Echo Blast', 'Normal', S, 90, 100, 0, 'foes'),
  m('overdrive-beam', 'Overdrive Beam', 'Normal', S, 110, 90, 0, 'normal'),
  m('bulwark', 'Bulwark', 'Normal', X, 0, 0, 4, 'self', { protect: true, universal: true }),
  m('mend', 'Mend', 'Normal', X, 0, 0, 0, 'self', { heal: 0.5 }),
  m('battle-cry', 'Battle Cry', 'Normal', X, 0, 0, 0, 'self', { boosts: { atk: 2 } }),
  m('lure-call', 'Lure Call', 'Normal', X, 0, 0, 2, 'self', { redirect: true }),
  m('rally-cheer', 'Rally Cheer', 'Normal', X, 0, 0, 0, 'ally', { boosts: { atk: 1, spa: 1 } }),
  m('cowing-glare', 'Cowing Glare', 'Normal', X, 0, 100, 0, 'foes', { boosts: { atk: -1 } }),
  m('lullaby', 'Lullaby', 'Normal', X, 0, 55, 0, 'normal', { status: 'slp' }),
  // Fire
  m('cinder-claw', 'Cinder Claw', 'Fire', P, 75, 100, 0, 'normal', { secondary: { chance: 10, status: 'brn' } }),
  m('blaze-charge', 'Blaze Charge', 'Fire', P, 120, 100, 0, 'normal', {
    recoil: 1 / 3,
    secondary: { chance: 10, status: 'brn' },
  }),
  m('flame-jet', 'Flame Jet', 'Fire', S, 90, 100, 0, 'normal', { secondary: { chance: 10, status: 'brn' } }),
  m('heat-surge', 'Heat Surge', 'Fire', S, 95, 90, 0, 'foes', { secondary: { chance: 10, status: 'brn' } }),
  m('scorch-haze', 'Scorch Haze', 'Fire', X, 0, 85, 0, 'normal', { status: 'brn' }),
  // Water
  m('tide-fang', 'Tide Fang', 'Water', P, 80, 100, 0, 'normal', { secondary: { chance: 20, flinch: true } }),
  m('riptide-smash', 'Riptide Smash', 'Water', P, 110, 85, 0, 'normal'),
  m('aqua-flick', 'Aqua Flick', 'Water', P, 40, 100, 1, 'normal'),
  m('hydro-lance', 'Hydro Lance', 'Water', S, 90, 100, 0, 'normal'),
  m('swell-surge', 'Swell Surge', 'Water', S, 90, 100, 0, 'allOthers'),
  m('brine-spout', 'Brine Spout', 'Water', S, 95, 85, 0, 'foes', { secondary: { chance: 30, boosts: { spe: -1 } } }),
  // Electric
  m('volt-fang', 'Volt Fang', 'Electric', P, 75, 100, 0, 'normal', { secondary: { chance: 10, status: 'par' } }),
  m('arc-bolt', 'Arc Bolt', 'Electric', S, 90, 100, 0, 'normal', { secondary: { chance: 10, status: 'par' } }),
  m('storm-strike', 'Storm Strike', 'Electric', S, 110, 70, 0, 'normal', { secondary: { chance: 30, status: 'par' } }),
  m('spark-rain', 'Spark Rain', 'Electric', S, 80, 100, 0, 'allOthers', { secondary: { chance: 30, status: 'par' } }),
  m('static-field', 'Static Field', 'Electric', X, 0, 90, 0, 'normal', { status: 'par' }),
  // Grass
  m('thorn-whip', 'Thorn Whip', 'Grass', P, 80, 100, 0, 'normal'),
  m('timber-slam', 'Timber Slam', 'Grass', P, 120, 100, 0, 'normal', { recoil: 1 / 3 }),
  m('spore-burst', 'Spore Burst', 'Grass', S, 90, 100, 0, 'normal', { secondary: { chance: 10, boosts: { spd: -1 } } }),
  m('sap-drain', 'Sap Drain', 'Grass', S, 75, 100, 0, 'normal', { drain: 1 / 2 }),
  m('bramble-storm', 'Bramble Storm', 'Grass', S, 95, 90, 0, 'foes'),
  m('pollen-cloud', 'Pollen Cloud', 'Grass', X, 0, 75, 0, 'normal', { status: 'slp' }),
  // Ice
  m('frost-bite', 'Frost Bite', 'Ice', P, 75, 100, 0, 'normal', { secondary: { chance: 10, flinch: true } }),
  m('glacier-crash', 'Glacier Crash', 'Ice', P, 100, 90, 0, 'normal'),
  m('hail-needle', 'Hail Needle', 'Ice', P, 40, 100, 1, 'normal'),
  m('frost-ray', 'Frost Ray', 'Ice', S, 90, 100, 0, 'normal', { secondary: { chance: 10, boosts: { spe: -1 } } }),
  m('whiteout', 'Whiteout', 'Ice', S, 110, 70, 0, 'foes'),
  m('chill-breath', 'Chill Breath', 'Ice', S, 55, 95, 0, 'foes', { secondary: { chance: 100, boosts: { spe: -1 } } }),
  // Fighting
  m('palm-strike', 'Palm Strike', 'Fighting', P, 75, 100, 0, 'normal'),
  m('tiger-knee', 'Tiger Knee', 'Fighting', P, 120, 100, 0, 'normal', { selfBoosts: { def: -1, spd: -1 } }),
  m('counter-jab', 'Counter Jab', 'Fighting', P, 40, 100, 1, 'normal'),
  m('low-sweep', 'Low Sweep', 'Fighting', P, 60, 100, 0, 'normal', { secondary: { chance: 100, boosts: { spe: -1 } } }),
  m('aura-burst', 'Aura Burst', 'Fighting', S, 90, 100, 0, 'normal', {
    secondary: { chance: 10, boosts: { spd: -1 } },
  }),
  // Poison
  m('venom-fang', 'Venom Fang', 'Poison', P, 80, 100, 0, 'normal', { secondary: { chance: 30, status: 'psn' } }),
  m('toxic-spray', 'Toxic Spray', 'Poison', S, 90, 100, 0, 'normal', { secondary: { chance: 30, status: 'psn' } }),
  m('acid-rain', 'Acid Rain', 'Poison', S, 90, 95, 0, 'foes', { secondary: { chance: 10, status: 'psn' } }),
  m('noxious-mist', 'Noxious Mist', 'Poison', X, 0, 90, 0, 'normal', { status: 'psn' }),
  // Ground
  m('quake-stomp', 'Quake Stomp', 'Ground', P, 100, 100, 0, 'allOthers'),
  m('mud-lance', 'Mud Lance', 'Ground', P, 85, 100, 0, 'normal'),
  m('earth-pulse', 'Earth Pulse', 'Ground', S, 90, 100, 0, 'normal', {
    secondary: { chance: 10, boosts: { spd: -1 } },
  }),
  m('dust-gale', 'Dust Gale', 'Ground', S, 55, 95, 0, 'foes', { secondary: { chance: 100, boosts: { spe: -1 } } }),
  // Flying
  m('talon-dive', 'Talon Dive', 'Flying', P, 85, 100, 0, 'normal'),
  m('sky-crash', 'Sky Crash', 'Flying', P, 120, 100, 0, 'normal', { recoil: 1 / 3 }),
  m('gust-blade', 'Gust Blade', 'Flying', S, 75, 95, 0, 'normal', { secondary: { chance: 30, flinch: true } }),
  m('cyclone', 'Cyclone', 'Flying', S, 110, 70, 0, 'normal', { secondary: { chance: 30, flinch: true } }),
  m('following-gale', 'Following Gale', 'Flying', X, 0, 0, 0, 'side', { tailwind: true }),
  // Psychic
  m('mind-spike', 'Mind Spike', 'Psychic', S, 90, 100, 0, 'normal', { secondary: { chance: 10, boosts: { spd: -1 } } }),
  m('psi-storm', 'Psi Storm', 'Psychic', S, 85, 100, 0, 'foes'),
  m('thought-blade', 'Thought Blade', 'Psychic', P, 80, 100, 0, 'normal'),
  m('warp-zone', 'Warp Zone', 'Psychic', X, 0, 0, -7, 'field', { room: true }),
  m('calm-focus', 'Calm Focus', 'Psychic', X, 0, 0, 0, 'self', { boosts: { spa: 1, spd: 1 } }),
  // Bug
  m('sting-volley', 'Sting Volley', 'Bug', P, 80, 100, 0, 'normal'),
  m('swarm-bite', 'Swarm Bite', 'Bug', P, 70, 100, 0, 'normal', { drain: 1 / 2 }),
  m('buzz-wave', 'Buzz Wave', 'Bug', S, 90, 100, 0, 'normal', { secondary: { chance: 10, boosts: { spd: -1 } } }),
  m('silk-snare', 'Silk Snare', 'Bug', S, 55, 95, 0, 'foes', { secondary: { chance: 100, boosts: { spa: -1 } } }),
  m('web-dance', 'Web Dance', 'Bug', X, 0, 0, 0, 'self', { boosts: { atk: 1, spe: 1 } }),
  // Rock
  m('boulder-fall', 'Boulder Fall', 'Rock', P, 75, 90, 0, 'foes', { secondary: { chance: 30, flinch: true } }),
  m('crag-spear', 'Crag Spear', 'Rock', P, 100, 80, 0, 'normal'),
  m('gem-beam', 'Gem Beam', 'Rock', S, 80, 100, 0, 'normal'),
  m('pebble-shot', 'Pebble Shot', 'Rock', P, 40, 100, 1, 'normal'),
  // Ghost
  m('shade-claw', 'Shade Claw', 'Ghost', P, 70, 100, 0, 'normal'),
  m('phantom-pulse', 'Phantom Pulse', 'Ghost', S, 80, 100, 0, 'normal', {
    secondary: { chance: 20, boosts: { spd: -1 } },
  }),
  m('grave-chill', 'Grave Chill', 'Ghost', S, 100, 90, 0, 'normal'),
  m('sneak-hex', 'Sneak Hex', 'Ghost', P, 40, 100, 1, 'normal'),
  // Dragon
  m('drake-claw', 'Drake Claw', 'Dragon', P, 80, 100, 0, 'normal'),
  m('wyrm-rage', 'Wyrm Rage', 'Dragon', P, 120, 100, 0, 'normal', { recoil: 1 / 3 }),
  m('wyrm-fire', 'Wyrm Fire', 'Dragon', S, 85, 100, 0, 'normal', { secondary: { chance: 30, status: 'par' } }),
  m('comet-pulse', 'Comet Pulse', 'Dragon', S, 130, 90, 0, 'normal', { selfBoosts: { spa: -2 } }),
  m('scale-storm', 'Scale Storm', 'Dragon', S, 60, 100, 0, 'foes', { secondary: { chance: 100, boosts: { atk: -1 } } }),
  // Dark
  m('night-fang', 'Night Fang', 'Dark', P, 80, 100, 0, 'normal', { secondary: { chance: 20, flinch: true } }),
  m('ambush-strike', 'Ambush Strike', 'Dark', P, 70, 100, 1, 'normal'),
  m('dusk-pulse', 'Dusk Pulse', 'Dark', S, 80, 100, 0, 'normal', { secondary: { chance: 20, flinch: true } }),
  m('spite-howl', 'Spite Howl', 'Dark', S, 55, 95, 0, 'foes', { secondary: { chance: 100, boosts: { spa: -1 } } }),
  // Steel
  m('iron-knuckle', 'Iron Knuckle', 'Steel', P, 80, 100, 0, 'normal'),
  m('alloy-crash', 'Alloy Crash', 'Steel', P, 120, 100, 0, 'normal', { recoil: 1 / 3 }),
  m('rivet-shot', 'Rivet Shot', 'Steel', P, 40, 100, 1, 'normal'),
  m('chrome-beam', 'Chrome Beam', 'Steel', S, 80, 100, 0, 'normal', { secondary: { chance: 10, boosts: { spd: -1 } } }),
  m('iron-wall', 'Iron Wall', 'Steel', X, 0, 0, 0, 'self', { boosts: { def: 2 } }),
  // Fairy
  m('pixie-strike', 'Pixie Strike', 'Fairy', P, 80, 100, 0, 'normal'),
  m('moon-ray', 'Moon Ray', 'Fairy', S, 95, 100, 0, 'normal', { secondary: { chance: 30, boosts: { spa: -1 } } }),
  m('dazzle-wave', 'Dazzle Wave', 'Fairy', S, 80, 100, 0, 'foes'),
  m('fae-kiss', 'Fae Kiss', 'Fairy', S, 50, 100, 0, 'normal', { drain: 3 / 4 }),
  m('soothing-bloom', 'Soothing Bloom', 'Fairy', X, 0, 0, 0, 'ally', { heal: 0.5 }),
];

export const MOVE_INDEX: ReadonlyMap<string, number> = new Map(MOVES.map((mv, i) => [mv.id, i]));

export function moveId(id: string): number | undefined {
  return MOVE_INDEX.get(id);
}
