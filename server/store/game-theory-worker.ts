/**
 * The worker thread behind LeaderboardCache (leaderboard.ts): Nash averaging and α-Rank with
 * their posterior-draw intervals take from milliseconds to seconds for a few hundred agents, so
 * they never run on the thread that answers requests. One job at a time, in arrival order.
 */
import { parentPort } from 'node:worker_threads';
import { runGameTheoryJob, type GameTheoryInput } from './leaderboard.ts';

export function startWorker(): void {
  parentPort!.on('message', (msg: { id: number; input: GameTheoryInput }) => {
    parentPort!.postMessage({ id: msg.id, reply: runGameTheoryJob(msg.input) });
  });
}
