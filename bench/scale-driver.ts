/**
 * Child process of bench/scale.bench.ts: drives bot connections from outside the servers' processes.
 *   - `tft`:   bot i connects to urls[i % urls.length] and challenges the built-in tft again and again
 *              (its matches run on the process it is connected to);
 *   - `pairs`: bot 2k connects to urls[0] and challenges bot 2k+1, connected to urls[urls.length - 1],
 *              which accepts: the match runs on the challenger's process, so with two processes the
 *              accepter's every turn and action cross Redis (the routed seat).
 * Every turn is answered at once. Reports turns/s and latency percentiles (action sent → next turn
 * received), for the local seats and the routed seats apart.
 */
import { WebSocket } from 'ws';

export interface ScaleCommand {
  mode: 'tft' | 'pairs';
  urls: string[];
  bots: number;
  warmupMs: number;
  measureMs: number;
  turns: number;
}

export interface ScaleReport {
  turns: number;
  p50: number;
  p99: number;
  /** Seats whose bot is connected to another process than the match's (pairs mode). */
  routed: { p50: number; p99: number; n: number };
  local: { p50: number; p99: number; n: number };
  /** Every turn answered, warm-up included (to divide the servers' CPU time by). */
  allTurns: number;
}

const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN;
  const s = Float64Array.from(xs).sort();
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
};

async function drive(cmd: ScaleCommand): Promise<ScaleReport> {
  const local: number[] = [];
  const routed: number[] = [];
  let measuring = false;
  let allTurns = 0;
  const sockets: WebSocket[] = [];
  const challengeTft = JSON.stringify({
    type: 'challenge',
    opponent: 'tft',
    game: 'ipd',
    config: { turns: cmd.turns },
  });
  await Promise.all(
    Array.from({ length: cmd.bots }, (_, i) => {
      const url =
        cmd.mode === 'tft'
          ? cmd.urls[i % cmd.urls.length]!
          : i % 2 === 0
            ? cmd.urls[0]!
            : cmd.urls[cmd.urls.length - 1]!;
      const isRouted = cmd.mode === 'pairs' && i % 2 === 1 && cmd.urls.length > 1;
      const sink = isRouted ? routed : local;
      return new Promise<void>((ready, fail) => {
        const ws = new WebSocket(url, { perMessageDeflate: false });
        sockets.push(ws);
        let sentAt = 0;
        const challenge = () => {
          if (cmd.mode === 'tft') ws.send(challengeTft);
          else if (i % 2 === 0)
            ws.send(
              JSON.stringify({ type: 'challenge', opponent: `b${i + 1}`, game: 'ipd', config: { turns: cmd.turns } }),
            );
        };
        ws.on('error', fail);
        ws.on('open', () => ws.send(JSON.stringify({ type: 'auth', token: `tok_b${i}` })));
        ws.on('message', (data) => {
          const now = performance.now();
          const m = JSON.parse(data.toString()) as {
            type: string;
            matchId?: string;
            step?: number;
            challengeId?: string;
          };
          if ((m.type === 'turn' || m.type === 'result') && sentAt > 0) {
            allTurns++;
            if (measuring) sink.push(now - sentAt);
            sentAt = 0;
          }
          if (m.type === 'welcome') {
            ready();
            // Pairs: the accepter must be known to the challenger's process first.
            setTimeout(challenge, cmd.mode === 'pairs' ? 500 : 0);
          } else if (m.type === 'challenge') ws.send(JSON.stringify({ type: 'accept', challengeId: m.challengeId }));
          else if (m.type === 'turn') {
            sentAt = performance.now();
            ws.send(JSON.stringify({ type: 'action', matchId: m.matchId, step: m.step, action: 'C' }));
          } else if (m.type === 'result') challenge();
          else if (m.type === 'error') {
            process.stderr.write(`driver: ${data.toString()}\n`);
            if (cmd.mode === 'pairs' && i % 2 === 0) setTimeout(challenge, 200);
          }
        });
      });
    }),
  );
  await new Promise((r) => setTimeout(r, cmd.warmupMs));
  measuring = true;
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, cmd.measureMs));
  measuring = false;
  const seconds = (performance.now() - t0) / 1000;
  for (const ws of sockets) ws.terminate();
  const all = [...local, ...routed];
  return {
    turns: all.length / seconds,
    p50: pct(all, 0.5),
    p99: pct(all, 0.99),
    routed: { p50: pct(routed, 0.5), p99: pct(routed, 0.99), n: routed.length },
    local: { p50: pct(local, 0.5), p99: pct(local, 0.99), n: local.length },
    allTurns,
  };
}

process.on('message', (cmd: ScaleCommand) => {
  drive(cmd).then(
    (r) => process.send!(r, () => process.exit(0)),
    (e) => {
      process.stderr.write(`driver failed: ${String(e)}\n`);
      process.exit(1);
    },
  );
});
