/**
 * The in-process player of a registered agent: built-in agents come from the registry by their
 * `ref`, checkpoint agents from their stored weights through agents/policy `checkpointAgent`.
 * Shared by the league and by live play (passed to startLive as `resolveAgent`).
 */
import type { AgentSpec } from '../../agents/core/agent.ts';
import { checkpointAgent } from '../../agents/policy/checkpoint.ts';
import { GameError } from '../../games/core/errors.ts';
import type { AnyGame } from '../../games/core/types.ts';
import type { GameCatalog } from '../catalog.ts';
import type { AgentRecord } from '../contracts.ts';
import type { Store } from '../store/store.ts';

export type Resolver = (agent: AgentRecord, game: AnyGame) => Promise<AgentSpec>;

export function agentResolver(store: Store, catalog: GameCatalog): Resolver {
  const checkpoints = new Map<string, AgentSpec>(); // weights are immutable: parse them once
  return async (agent, game) => {
    if (agent.kind === 'builtin') {
      const spec = catalog.agentsFor(game.id).find((s) => s.id === agent.ref);
      if (!spec) throw new GameError('UNKNOWN_AGENT', `built-in agent ${agent.name} does not play ${game.id}`);
      return spec;
    }
    if (agent.kind === 'checkpoint' && agent.ref) {
      const cached = checkpoints.get(agent.ref);
      if (cached) return cached;
      const rec = await store.getCheckpoint(agent.ref);
      if (!rec || rec.game !== game.id)
        throw new GameError('UNKNOWN_AGENT', `checkpoint agent ${agent.name} does not play ${game.id}`);
      const spec = checkpointAgent(rec, { id: agent.name });
      checkpoints.set(agent.ref, spec);
      return spec;
    }
    throw new GameError('UNKNOWN_AGENT', `${agent.name} is a remote bot; it plays over /bot, not in-process`);
  };
}
