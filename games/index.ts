/**
 * The game registry. Every engine in games/<family>/ is listed here once; the CLI, server,
 * training and the conformance suite discover games only through this list, so adding a game
 * needs no change anywhere else.
 */
import { GameError } from './core/errors.ts';
import type { AnyGame } from './core/types.ts';
import { DILEMMA_GAMES } from './dilemmas/index.ts';
import { sumo } from './sumo/index.ts';
import { publicGoods, sequentialPublicGoods } from './public-goods/index.ts';
import { trustAndSplit } from './trust-and-split/index.ts';
import { vgc } from './vgc/index.ts';

export const GAMES: readonly AnyGame[] = [
  ...DILEMMA_GAMES,
  sumo,
  publicGoods,
  sequentialPublicGoods,
  vgc,
  trustAndSplit,
];

export function listGames(): readonly AnyGame[] {
  return GAMES;
}

export function getGame(id: string): AnyGame {
  const g = GAMES.find((x) => x.id === id);
  if (!g)
    throw new GameError(
      'UNKNOWN_GAME',
      `unknown game ${JSON.stringify(id)}; known games: ${GAMES.map((x) => x.id).join(', ')}`,
    );
  return g;
}
