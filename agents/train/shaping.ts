/**
 * Potential-based reward shaping (Ng, Harada & Russell 1999): the learner is paid
 * coef × (γ·Φ(s') − Φ(s)) on top of the game's reward, with Φ = 0 at the end of an episode.
 * Shaping of this form leaves the optimal policies of the game unchanged; it only gives a sparse,
 * win/lose-at-the-end game (VGC-lite) a signal on every turn. Potentials read the full state: they
 * are part of the reward, never of what the policy observes. Recorded in each checkpoint's
 * hyper-parameters (`shaping`, `shapingCoef`).
 */
import { GameError } from '../../games/core/errors.ts';
import type { Seat } from '../../games/core/types.ts';
import type { VgcState } from '../../games/vgc/state.ts';

export type Potential = (state: any, seat: Seat) => number;

export interface ShapingSpec {
  id: string;
  games: readonly string[];
  description: string;
  potential: Potential;
}

/** Mean remaining HP fraction of a side's brought creatures (fainted = 0); 1 before team preview. */
function partyHp(state: VgcState, seat: Seat): number {
  const side = state.sides[seat]!;
  if (side.party.length === 0) return 1;
  let sum = 0;
  for (const i of side.party) {
    const m = side.team[i]!;
    sum += m.hp / m.maxHp;
  }
  return sum / side.party.length;
}

export const SHAPINGS: readonly ShapingSpec[] = [
  {
    id: 'hp',
    games: ['vgc'],
    description: "own side's mean remaining HP fraction minus the opponent's (range −1..1)",
    potential: (state: VgcState, seat: Seat) => partyHp(state, seat) - partyHp(state, 1 - seat),
  },
];

export function shapingFor(gameId: string, id: string): ShapingSpec {
  const s = SHAPINGS.find((x) => x.id === id);
  if (!s || !s.games.includes(gameId)) {
    const known = SHAPINGS.filter((x) => x.games.includes(gameId)).map((x) => x.id);
    throw new GameError(
      'BAD_CONFIG',
      `no reward shaping "${id}" for ${gameId}; available: ${known.length ? known.join(', ') : 'none'}`,
    );
  }
  return s;
}
