/**
 * What the server knows about games and built-in agents: by default exactly games/index.ts and
 * agents/registry.ts, so a new game or agent appears at the next boot with no server change.
 * The one lookup for the whole server: live play (server/live), the API and the league all take
 * the catalog `startArena` was given, so a fixture game added with `catalogWith` can be played
 * live (test/server/live-catalog.test.ts).
 */
import type { AgentSpec } from '../agents/core/agent.ts';
import { agentsFor } from '../agents/registry.ts';
import { GameError } from '../games/core/errors.ts';
import type { AnyGame } from '../games/core/types.ts';
import { listGames } from '../games/index.ts';
import type { BuiltinSpec } from './store/agents.ts';

export interface GameCatalog {
  games(): readonly AnyGame[];
  /** The game, or GameError UNKNOWN_GAME (→ 404). */
  game(id: string): AnyGame;
  agentsFor(gameId: string): AgentSpec[];
}

export function catalogWith(extra: readonly AnyGame[] = []): GameCatalog {
  const all = (): readonly AnyGame[] => [
    ...listGames(),
    ...extra.filter((g) => !listGames().some((x) => x.id === g.id)),
  ];
  return {
    games: all,
    game(id) {
      const g = all().find((x) => x.id === id);
      if (!g)
        throw new GameError(
          'UNKNOWN_GAME',
          `unknown game ${JSON.stringify(id)}; known games: ${all()
            .map((x) => x.id)
            .join(', ')}`,
        );
      return g;
    },
    agentsFor,
  };
}

export const defaultCatalog: GameCatalog = catalogWith();

/** Every built-in agent once, with all the games it plays (what the store registers at boot). */
export function builtinSpecs(catalog: GameCatalog): BuiltinSpec[] {
  const byId = new Map<string, BuiltinSpec>();
  for (const game of catalog.games()) {
    for (const spec of catalog.agentsFor(game.id)) {
      const b = byId.get(spec.id) ?? { id: spec.id, title: spec.title, description: spec.description, games: [] };
      if (!b.games.includes(game.id)) b.games.push(game.id);
      byId.set(spec.id, b);
    }
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}
