/**
 * The agent registry: every built-in agent, per game. The CLI (`--agents a,b`), the server (which
 * registers all of them as opponents at first boot) and tournaments resolve agent ids here.
 * Each game family adds its list below.
 */
import { GameError } from '../games/core/errors.ts';
import { agentSeed, type Controller } from '../games/core/runner.ts';
import { Rng } from '../games/core/rng.ts';
import type { AnyGame, Seat } from '../games/core/types.ts';
import type { AgentSpec } from './core/agent.ts';
import { randomAgent } from './core/random.ts';
import { DILEMMA_AGENTS } from './dilemmas/index.ts';
import { SUMO_AGENTS } from './sumo/index.ts';
import { PUBLIC_GOODS_AGENTS } from './public-goods/index.ts';
import { TRUST_AND_SPLIT_AGENTS } from './trust-and-split/index.ts';
import { VGC_AGENTS } from './vgc/index.ts';

const SPECS: AgentSpec[] = [
  ...DILEMMA_AGENTS,
  ...SUMO_AGENTS,
  ...PUBLIC_GOODS_AGENTS,
  ...VGC_AGENTS,
  ...TRUST_AND_SPLIT_AGENTS,
];

/** Agents that can play a game; every game gets `random`. */
export function agentsFor(gameId: string): AgentSpec[] {
  const own = SPECS.filter((s) => s.games.includes(gameId));
  return own.some((s) => s.id === 'random') ? own : [...own, randomAgent([gameId])];
}

export function getAgent(gameId: string, id: string): AgentSpec {
  const list = agentsFor(gameId);
  const spec = list.find((s) => s.id === id.toLowerCase());
  if (!spec) {
    throw new GameError(
      'UNKNOWN_AGENT',
      `unknown agent ${JSON.stringify(id)} for ${gameId}; known: ${list.map((s) => s.id).join(', ')}`,
    );
  }
  return spec;
}

/** Resolve a comma list such as 'tft,alld' or 'all'. */
export function resolveAgents(gameId: string, list: string): AgentSpec[] {
  if (list.trim() === 'all') return agentsFor(gameId);
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((id) => getAgent(gameId, id));
}

/** Fresh controllers for one match, each with its own PRNG derived from the match seed. */
export function instantiate(game: AnyGame, config: unknown, seed: number, specs: readonly AgentSpec[]): Controller[] {
  return specs.map((spec, seat: Seat) => spec.create({ game, config, seat, rng: Rng.seeded(agentSeed(seed, seat)) }));
}
