/**
 * One match between in-process agents, at full engine speed (games/core `playMatch`, no network,
 * no awaits), turned into the `FinishedMatch` the store commits. An agent that throws ends the
 * match as a 'crash' with that seat at fault; the log up to that step is kept and re-simulated
 * for the final hash, so even a crashed match replays exactly.
 */
import { randomUUID } from 'node:crypto';
import type { AgentSpec } from '../../agents/core/agent.ts';
import { instantiate } from '../../agents/registry.ts';
import { parseConfig, replay, toJson } from '../../games/core/kernel.ts';
import { playMatch, type Controller } from '../../games/core/runner.ts';
import type { AnyGame, Json } from '../../games/core/types.ts';
import type { FinishedMatch, SeatRecord } from '../contracts.ts';

export interface InProcessSeat {
  spec: AgentSpec;
  /** Who sits there, as stored (agentId of the registered builtin/checkpoint agent). */
  record: SeatRecord;
}

export interface PlayOptions {
  id?: string;
  maxSteps?: number;
  rated?: boolean;
}

class AgentCrash extends Error {
  constructor(
    readonly seat: number,
    readonly reason: unknown,
  ) {
    super(`seat ${seat} crashed: ${reason instanceof Error ? reason.message : String(reason)}`);
  }
}

export function playInProcess(game: AnyGame, rawConfig: unknown, seed: number, seats: readonly InProcessSeat[], opts: PlayOptions = {}): FinishedMatch {
  const config = parseConfig(game, rawConfig);
  const startedAt = new Date().toISOString();
  const thinkMs: (number | null)[][] = [];
  const actions: (Json | null)[][] = [];
  const rewards: number[][] = [];
  const n = seats.length;
  const controllers: Controller[] = instantiate(game, config, seed, seats.map((s) => s.spec)).map((c, seat) => ({
    act(obs, info) {
      const t0 = performance.now();
      let a: unknown;
      try {
        a = c.act(obs, info);
      } catch (e) {
        throw new AgentCrash(seat, e);
      }
      (thinkMs[info.step] ??= new Array(n).fill(null))[seat] = Math.round((performance.now() - t0) * 1000) / 1000;
      return a;
    },
  }));
  const base = { id: opts.id ?? randomUUID(), game: game.id, config: toJson(config), seed, seats: seats.map((s) => s.record), rated: opts.rated ?? true, startedAt };
  try {
    const rec = playMatch(game, config, seed, controllers, {
      maxSteps: opts.maxSteps,
      onStep: ({ actions: joint, rewards: r }) => {
        actions.push(joint.map((a) => (a === undefined ? null : toJson(a))));
        rewards.push([...r]);
      },
    });
    return {
      ...base,
      result: rec.result,
      outcome: 'normal',
      actions: rec.replay.actions,
      finalHash: rec.finalHash,
      rewards,
      thinkMs: padThink(thinkMs, rec.replay.actions.length, n),
      endedAt: new Date().toISOString(),
    };
  } catch (e) {
    if (!(e instanceof AgentCrash)) throw e;
    const partial = replay(game, { game: game.id, config: toJson(config), seed, actions });
    return {
      ...base,
      result: { ...resultSoFar(game, partial.state, n), reason: 'crash' },
      outcome: 'crash',
      faultSeat: e.seat,
      actions,
      finalHash: partial.hash,
      rewards,
      thinkMs: padThink(thinkMs, actions.length, n),
      endedAt: new Date().toISOString(),
    };
  }
}

/** Engines may only define a result at the end; a crashed match falls back to zero returns. */
function resultSoFar(game: AnyGame, state: unknown, n: number) {
  try {
    return game.result(state);
  } catch {
    return { returns: new Array<number>(n).fill(0) };
  }
}

function padThink(t: (number | null)[][], steps: number, n: number): (number | null)[][] {
  return Array.from({ length: steps }, (_, i) => t[i] ?? new Array(n).fill(null));
}
