/**
 * Scale-out (issue 17): bot turns/s and p99 turn latency for ONE and TWO arena processes under the same
 * load, printed side by side, and the cost of cross-process routing per turn. Every server is a child
 * process of its own (bench/scale-server.ts, live play in multi-process mode on the machine's Redis,
 * a fresh key prefix per run); the bots are driven from another (bench/scale-driver.ts).
 *   - load `tft`: N bots each play ipd against the built-in tft again and again, answering at once;
 *     with two processes half the bots connect to each (what a proxy's round robin does). This is
 *     CPU-bound: it measures where one process saturates and what a second one adds.
 *   - load `pairs`: N/2 bot pairs play each other; the challenger's process owns the match, and with
 *     two processes the accepter is connected to the other one, so its turns and actions cross Redis
 *     twice per step. Routing cost per turn = p50(routed seat) − p50(local seat) in the same run.
 * On a machine with two cores (shared), two server processes plus the driver plus Redis compete for
 * them: docs/results.md gives the arithmetic for more cores. `SCALE_BENCH_BOTS` (default 100).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Bench, BenchContext } from './harness.ts';
import type { ScaleCommand, ScaleReport } from './scale-driver.ts';

const BOTS = Number(process.env.SCALE_BENCH_BOTS ?? 100);
const WARMUP_MS = 1500;
const MEASURE_MS = 3000;
const TURNS = 200;

interface Server {
  child: ChildProcess;
  url: string;
}

function startServer(prefix: string): Promise<Server> {
  const child = fork(new URL('./scale-server.ts', import.meta.url).pathname, [prefix, String(BOTS)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += String(d);
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ child, url: `ws://127.0.0.1:${(JSON.parse(line) as { port: number }).port}/bot` });
    });
    child.once('exit', (code) => reject(new Error(`scale server exited with ${code}`)));
  });
}

async function stop(servers: Server[]): Promise<void> {
  await Promise.all(
    servers.map(
      (s) =>
        new Promise<void>((r) => {
          s.child.once('exit', () => r());
          s.child.kill('SIGTERM');
          setTimeout(() => s.child.kill('SIGKILL'), 3000).unref();
        }),
    ),
  );
}

function runDriver(cmd: ScaleCommand): Promise<ScaleReport> {
  const child = fork(new URL('./scale-driver.ts', import.meta.url).pathname, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (r) => resolve(r as ScaleReport));
    child.once('exit', (code) => code !== 0 && reject(new Error(`driver exited with ${code}`)));
    child.send(cmd);
  });
}

/** A server's CPU time so far (µs). */
function cpuOf(s: Server): Promise<number> {
  return new Promise((resolve) => {
    // Only our answer: Colyseus may use the IPC channel too (it takes a forked process for a PM2 worker).
    const on = (m: unknown) => {
      if (typeof (m as { cpu?: unknown } | null)?.cpu !== 'number') return;
      s.child.off('message', on);
      resolve((m as { cpu: number }).cpu);
    };
    s.child.on('message', on);
    s.child.send('cpu');
  });
}

/** Redis's own CPU time so far (µs), from INFO cpu. */
async function redisCpu(): Promise<number> {
  const r = new Redis(process.env.LUDUS_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379');
  try {
    const info = await r.info('cpu');
    const f = (k: string) => Number(new RegExp(`${k}:([0-9.]+)`).exec(info)?.[1] ?? 0);
    return (f('used_cpu_sys') + f('used_cpu_user')) * 1e6;
  } finally {
    r.disconnect();
  }
}

interface Run extends ScaleReport {
  /** Server CPU per turn answered (µs, all arena processes together). */
  cpuPerTurn: number;
  /** Redis CPU per turn answered (µs; Redis is shared with the machine: an upper bound). */
  redisPerTurn: number;
}

/** One run of a load on `n` fresh server processes (a fresh Redis prefix each time). */
async function run(n: number, mode: ScaleCommand['mode'], cluster: boolean): Promise<Run> {
  const prefix = cluster ? `ludus-bench:${randomBytes(4).toString('hex')}:` : 'local';
  const servers = await Promise.all(Array.from({ length: n }, () => startServer(prefix)));
  try {
    await new Promise((r) => setTimeout(r, 300)); // the processes see each other's leases
    const cpu0 = await Promise.all(servers.map(cpuOf));
    const redis0 = await redisCpu();
    const r = await runDriver({
      mode,
      urls: servers.map((s) => s.url),
      bots: BOTS,
      warmupMs: WARMUP_MS,
      measureMs: MEASURE_MS,
      turns: TURNS,
    });
    const cpu1 = await Promise.all(servers.map(cpuOf));
    const redis1 = await redisCpu();
    const cpu = cpu1.reduce((a, x, i) => a + x - cpu0[i]!, 0);
    return { ...r, cpuPerTurn: cpu / r.allTurns, redisPerTurn: (redis1 - redis0) / r.allTurns };
  } finally {
    await stop(servers);
    if (cluster) await dropPrefix(prefix);
  }
}

/** The run's keys go (its processes' leases, registries and queues). */
async function dropPrefix(prefix: string): Promise<void> {
  const r = new Redis(process.env.LUDUS_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379');
  try {
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await r.del(...keys);
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
}

async function measure(ctx: BenchContext): Promise<void> {
  ctx.status('1 process, local mode (no Redis), tft load');
  const plain = await run(1, 'tft', false);
  ctx.status('1 process, multi-process mode, tft load');
  const one = await run(1, 'tft', true);
  ctx.status('2 processes, tft load');
  const two = await run(2, 'tft', true);
  ctx.status('1 process, pairs load');
  const pairs1 = await run(1, 'pairs', true);
  ctx.status('2 processes, pairs load (half the seats routed)');
  const pairs2 = await run(2, 'pairs', true);

  const label = `scale ipd, ${BOTS} bots vs tft`;
  ctx.report({
    name: `${label}: turns/s, 2 processes`,
    value: two.turns,
    unit: 'turns/s',
    baseline: '1 process',
    baselineValue: one.turns,
    ratio: two.turns / one.turns,
  });
  ctx.report({
    name: `${label}: p99, 2 processes`,
    value: two.p99,
    unit: 'ms',
    baseline: '1 process',
    baselineValue: one.p99,
    ratio: two.p99 / one.p99,
  });
  ctx.report({
    name: `${label}: turns/s, 1 process with Redis`,
    value: one.turns,
    unit: 'turns/s',
    baseline: '1 process without Redis',
    baselineValue: plain.turns,
    ratio: one.turns / plain.turns,
  });
  const pl = `scale ipd, ${BOTS / 2} bot pairs`;
  ctx.report({
    name: `${pl}: turns/s, 2 processes`,
    value: pairs2.turns,
    unit: 'turns/s',
    baseline: '1 process',
    baselineValue: pairs1.turns,
    ratio: pairs2.turns / pairs1.turns,
  });
  ctx.report({
    name: `${pl}: p99, 2 processes`,
    value: pairs2.p99,
    unit: 'ms',
    baseline: '1 process',
    baselineValue: pairs1.p99,
    ratio: pairs2.p99 / pairs1.p99,
  });
  ctx.report({
    name: `${pl}: p50 routed seat`,
    value: pairs2.routed.p50,
    unit: 'ms',
    baseline: 'local seat, same run',
    baselineValue: pairs2.local.p50,
    ratio: pairs2.routed.p50 / pairs2.local.p50,
  });
  ctx.report({
    name: `${pl}: cross-process routing per turn (latency)`,
    value: pairs2.routed.p50 - pairs2.local.p50,
    unit: 'ms',
  });
  // CPU per turn: the figure that other load on a shared machine disturbs least.
  ctx.report({
    name: `${label}: server CPU per turn, 2 processes`,
    value: two.cpuPerTurn,
    unit: 'µs',
    baseline: '1 process',
    baselineValue: one.cpuPerTurn,
    ratio: two.cpuPerTurn / one.cpuPerTurn,
  });
  ctx.report({
    name: `${label}: server CPU per turn, 1 process with Redis`,
    value: one.cpuPerTurn,
    unit: 'µs',
    baseline: 'without Redis',
    baselineValue: plain.cpuPerTurn,
    ratio: one.cpuPerTurn / plain.cpuPerTurn,
  });
  ctx.report({
    name: `${pl}: server CPU per turn, 2 processes (half routed)`,
    value: pairs2.cpuPerTurn,
    unit: 'µs',
    baseline: '1 process (none routed)',
    baselineValue: pairs1.cpuPerTurn,
    ratio: pairs2.cpuPerTurn / pairs1.cpuPerTurn,
  });
  // Half of the pairs' turns are routed: the extra CPU per routed turn is twice the difference per turn.
  ctx.report({
    name: `${pl}: cross-process routing per routed turn (CPU)`,
    value: 2 * (pairs2.cpuPerTurn - pairs1.cpuPerTurn) + 2 * (pairs2.redisPerTurn - pairs1.redisPerTurn),
    unit: 'µs',
  });
  ctx.report({ name: `${pl}: Redis CPU per turn, 2 processes`, value: pairs2.redisPerTurn, unit: 'µs' });
}

// It needs the machine's Redis and starts five sets of server processes: it runs only when named.
const named = process.argv.slice(2).some((a) => a === 'scale');
export default (named ? [{ name: 'scale: 1 vs 2 arena processes on Redis', run: measure }] : []) satisfies Bench[];
