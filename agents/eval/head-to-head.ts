/**
 * Head-to-head evaluation: play a set of agents against each other for many matches, rotating
 * seats so that no agent keeps a seat advantage, and report wins, draws, losses and returns with
 * 95 % intervals. Game-agnostic: works for any game in the registry.
 */
import { playMatch, type MatchRecord } from '../../games/core/runner.ts';
import { parseConfig } from '../../games/core/kernel.ts';
import { deriveSeed } from '../../games/core/rng.ts';
import type { AnyGame } from '../../games/core/types.ts';
import type { AgentSpec } from '../core/agent.ts';
import { instantiate } from '../registry.ts';
import { meanInterval, wilson, type Interval } from './stats.ts';

export interface AgentLine {
  agent: string;
  matches: number;
  wins: number;
  draws: number;
  losses: number;
  /** Wins + half the draws, over matches, with a Wilson 95 % interval. */
  score: Interval;
  /** Mean return per match with a 95 % interval. */
  meanReturn: Interval;
}

export interface HeadToHead {
  game: string;
  config: unknown;
  matches: number;
  seed: number;
  lines: AgentLine[];
  /** Mean number of engine steps per match. */
  meanSteps: number;
  /** False for games with no winner (e.g. public goods): only returns are meaningful then. */
  hasWinner: boolean;
}

export interface HeadToHeadOptions {
  matches: number;
  seed: number;
  config?: unknown;
  /** Rotate seats between matches (default true). */
  rotate?: boolean;
  onMatch?: (i: number, rec: MatchRecord) => void;
}

/** Seat assignment for match i: agents fill seats cyclically, shifted by i when rotating. */
export function seatAgents(specs: readonly AgentSpec[], seats: number, i: number, rotate: boolean): AgentSpec[] {
  const shift = rotate ? i % Math.max(specs.length, 1) : 0;
  return Array.from({ length: seats }, (_, s) => specs[(s + shift) % specs.length]!);
}

export function headToHead(game: AnyGame, specs: readonly AgentSpec[], opts: HeadToHeadOptions): HeadToHead {
  const config = parseConfig(game, opts.config ?? {});
  const n = game.numSeats(config);
  const rotate = opts.rotate ?? true;
  const byAgent = new Map<string, { wins: number; draws: number; losses: number; returns: number[] }>();
  for (const s of specs) byAgent.set(s.id, { wins: 0, draws: 0, losses: 0, returns: [] });
  let steps = 0;
  let hasWinner = false;
  for (let i = 0; i < opts.matches; i++) {
    const seated = seatAgents(specs, n, i, rotate);
    const seed = deriveSeed(opts.seed, 'match', i);
    const rec = playMatch(game, config, seed, instantiate(game, config, seed, seated));
    steps += rec.steps;
    const { returns, winner } = rec.result;
    if (winner !== undefined) hasWinner = true;
    seated.forEach((spec, seat) => {
      const line = byAgent.get(spec.id)!;
      line.returns.push(returns[seat]!);
      if (winner === undefined) return;
      if (winner === null) line.draws++;
      else if (winner === seat) line.wins++;
      else line.losses++;
    });
    opts.onMatch?.(i, rec);
  }
  const lines = specs.map((s) => {
    const l = byAgent.get(s.id)!;
    const m = l.returns.length;
    return {
      agent: s.id,
      matches: m,
      wins: l.wins,
      draws: l.draws,
      losses: l.losses,
      score: wilson(l.wins + l.draws / 2, m),
      meanReturn: meanInterval(l.returns),
    };
  });
  return {
    game: game.id,
    config,
    matches: opts.matches,
    seed: opts.seed,
    lines,
    meanSteps: steps / Math.max(1, opts.matches),
    hasWinner,
  };
}
