/**
 * The thread an attack trains in (agents/adversary/attack.ts `runAttack`), so that a PPO iteration
 * never holds up the thread that answers requests and renews the job's lease. One attack per
 * thread; the parent (attack-thread.ts) posts `start` once and `abort` to stop it, and hears
 * `progress` after every iteration, `snapshot` (a resume state) every few seconds, then `done` with
 * the JSON-safe result or `error`.
 */
import { parentPort } from 'node:worker_threads';
import { runAttack, type AttackBudget, type AttackResumeState, type VictimRef } from '../../agents/adversary/attack.ts';
import { ensureBackend } from '../../agents/policy/backend.ts';
import { getAgent } from '../../agents/registry.ts';
import { parseConfig } from '../../games/core/kernel.ts';
import { getGame } from '../../games/index.ts';
import type { CheckpointRecord } from '../contracts.ts';

/** What the thread is asked to run: plain JSON (the victim by built-in id or as a checkpoint record). */
export interface AttackJobInput {
  game: string;
  config: unknown;
  victim: { kind: 'builtin'; id: string } | { kind: 'checkpoint'; record: CheckpointRecord };
  budget: AttackBudget;
  seed: number;
  evalMatches: number;
  evalPoints: number;
  finalMatches: number;
  adversaryId: string;
  snapshotEverySeconds: number;
  resumeFrom?: AttackResumeState;
}

type Inbound = { kind: 'start'; input: AttackJobInput } | { kind: 'abort' };

export function startWorker(): void {
  const abort = new AbortController();
  parentPort!.on('message', (msg: Inbound) => {
    if (msg.kind === 'abort') {
      abort.abort();
      return;
    }
    void run(msg.input, abort.signal).then(
      (result) => parentPort!.postMessage({ kind: 'done', result }),
      (e) =>
        parentPort!.postMessage({
          kind: 'error',
          message: e instanceof Error ? e.message : String(e),
          code: (e as { code?: unknown })?.code,
        }),
    );
  });
}

async function run(input: AttackJobInput, signal: AbortSignal) {
  await ensureBackend({ log: null });
  const game = getGame(input.game);
  const config = parseConfig(game, input.config);
  const victim: VictimRef =
    input.victim.kind === 'builtin'
      ? { kind: 'builtin', spec: getAgent(game.id, input.victim.id) }
      : { kind: 'checkpoint', record: input.victim.record };
  return runAttack(
    {
      game,
      config,
      victim,
      budget: input.budget,
      seed: input.seed,
      evalMatches: input.evalMatches,
      evalPoints: input.evalPoints,
      finalMatches: input.finalMatches,
    },
    {
      signal,
      adversaryId: input.adversaryId,
      ...(input.resumeFrom ? { resumeFrom: input.resumeFrom } : {}),
      snapshotEverySeconds: input.snapshotEverySeconds,
      onProgress: (p) => parentPort!.postMessage({ kind: 'progress', progress: { ...p, curve: [...p.curve] } }),
      onSnapshot: (state) => parentPort!.postMessage({ kind: 'snapshot', state }),
    },
  );
}
