/**
 * Games of a tournament played in process between built-in agents (agents/registry.ts), with the
 * game's seed from the tournament (`GameSlot.seed`), through the one match loop (games/core/runner.ts)
 * and the one ranking rule (games/core/standings.ts). The arena plays the same seeds through its live
 * match service, so a built-in field gives the same results locally and hosted.
 */
import { playMatch } from '../../games/core/runner.ts';
import { adjudicate } from '../../games/core/standings.ts';
import type { AnyGame } from '../../games/core/types.ts';
import type { AgentSpec } from '../core/agent.ts';
import { instantiate } from '../registry.ts';
import type { GameRun } from './run.ts';
import type { GameSlot, Pairing } from './spec.ts';

/**
 * @param specs the entrants' agents by entrant id
 * @param turnMs simulated length of one engine step, for the arena and ladder clock
 */
export function inProcessGames(
  game: AnyGame,
  config: unknown,
  specs: ReadonlyMap<string, AgentSpec>,
  turnMs = 100,
): (p: Pairing, g: GameSlot) => GameRun {
  return (_p, g) => {
    const seated = g.seats.map((id) => {
      const s = specs.get(id);
      if (!s) throw new Error(`no agent for entrant ${id}`);
      return s;
    });
    const rec = playMatch(game, config, g.seed, instantiate(game, config, g.seed, seated), {
      validate: false,
      record: false,
    });
    return { kind: 'played', ranks: adjudicate(rec.result).ranks, durationMs: rec.steps * turnMs };
  };
}
