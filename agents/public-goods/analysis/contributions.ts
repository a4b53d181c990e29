/**
 * Contribution levels of agents in a fixed group, by simulation through the real engine: per
 * agent, the mean contribution as a fraction of the endowment (with a 95 % interval over matches)
 * and its mean return; per round, the group's mean contribution. Works for both public goods games.
 */
import { parseConfig } from '../../../games/core/kernel.ts';
import { deriveSeed } from '../../../games/core/rng.ts';
import { playMatch } from '../../../games/core/runner.ts';
import type { AnyGame } from '../../../games/core/types.ts';
import type { AgentSpec } from '../../core/agent.ts';
import { instantiate } from '../../registry.ts';
import { meanInterval, type Interval } from '../../eval/stats.ts';

export interface GroupContributions {
  game: string;
  group: string[];
  matches: number;
  seed: number;
  /** One line per distinct agent id of the group. */
  agents: { agent: string; seats: number; contribution: Interval; meanReturn: Interval }[];
  /** Mean contribution of the whole group per round, as a fraction of e (over matches that reached the round). */
  byRound: number[];
  /** Mean contribution of the whole group over all rounds, as a fraction of e. */
  groupContribution: number;
}

/** Play `matches` matches of one group (seat s gets specs[s]) and average the contributions. */
export function groupContributions(
  game: AnyGame,
  rawConfig: unknown,
  specs: readonly AgentSpec[],
  matches: number,
  seed: number,
): GroupContributions {
  const config = parseConfig(game, rawConfig) as { players: number; endowment: number };
  if (specs.length !== config.players)
    throw new RangeError(`the group has ${specs.length} agents for ${config.players} seats`);
  const e = config.endowment;
  const perAgent = new Map<string, { seats: number; contributions: number[]; returns: number[] }>();
  for (const s of specs) {
    const line = perAgent.get(s.id) ?? { seats: 0, contributions: [], returns: [] };
    line.seats++;
    perAgent.set(s.id, line);
  }
  const roundSums: number[] = [];
  const roundCounts: number[] = [];
  let all = 0;
  let count = 0;
  for (let m = 0; m < matches; m++) {
    const matchSeed = deriveSeed(seed, 'group', m);
    const rec = playMatch(game, config, matchSeed, instantiate(game, config, matchSeed, specs));
    const history = rec.state.history as { contributions: readonly number[] }[];
    const seatMeans = specs.map(() => 0);
    history.forEach((r, t) => {
      let sum = 0;
      r.contributions.forEach((c, s) => {
        seatMeans[s] += c / e / history.length;
        sum += c / e;
      });
      roundSums[t] = (roundSums[t] ?? 0) + sum / specs.length;
      roundCounts[t] = (roundCounts[t] ?? 0) + 1;
      all += sum;
      count += specs.length;
    });
    specs.forEach((s, seat) => {
      const line = perAgent.get(s.id)!;
      line.contributions.push(seatMeans[seat]!);
      line.returns.push(rec.result.returns[seat]!);
    });
  }
  return {
    game: game.id,
    group: specs.map((s) => s.id),
    matches,
    seed,
    agents: [...perAgent].map(([agent, l]) => ({
      agent,
      seats: l.seats,
      contribution: meanInterval(l.contributions),
      meanReturn: meanInterval(l.returns),
    })),
    byRound: roundSums.map((x, t) => x / roundCounts[t]!),
    groupContribution: all / Math.max(1, count),
  };
}
