/**
 * agents/sumo — scripted RoboSumo-lite baselines (see README.md).
 * May import: games/core, games/sumo, agents/core.
 */
import { randomAgent } from '../core/random.ts';
import type { AgentSpec } from '../core/agent.ts';
import { edgeAgent } from './edge.ts';
import { rusherAgent } from './rusher.ts';

export { edgeAgent, edgeDecision, EDGE_DEFAULTS, type EdgeParams } from './edge.ts';
export { rusherAgent } from './rusher.ts';
export { steerTo, toAction } from './steer.ts';

/** random (uniform in the action box, or over the 9 actions in discrete mode), rusher, edge. */
export const SUMO_AGENTS: AgentSpec[] = [randomAgent(['sumo']), rusherAgent, edgeAgent];
