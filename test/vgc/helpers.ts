/** Small builders for VGC-lite tests: battles with explicit teams, already past team preview. */
import { parseConfig, stepChecked } from '../../games/core/kernel.ts';
import { vgc } from '../../games/vgc/index.ts';
import type { TurnAction, VgcState } from '../../games/vgc/index.ts';
import type { CreatureSpec } from '../../games/vgc/teams.ts';

/** Filler creatures so a team has six members; the tests only use the first ones. */
const FILLER: CreatureSpec[] = [
  { species: 'Aegisteel', moves: ['bulwark', 'iron-knuckle', 'mud-lance', 'iron-wall'] },
  { species: 'Pixiebell', moves: ['bulwark', 'moon-ray', 'mend', 'fae-kiss'] },
  { species: 'Oracleon', moves: ['bulwark', 'mind-spike', 'psi-storm', 'calm-focus'] },
  { species: 'Dunequake', moves: ['bulwark', 'quake-stomp', 'mud-lance', 'crag-spear'] },
  { species: 'Tidewhelp', moves: ['bulwark', 'tide-fang', 'hydro-lance', 'aqua-flick'] },
  { species: 'Zappup', moves: ['bulwark', 'volt-fang', 'arc-bolt', 'quick-jab'] },
];

export function team(...creatures: CreatureSpec[]): CreatureSpec[] {
  const names = new Set(creatures.map((c) => c.species));
  const out = [...creatures];
  for (const f of FILLER) if (out.length < 6 && !names.has(f.species)) out.push(f);
  return out;
}

/** A battle after preview: each side brings its first four (padded to six with fillers), leads 1 and 2. */
export function battle(
  t0: CreatureSpec[],
  t1: CreatureSpec[],
  seed = 1,
  extra: Record<string, unknown> = {},
): VgcState {
  const config = parseConfig(vgc, { teamSource: 'explicit', teams: [team(...t0), team(...t1)], ...extra });
  const s = vgc.init(config, seed);
  return stepChecked(vgc, s, [{ bring: [1, 2, 3, 4] }, { bring: [1, 2, 3, 4] }]).state;
}

export function turn(s: VgcState, a0: TurnAction, a1: TurnAction): VgcState {
  return stepChecked(vgc, s, [a0, a1]).state;
}

export const mv = (move: number, target?: 'foe1' | 'foe2' | 'ally') => (target ? { move, target } : { move });

/** Creature in a slot (test access to the full state). */
export function mon(s: VgcState, seat: number, slot: number) {
  const side = s.sides[seat]!;
  return side.team[side.party[side.active[slot]!]!]!;
}

export function eventsOf(s: VgcState, type: string) {
  return s.events.filter((e) => e.type === type);
}
