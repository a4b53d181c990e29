/**
 * The worker threads behind LeaderboardCache (leaderboard.ts): the Bradley–Terry refit after a
 * commit (tens of milliseconds for 200 agents) and Nash averaging + α-Rank with their posterior
 * draws (seconds) never run on the thread that answers requests. Each thread runs its jobs one at
 * a time, in arrival order.
 */
import { parentPort } from 'node:worker_threads';
import { PairTable, type PairCell } from '../../agents/eval/rating-pairs.ts';
import { runFitJob, runGameTheoryJob, type FitRequest, type GameTheoryInput } from './leaderboard.ts';

type Message =
  | { id: number; kind: 'load' | 'add'; input: { game: string; cells: PairCell[] } }
  | { id: number; kind: 'fit'; input: FitRequest }
  | { id: number; kind: 'gameTheory'; input: GameTheoryInput };

export function startWorker(): void {
  const tables = new Map<string, PairTable>();
  parentPort!.on('message', (msg: Message) => {
    if (msg.kind === 'load' || msg.kind === 'add') {
      const t = msg.kind === 'load' || !tables.has(msg.input.game) ? new PairTable() : tables.get(msg.input.game)!;
      for (const c of msg.input.cells) t.add(c.a, c.b, c.score, c.weight, c.results);
      tables.set(msg.input.game, t);
      parentPort!.postMessage({ id: msg.id, reply: { ok: true } });
      return;
    }
    const reply =
      msg.kind === 'fit'
        ? runFitJob({ ...msg.input, cells: [] }, tables.get(msg.input.game) ?? new PairTable())
        : runGameTheoryJob((msg as { input: GameTheoryInput }).input);
    // The Cholesky factor goes back without a copy.
    const transfer = reply.ok && 'fit' in reply ? [reply.fit.chol.buffer as ArrayBuffer] : [];
    parentPort!.postMessage({ id: msg.id, reply }, transfer);
  });
}
