/**
 * Who fills the seats nobody asked for: the opponent of a `seek` that found no other bot in time, and
 * the extra seats of a challenge in a game of more than two seats (public goods). Always the same
 * well-known, fair baseline per game, and the *registered* built-in agent, so that these matches are
 * rated like any other (docs/protocol.md § who fills a seat).
 */
import { defaultCatalog, type GameCatalog } from '../catalog.ts';
import type { AnyGame } from '../../games/core/types.ts';
import type { LiveStore } from '../contracts.ts';
import type { SeatSpec } from './service.ts';

/** The filler per game: a reciprocating baseline where the game has one. */
export const DEFAULT_FILLERS: Readonly<Record<string, string>> = {
  ipd: 'tft',
  'stag-hunt': 'tft',
  chicken: 'tft',
  matrix: 'tft',
  'public-goods': 'conditional-cooperator',
  'sequential-public-goods': 'conditional-cooperator',
  sumo: 'rusher',
  vgc: 'heuristic',
};

/** The built-in agent id that fills a seat of this game (a game not listed: its first built-in agent). */
export function fillerId(
  game: AnyGame,
  overrides: Readonly<Record<string, string>> = {},
  catalog: GameCatalog = defaultCatalog,
): string {
  const specs = catalog.agentsFor(game.id);
  const id = overrides[game.id] ?? DEFAULT_FILLERS[game.id];
  return specs.find((s) => s.id === id)?.id ?? specs[0]!.id;
}

/** The filler's seat: the registered built-in agent, or an unregistered copy (unrated) if the store has none. */
export async function fillerSeat(
  store: LiveStore,
  game: AnyGame,
  overrides: Readonly<Record<string, string>> = {},
  catalog: GameCatalog = defaultCatalog,
): Promise<SeatSpec> {
  const id = fillerId(game, overrides, catalog);
  for (const name of [id, `builtin-${id}`]) {
    const rec = await store.getAgentByName(name);
    if (rec && rec.kind === 'builtin' && (rec.ref ?? rec.name) === id && !rec.revoked) return { agent: rec };
  }
  return { spec: catalog.agentsFor(game.id).find((s) => s.id === id)! };
}
