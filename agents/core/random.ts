/** The uniform random agent, for any game: a legal action, or a point in the action box. */
import type { AgentSpec } from './agent.ts';

export function randomAgent(games: readonly string[]): AgentSpec {
  return {
    id: 'random',
    games,
    title: 'Random',
    description: 'Plays a uniformly random legal action (or a uniform point in a continuous action box).',
    create({ game, config, rng, seat }) {
      const space = game.actionSpace(config);
      return {
        act(_obs, info) {
          if (info.legal) return rng.pick(info.legal);
          if (space.kind === 'box') return space.low.map((lo, i) => rng.uniform(lo, space.high[i]!));
          const mask = info.mask();
          const legal: number[] = [];
          for (let i = 0; i < mask.length; i++) if (mask[i]) legal.push(i);
          throw new Error(`random agent: ${game.id} gives no legal list for seat ${seat} (${legal.length} masked)`);
        },
      };
    },
  };
}
