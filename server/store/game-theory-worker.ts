/**
 * The worker threads behind LeaderboardCache (leaderboard.ts): the Bradley–Terry refit after a
 * commit (tens of milliseconds for 200 agents) and Nash averaging + α-Rank with their posterior
 * draws (seconds) never run on the thread that answers requests. Each thread runs its jobs one at
 * a time, in arrival order.
 */
import { parentPort } from 'node:worker_threads';
import { runFitJob, runGameTheoryJob, type FitInput, type GameTheoryInput } from './leaderboard.ts';

export function startWorker(): void {
  parentPort!.on('message', (msg: { id: number; kind: 'fit'; input: FitInput } | { id: number; kind: 'gameTheory'; input: GameTheoryInput }) => {
    const reply = msg.kind === 'fit' ? runFitJob(msg.input) : runGameTheoryJob(msg.input);
    // The covariance goes back without a copy.
    const transfer = reply.ok && 'fit' in reply ? [reply.fit.cov.buffer as ArrayBuffer] : [];
    parentPort!.postMessage({ id: msg.id, reply }, transfer);
  });
}
