/**
 * What a VGC-lite player needs to know about a move before clicking it, read from the engine's own
 * tables (games/vgc/data): its type, category, power, accuracy and priority, a one-line description
 * written from its effects, and how effective it is against each creature it could hit (the type
 * chart's multiplier, games/vgc/data/types.ts). Pure: unit-tested in test/ui/vgc-info.test.ts.
 */
import { MOVE_INDEX, MOVES, type Boosts, type MoveData } from '../../games/vgc/data/moves.ts';
import { effectiveness, typeIndex } from '../../games/vgc/data/types.ts';

export function moveData(id: string): MoveData | undefined {
  const i = MOVE_INDEX.get(id);
  return i === undefined ? undefined : MOVES[i];
}

const STAT_WORDS: Record<string, string> = {
  atk: 'Attack',
  def: 'Defence',
  spa: 'Sp. Atk',
  spd: 'Sp. Def',
  spe: 'Speed',
};
const STATUS_WORDS: Record<string, string> = { brn: 'burn', par: 'paralyse', psn: 'poison', slp: 'put to sleep' };
const TARGET_WORDS: Record<string, string> = {
  normal: 'One creature next to it (either foe, or the ally).',
  foes: 'Hits both foes.',
  allOthers: 'Hits both foes and the ally.',
  self: 'Affects the user.',
  ally: 'Affects the ally.',
  side: 'Affects your side.',
  field: 'Affects the whole field.',
};

function fraction(x: number): string {
  const known: [number, string][] = [
    [1 / 2, '1/2'],
    [1 / 3, '1/3'],
    [1 / 4, '1/4'],
    [2 / 3, '2/3'],
    [3 / 4, '3/4'],
    [1 / 8, '1/8'],
    [1, 'all'],
  ];
  const hit = known.find(([v]) => Math.abs(v - x) < 1e-9);
  return hit ? hit[1] : `${Math.round(x * 100)}%`;
}

function boostWords(b: Boosts, whose: string, verb: 'raises' | 'raise' = 'raises'): string {
  const [up, down] = verb === 'raises' ? ['raises', 'lowers'] : ['raise', 'lower'];
  return Object.entries(b)
    .map(([stat, n]) => `${n! > 0 ? up : down} ${whose} ${STAT_WORDS[stat] ?? stat} by ${Math.abs(n!)}`)
    .join(', ');
}

/** One or two sentences on what a move does (beyond its numbers). */
export function moveDescription(mv: MoveData): string {
  const out: string[] = [];
  if (mv.protect) out.push('Protects the user from moves this turn.');
  if (mv.tailwind) out.push('Doubles the Speed of your side for 4 turns.');
  if (mv.room) out.push('For 5 turns, slower creatures move first (using it again ends it).');
  if (mv.redirect) out.push('Draws the foes’ single-target moves to the user this turn.');
  if (mv.heal) out.push(`Restores ${fraction(mv.heal)} of max HP.`);
  if (mv.status) out.push(`Tries to ${STATUS_WORDS[mv.status] ?? mv.status} the target.`);
  if (mv.boosts)
    out.push(
      `${capital(boostWords(mv.boosts, mv.target === 'self' ? 'its own' : mv.target === 'ally' ? 'the ally’s' : 'the target’s'))}.`,
    );
  if (mv.secondary) {
    const s = mv.secondary;
    const what = [
      s.status ? STATUS_WORDS[s.status] : '',
      s.flinch ? 'make it flinch' : '',
      s.boosts ? boostWords(s.boosts, 'its', 'raise') : '',
    ]
      .filter(Boolean)
      .join(' and ');
    out.push(`${s.chance}% chance to ${what}.`);
  }
  if (mv.selfBoosts) out.push(`Then ${boostWords(mv.selfBoosts, 'the user’s')}.`);
  if (mv.drain) out.push(`Heals the user by ${fraction(mv.drain)} of the damage dealt.`);
  if (mv.recoil) out.push(`The user takes ${fraction(mv.recoil)} of the damage dealt as recoil.`);
  if (mv.firstTurnOnly) out.push('Works only on the user’s first turn out.');
  if (mv.priority > 0) out.push(`Moves before others (priority +${mv.priority}).`);
  if (mv.priority < 0) out.push(`Moves after others (priority ${mv.priority}).`);
  out.push(TARGET_WORDS[mv.target] ?? '');
  return out.filter(Boolean).join(' ');
}

/** "Fire · special · 90 power · 100% accuracy" (status moves: no power; 0 accuracy never misses). */
export function moveFacts(mv: MoveData): string {
  return [
    mv.type,
    mv.category,
    mv.power ? `${mv.power} power` : '',
    mv.accuracy ? `${mv.accuracy}% accuracy` : 'never misses',
  ]
    .filter(Boolean)
    .join(' · ');
}

/** The type chart's multiplier of a move on a creature of these types (1 for status moves). */
export function moveEffect(mv: MoveData, defender: readonly string[]): number {
  if (mv.category === 'status') return 1;
  return effectiveness(typeIndex(mv.type), typeIndex(defender[0]!), defender[1] ? typeIndex(defender[1]) : -1);
}

/** 4×, 2×, ½×, ¼×, 0×, 1×. */
export function multiplierText(x: number): string {
  if (x === 0.5) return '½×';
  if (x === 0.25) return '¼×';
  return `${x}×`;
}

/** "super effective", "not very effective", "no effect", or '' for neutral. */
export function effectWords(x: number): string {
  return x === 0 ? 'no effect' : x > 1 ? 'super effective' : x < 1 ? 'not very effective' : '';
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
