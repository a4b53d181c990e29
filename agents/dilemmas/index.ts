/**
 * agents/dilemmas — the classic strategies for the iterated 2×2 games (games/dilemmas), each with
 * its usual name, a one-line description and its source. May import games/dilemmas, games/core
 * and agents/core, agents/dilemmas/analysis/memory-one.ts.
 */
import type { AgentSpec } from '../core/agent.ts';
import { HISTORY_STRATEGIES } from './history.ts';
import { MEMORY_ONE_STRATEGIES } from './memory-one.ts';

export { gtftForgiveness, linearRelation, MEMORY_ONE_STRATEGIES } from './memory-one.ts';
export { HISTORY_STRATEGIES } from './history.ts';
export { fixedMemoryOne, memoryOneStrategy, strategy } from './strategy.ts';

export const DILEMMA_AGENTS: AgentSpec[] = [...MEMORY_ONE_STRATEGIES, ...HISTORY_STRATEGIES];
