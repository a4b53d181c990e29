/** Rusher: turn toward the opponent and drive at it flat out, whatever the edge says. */
import type { AgentSpec } from '../core/agent.ts';
import type { SumoObservation } from '../../games/sumo/observe.ts';
import { steerTo, toAction } from './steer.ts';

export const rusherAgent: AgentSpec = {
  id: 'rusher',
  games: ['sumo'],
  title: 'Rusher',
  description: 'Turns toward the opponent and drives at it at full thrust; ignores the edge.',
  create({ config }) {
    return {
      act(obs: SumoObservation) {
        const e = obs.ego!;
        const [t, r] = steerTo(e.opponent[0], e.opponent[1], e.omega, 1);
        return toAction(config, t, r);
      },
    };
  },
};
