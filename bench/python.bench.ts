/**
 * The Python client (issue 18): env steps per second of `ludus_arena.VectorRemoteEnv` through a live
 * arena with 1 and 16 concurrent ipd matches over one connection, beside the same loop written with
 * the TypeScript SDK (agents/client) against the same server in the same run (ratio Python / TS).
 * Goal: ≥ 2,000 env steps/s with 16 matches on 2 cores. Both drivers are child processes, so the
 * server's event loop is shared with neither; each side reports its best of two alternating rounds
 * (the machine is shared and its load is bursty). Skipped, with a line saying so, without python3.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Bench, BenchContext } from './harness.ts';
import { startLive } from '../server/live/index.ts';
import { MemoryLiveStore } from '../server/store/memory-live-store.ts';
import type { FinishedMatch } from '../server/contracts.ts';

const CONCURRENCY = (process.env.PYTHON_BENCH_CONCURRENCY ?? '1,16').split(',').map(Number);
const WARMUP_S = 0.7;
const MEASURE_S = 1.5;
const ROUNDS = 2;
const root = new URL('..', import.meta.url).pathname;

/** Keeps nothing: the commit path runs, the heap does not grow with every finished match. */
class DiscardingStore extends MemoryLiveStore {
  override async commitMatch(_m: FinishedMatch): Promise<void> {
    this.commitCalls++;
  }
}

function run(cmd: string, args: string[]): Promise<{ steps: number; seconds: number; backend?: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.on('close', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      try {
        resolve(JSON.parse(line));
      } catch {
        reject(new Error(`${cmd} ${args[0]} exited with ${code}: ${out}`));
      }
    });
  });
}

async function measure(ctx: BenchContext): Promise<void> {
  if (spawnSync('python3', ['--version']).status !== 0) {
    ctx.status('python3 is not on the PATH: skipped');
    return;
  }
  const http = createServer((_q, s) => s.end());
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/bot`;
  const store = new DiscardingStore();
  store.addBuiltins(['tft'], ['ipd']);
  // 16 matches of 200 turns end ~10 times a second here: above the default budget for challenges
  // (20/s), which is meant for people's bots, not for a load test. Short reconnection window: a
  // driver's unfinished matches play out at once after it leaves.
  const live = await startLive({
    server: http,
    store,
    rateLimit: { burst: 1000, perSecond: 1000 },
    timing: { reconnectMs: 200 },
  });
  let agents = 0;
  const token = () => store.add(`py-bench-${agents++}`, { games: ['ipd'] }).token;
  const quiesce = async () => {
    while (live.liveMatches().length > 0) await new Promise((r) => setTimeout(r, 50));
  };
  for (const n of CONCURRENCY) {
    let py = 0;
    let ts = 0;
    let backend = '';
    for (let round = 1; round <= ROUNDS; round++) {
      ctx.status(`${n} match(es), round ${round}/${ROUNDS}: Python`);
      const p = await run('python3', [
        'bench/python_env_driver.py',
        url,
        token(),
        String(n),
        String(WARMUP_S),
        String(MEASURE_S),
      ]);
      py = Math.max(py, p.steps / p.seconds);
      backend = p.backend ?? '';
      await quiesce();
      ctx.status(`${n} match(es), round ${round}/${ROUNDS}: TypeScript SDK`);
      const t = await run(process.execPath, [
        '--import',
        'tsx',
        'bench/sdk-env-driver.ts',
        url,
        token(),
        String(n),
        String(WARMUP_S),
        String(MEASURE_S),
      ]);
      ts = Math.max(ts, t.steps / t.seconds);
      await quiesce();
    }
    ctx.report({
      name: `python VectorRemoteEnv (${backend}), ipd, ${n} match${n > 1 ? 'es' : ''} on one connection: env steps/s`,
      value: py,
      unit: 'steps/s',
      baseline: 'the same loop in the TypeScript SDK',
      baselineValue: ts,
      ratio: py / ts,
      ...(n === 16 ? { goal: '>= 2000 steps/s' } : {}),
    });
  }
  await live.close();
  http.closeAllConnections();
  http.close();
}

const benches: Bench[] = [
  { name: 'python client: env steps/s through the arena vs the TypeScript SDK (ipd)', run: measure },
];
export default benches;
