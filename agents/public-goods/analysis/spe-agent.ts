/**
 * An agent that plays a solved subgame-perfect equilibrium of the sequential public goods game
 * (see backward-induction.ts). Not in the registry: it exists only for configs small enough to
 * solve, and is built from a solution, e.g. to check the solver's payoffs through the real engine.
 */
import type { AgentSpec } from '../../core/agent.ts';
import { contribute } from '../../../games/public-goods/actions.ts';
import type { PublicGoodsView } from '../../../games/public-goods/view.ts';
import { speAction, type SpeSolution } from './backward-induction.ts';

export function speAgent(sol: SpeSolution): AgentSpec {
  return {
    id: 'spe',
    games: ['sequential-public-goods'],
    title: 'Subgame-perfect equilibrium',
    description: `Plays the backward-induction SPE (${sol.scope} scope, ties to the ${sol.tieBreak} contribution).`,
    source: 'agents/public-goods/analysis/backward-induction.ts',
    create: () => ({ act: (v: PublicGoodsView) => contribute(speAction(sol, v)) }),
  };
}
