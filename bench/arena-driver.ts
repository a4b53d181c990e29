/**
 * Child process of bench/arena.bench.ts: drives N concurrent bot connections from outside the
 * server's process, so that the server's event loop measures only the server. Two modes:
 *   - arena: each connection challenges the built-in `tft` to ipd and answers every turn at once;
 *   - echo:  each connection sends an action-shaped JSON frame and waits for a turn-shaped reply
 *            from a bare `ws` echo server (the reference).
 * Reports turns answered per second and the per-turn round trip (action sent → next turn received),
 * for the best of several measurement windows.
 */
import { WebSocket } from 'ws';

export interface DriverCommand {
  mode: 'arena' | 'echo';
  url: string;
  tokens: string[];
  warmupMs: number;
  /** Length of one measurement window; the best of `windows` is reported (load on a shared machine is bursty). */
  measureMs: number;
  windows: number;
  turns: number;
}

export interface DriverReport {
  turns: number;
  seconds: number;
  p50: number;
  p99: number;
  /** Every turn answered in the run, warm-up included (to divide the server's CPU time by). */
  allTurns: number;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

async function drive(cmd: DriverCommand): Promise<DriverReport> {
  const latencies: number[] = [];
  let turns = 0;
  let allTurns = 0;
  let measuring = false;
  const sockets: WebSocket[] = [];
  const action = JSON.stringify({ type: 'action', matchId: 'm_echo', step: 0, action: 'C' });
  await Promise.all(
    cmd.tokens.map(
      (token) =>
        new Promise<void>((ready, fail) => {
          const ws = new WebSocket(cmd.url, { perMessageDeflate: false });
          sockets.push(ws);
          let sentAt = 0;
          const answer = (text: string) => {
            sentAt = performance.now();
            ws.send(text);
          };
          ws.on('error', fail);
          ws.on('open', () => {
            if (cmd.mode === 'echo') {
              ready();
              answer(action);
            } else ws.send(JSON.stringify({ type: 'auth', token }));
          });
          ws.on('message', (data) => {
            const now = performance.now();
            const m = JSON.parse(data.toString()) as {
              type: string;
              matchId?: string;
              step?: number;
              legal?: string[];
            };
            if (m.type === 'turn' || m.type === 'result') {
              if (sentAt > 0) allTurns++;
              if (measuring && sentAt > 0) {
                latencies.push(now - sentAt);
                turns++;
              }
              sentAt = 0;
            }
            if (cmd.mode === 'echo') answer(action);
            else if (m.type === 'welcome') {
              ready();
              ws.send(
                JSON.stringify({ type: 'challenge', opponent: 'tft', game: 'ipd', config: { turns: cmd.turns } }),
              );
            } else if (m.type === 'turn')
              answer(JSON.stringify({ type: 'action', matchId: m.matchId, step: m.step, action: 'C' }));
            else if (m.type === 'result')
              ws.send(
                JSON.stringify({ type: 'challenge', opponent: 'tft', game: 'ipd', config: { turns: cmd.turns } }),
              );
            else if (m.type === 'error') process.stderr.write(`driver: ${data.toString()}\n`);
          });
        }),
    ),
  );
  await new Promise((r) => setTimeout(r, cmd.warmupMs));
  let best: DriverReport | null = null;
  for (let w = 0; w < cmd.windows; w++) {
    latencies.length = 0;
    turns = 0;
    measuring = true;
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, cmd.measureMs));
    measuring = false;
    const seconds = (performance.now() - t0) / 1000;
    const sorted = Float64Array.from(latencies).sort();
    const r = {
      turns: turns / seconds,
      seconds,
      p50: percentile(sorted, 0.5),
      p99: percentile(sorted, 0.99),
      allTurns: 0,
    };
    if (!best || r.turns > best.turns) best = r;
  }
  for (const ws of sockets) ws.terminate();
  return { ...best!, allTurns };
}

process.on('message', (cmd: DriverCommand) => {
  drive(cmd).then(
    (r) => process.send!(r, () => process.exit(0)),
    (e) => {
      process.stderr.write(`driver failed: ${String(e)}\n`);
      process.exit(1);
    },
  );
});
