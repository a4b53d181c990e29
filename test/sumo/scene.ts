/** Test helper: a sumo state with a chosen ring radius and chosen robot placements. */
import { parseConfig } from '../../games/core/kernel.ts';
import { initSumo, sumo, type SumoConfig, type SumoState } from '../../games/sumo/index.ts';
import { createScene, type BodyState } from '../../games/sumo/physics.ts';

export function config(raw: unknown = {}): SumoConfig {
  return parseConfig(sumo, raw);
}

export function body(x: number, y: number, angle: number, v: Partial<BodyState> = {}): BodyState {
  return { x, y, angle, vx: 0, vy: 0, omega: 0, ...v };
}

export function sceneState(cfg: SumoConfig, radius: number, robots: [BodyState, BodyState], seed = 1): SumoState {
  const state = initSumo(cfg, seed);
  state.radius = radius;
  state.scene = createScene(cfg.physics, robots);
  return state;
}

/** Step with fixed actions until the episode ends (or `max` decisions); returns the summed rewards. */
export function runUntilEnd(
  state: SumoState,
  a0: [number, number],
  a1: [number, number],
  max = 10_000,
): { state: SumoState; rewards: [number, number]; steps: number } {
  const rewards: [number, number] = [0, 0];
  let steps = 0;
  while (!sumo.isTerminal(state) && steps < max) {
    const r = sumo.step(state, [a0, a1]);
    rewards[0] += r.rewards[0]!;
    rewards[1] += r.rewards[1]!;
    steps++;
  }
  return { state, rewards, steps };
}
