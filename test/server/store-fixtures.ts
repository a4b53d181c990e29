/** Real matches for store tests: the kernel's tiny fixture game played by in-process agents. */
import { randomAgent } from '../../agents/core/random.ts';
import type { AgentSpec } from '../../agents/core/agent.ts';
import type { FinishedMatch } from '../../server/contracts.ts';
import { instantiate } from '../../agents/registry.ts';
import { Match } from '../../games/core/match.ts';
import { finishedMatch } from '../../server/live/record.ts';
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

export function tinyMatch(
  agentIds: [string, string],
  seed: number,
  specs: [AgentSpec, AgentSpec] = [randomAgent(['tiny']), randomAgent(['tiny'])],
  rounds = 3,
): FinishedMatch {
  // Driven through the match loop's operations; an agent that throws is at fault (a crash), as in live play.
  const config = { rounds };
  const m = new Match(tinyGame, config, seed);
  const agents = instantiate(tinyGame, m.config, seed, specs);
  play: while (!m.done) {
    for (const seat of m.toAct()) {
      try {
        m.submit(
          seat,
          agents[seat]!.act(tinyGame.observe(m.state, seat), {
            seat,
            step: m.step,
            legal: tinyGame.legal(m.state, seat),
            mask: () => tinyGame.mask(m.state, seat),
          }),
        );
      } catch {
        m.fault(seat, 'crash');
        break play;
      }
    }
    m.advance();
  }
  return finishedMatch(m.finish(), {
    seats: specs.map((spec, seat) => ({ seat, agentId: agentIds[seat]!, kind: 'builtin' as const, label: spec.id })),
  });
}
