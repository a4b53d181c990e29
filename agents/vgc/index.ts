/**
 * agents/vgc — baseline players for VGC-lite: max-damage and heuristic (the uniform `random` agent
 * comes from agents/core). May import games/vgc data and formulas; reads only the seat's own view.
 */
import type { AgentSpec } from '../core/agent.ts';
import { heuristicAgent } from './heuristic.ts';
import { maxDamageAgent } from './max-damage.ts';

export const VGC_AGENTS: AgentSpec[] = [maxDamageAgent, heuristicAgent];
