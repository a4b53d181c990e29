/**
 * The bots of the soak bench (bench/soak.bench.ts), in a process of their own: connects one /bot
 * connection per token, answers every turn at once, and measures each turn's latency (from sending an
 * action to receiving that seat's next turn or result). Reports a latency histogram (0.1 ms buckets),
 * errors and results when told to stop.
 */
import { WebSocket } from 'ws';

export interface SoakCommand {
  url: string;
  tokens: string[];
}
/** Sent every second while the soak runs: the matches whose result arrived since the last batch. */
export interface SoakResults {
  results: string[];
}
export interface SoakReport {
  /** counts[i] = turns whose latency fell in [i/10, (i+1)/10) ms; the last bucket holds everything slower. */
  counts: number[];
  turns: number;
  errors: number;
  errorCodes: Record<string, number>;
  /** Results that arrived since the last `SoakResults` batch (the driver keeps none of its own). */
  results: string[];
  closed: number;
}

const BUCKETS = 100_000; // up to 10 s
const counts = new Array<number>(BUCKETS).fill(0);
let turns = 0;
let errors = 0;
let closed = 0;
const errorCodes: Record<string, number> = {};
let results: string[] = [];
const sockets: WebSocket[] = [];

process.once('message', (cmd: SoakCommand) => {
  // Results go to the bench in batches, so that neither process keeps a list that grows with the run.
  const batches = setInterval(() => {
    if (results.length === 0) return;
    process.send!({ results } satisfies SoakResults);
    results = [];
  }, 1000);
  let ready = 0;
  for (const token of cmd.tokens) {
    const ws = new WebSocket(cmd.url);
    sockets.push(ws);
    let sentAt = 0;
    ws.on('open', () => ws.send(JSON.stringify({ type: 'auth', token })));
    ws.on('message', (data) => {
      const m = JSON.parse(data.toString());
      if (m.type === 'welcome') {
        if (++ready === cmd.tokens.length) process.send!({ ready: true });
      } else if (m.type === 'turn' || m.type === 'result') {
        if (sentAt > 0) {
          const ms = performance.now() - sentAt;
          counts[Math.min(BUCKETS - 1, Math.floor(ms * 10))]!++;
          turns++;
          sentAt = 0;
        }
        if (m.type === 'result') results.push(m.matchId);
        else {
          sentAt = performance.now();
          ws.send(
            JSON.stringify({ type: 'action', matchId: m.matchId, step: m.step, action: m.step % 7 === 3 ? 'D' : 'C' }),
          );
        }
      } else if (m.type === 'error') {
        errors++;
        errorCodes[m.code] = (errorCodes[m.code] ?? 0) + 1;
      }
    });
    ws.on('close', () => closed++);
    ws.on('error', () => {});
  }
  process.once('message', () => {
    clearInterval(batches);
    const report: SoakReport = { counts, turns, errors, errorCodes, results, closed };
    process.send!(report, () => process.exit(0));
  });
});
