/**
 * What an agent is. An AgentSpec is a named recipe; `create` makes a fresh controller for one
 * seat of one match (so stateful strategies such as Grim keep memory per match). The same
 * controller runs in-process, inside training loops, or behind the WebSocket client.
 */
import type { Controller } from '../../games/core/runner.ts';
import type { AnyGame, Seat } from '../../games/core/types.ts';
import type { Rng } from '../../games/core/rng.ts';

export interface AgentContext {
  game: AnyGame;
  /** The parsed game config of this match. */
  config: any;
  seat: Seat;
  /** The agent's own PRNG (derived from the match seed and seat, independent of the engine's). */
  rng: Rng;
}

export interface AgentSpec {
  /** Short id used on the command line, e.g. 'tft', 'alld', 'max-damage'. */
  id: string;
  /** Games this agent can play (ids from games/index.ts). */
  games: readonly string[];
  /** Usual display name, e.g. 'Tit For Tat'. */
  title: string;
  /** One line: what it does. */
  description: string;
  /** Where it comes from (paper or library), when it has a source. */
  source?: string;
  /** Extra facts a UI or analysis tool may show, e.g. a memory-one 4-vector. */
  meta?: Record<string, unknown>;
  create(ctx: AgentContext): Controller;
}
