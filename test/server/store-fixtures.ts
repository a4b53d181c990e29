/** Real matches for store tests: the kernel's tiny fixture game played by in-process agents. */
import { randomAgent } from '../../agents/core/random.ts';
import type { AgentSpec } from '../../agents/core/agent.ts';
import type { FinishedMatch } from '../../server/contracts.ts';
import { playInProcess } from '../../server/league/play.ts';
import { tinyGame } from '../support/tiny-game.ts';

export { tinyGame };

/** Always guesses the same number: a deterministic, beatable opponent. */
export function constantAgent(guess: number): AgentSpec {
  return {
    id: `const-${guess}`,
    games: ['tiny'],
    title: `Always ${guess}`,
    description: 'test agent',
    create: () => ({ act: () => ({ guess }) }),
  };
}

/** Peeks at the secret it is allowed to see (seat 0 only) — wins against anything as seat 0. */
export const seerAgent: AgentSpec = {
  id: 'seer',
  games: ['tiny'],
  title: 'Seer',
  description: 'test agent that reads its own observation',
  create: () => ({ act: (obs: { secret?: number }) => ({ guess: obs.secret ?? 0 }) }),
};

export function tinyMatch(agentIds: [string, string], seed: number, specs: [AgentSpec, AgentSpec] = [randomAgent(['tiny']), randomAgent(['tiny'])], rounds = 3): FinishedMatch {
  return playInProcess(
    tinyGame,
    { rounds },
    seed,
    specs.map((spec, seat) => ({ spec, record: { seat, agentId: agentIds[seat]!, kind: 'builtin' as const, label: spec.id } })),
  );
}
