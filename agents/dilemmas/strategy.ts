/**
 * Building blocks for the classic strategies: `strategy()` turns a move rule into an AgentSpec
 * that plays every dilemma game (and stays silent in the cheap-talk phase), and `memoryOneStrategy()`
 * does the same from a 4-vector (see agents/dilemmas/analysis/memory-one.ts for the convention).
 */
import { DEFAULT_PAYOFFS, seatPayoffs, type Move, type Payoffs } from '../../games/dilemmas/config.ts';
import type { DilemmaObservation } from '../../games/dilemmas/observe.ts';
import type { AgentContext, AgentSpec } from '../core/agent.ts';
import { clampMemoryOne, type MemoryOne } from './analysis/memory-one.ts';

export const DILEMMA_GAMES_PLAYED = ['ipd', 'stag-hunt', 'chicken', 'matrix'] as const;
const SILENT = Object.freeze({ say: '' });

export interface StrategyDef {
  id: string;
  title: string;
  description: string;
  source: string;
  meta?: Record<string, unknown>;
  /** Called once per match; returns the move rule (which may keep memory in its closure). */
  make(ctx: AgentContext): (obs: DilemmaObservation) => Move;
}

export function strategy(def: StrategyDef): AgentSpec {
  const { make, ...rest } = def;
  return {
    ...rest,
    games: DILEMMA_GAMES_PLAYED,
    create(ctx) {
      const decide = make(ctx);
      return { act: (obs: DilemmaObservation) => (obs.phase === 'talk' ? SILENT : decide(obs)) };
    },
  };
}

export interface MemoryOneDef {
  id: string;
  title: string;
  description: string;
  source: string;
  /** The vector for a table (own point of view); constant for most strategies. */
  vector: (table: Payoffs) => MemoryOne;
}

export function memoryOneStrategy(def: MemoryOneDef): AgentSpec {
  const { vector, ...rest } = def;
  return strategy({
    ...rest,
    meta: { memoryOne: clampMemoryOne(vector(DEFAULT_PAYOFFS.ipd)), memoryOneFor: vector },
    make({ config, seat, rng }) {
      const { p, initial } = clampMemoryOne(vector(seatPayoffs(config, seat)));
      return (obs) => {
        const n = obs.myMoves.length;
        if (n === 0) return rng.chance(initial) ? 'C' : 'D';
        const k = (obs.myMoves[n - 1] === 'D' ? 2 : 0) + (obs.oppMoves[n - 1] === 'D' ? 1 : 0);
        return rng.chance(p[k]!) ? 'C' : 'D';
      };
    },
  });
}

/** A memory-one strategy with a constant vector. */
export function fixedMemoryOne(def: Omit<MemoryOneDef, 'vector'> & { p: MemoryOne['p']; initial: number }): AgentSpec {
  const { p, initial, ...rest } = def;
  const v: MemoryOne = { p, initial };
  return memoryOneStrategy({ ...rest, vector: () => v });
}
