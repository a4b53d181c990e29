/**
 * The soak (issue 15, deliver 6): `npm run bench -- soak [--minutes=N]` (default 10 minutes; it runs only
 * when asked for by name). 500 bots (in a separate process, bench/soak-driver.ts) play 250 concurrent ipd
 * matches against each other, match after match, through the real /bot gateway and match service with a
 * journal, on the shared machine. Reports the p99 turn latency (goal < 50 ms), errors (goal 0), dropped
 * matches (started but neither announced nor committed; goal 0) and RSS at 20 % of the run ("minute 2"
 * of 10) against the end (goal within 10 %): the reference is the same run's own early reading, so the
 * ratio holds on any machine.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bench, BenchContext } from './harness.ts';
import { startLive } from '../server/live/index.ts';
import type { FinishedMatch } from '../server/contracts.ts';
import { MemoryLiveStore } from '../server/store/memory-live-store.ts';
import type { SoakCommand, SoakReport } from './soak-driver.ts';

/** Keeps only the ids of committed matches (a database keeps the rows; the bench must not grow with them). */
class CountingStore extends MemoryLiveStore {
  readonly committedIds = new Set<string>();
  override async commitMatch(m: FinishedMatch): Promise<void> {
    this.commitCalls++;
    this.committedIds.add(m.id);
  }
}

const BOTS = Number(process.env.SOAK_BOTS ?? 500);
const TURNS = 100;

function minutes(): number {
  const arg = process.argv.find((a) => a.startsWith('--minutes='));
  const v = Number(arg ? arg.slice('--minutes='.length) : (process.env.SOAK_MINUTES ?? 10));
  if (!Number.isFinite(v) || v <= 0) throw new Error('--minutes=N takes a positive number');
  return v;
}

function p(counts: number[], q: number): number {
  const total = counts.reduce((a, b) => a + b, 0);
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    seen += counts[i]!;
    if (seen >= q * total) return (i + 1) / 10;
  }
  return Infinity;
}

async function soak(ctx: BenchContext): Promise<void> {
  const mins = minutes();
  const durationMs = mins * 60_000;
  const journal = mkdtempSync(join(tmpdir(), 'ludus-soak-'));
  const store = new CountingStore();
  const http = createServer((_q, r) => r.end());
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const port = (http.address() as AddressInfo).port;
  const live = await startLive({ server: http, store, journalDir: journal, connectionLimits: { perIp: BOTS + 10 } });
  const agents = Array.from({ length: BOTS }, (_, i) => store.add(`soak-${i}`));
  const driver: ChildProcess = fork(new URL('./soak-driver.ts', import.meta.url).pathname, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = new Promise((r) => driver.once('message', r));
  driver.send({ url: `ws://127.0.0.1:${port}/bot`, tokens: agents.map((a) => a.token) } satisfies SoakCommand);
  await ready;

  const started = new Set<string>();
  let stopping = false;
  let createErrors = 0;
  const pairs = BOTS / 2;
  const loops = Array.from({ length: pairs }, async (_, k) => {
    while (!stopping) {
      try {
        const { matchId, done } = await live.startMatch({
          game: 'ipd',
          config: { turns: TURNS },
          seats: [{ agent: agents[2 * k]!.agent }, { agent: agents[2 * k + 1]!.agent }],
        });
        started.add(matchId);
        await done;
      } catch {
        createErrors++;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  });

  const t0 = performance.now();
  let rssEarly = 0;
  const early = setTimeout(() => (rssEarly = process.memoryUsage().rss), durationMs * 0.2);
  while (performance.now() - t0 < durationMs) {
    await new Promise((r) => setTimeout(r, 5000));
    ctx.status(
      `${((performance.now() - t0) / 60_000).toFixed(1)} of ${mins} min, ${started.size} matches started, ${store.committedIds.size} committed`,
    );
  }
  clearTimeout(early);
  const rssEnd = process.memoryUsage().rss;
  stopping = true;
  await Promise.all(loops);
  await live.flush();
  const report = await new Promise<SoakReport>((resolve) => {
    driver.once('message', (m) => resolve(m as SoakReport));
    driver.send('stop');
  });
  const announced = new Set(report.results);
  const dropped = [...started].filter((id) => !store.committedIds.has(id) || !announced.has(id)).length;
  await live.close();
  http.close();
  rmSync(journal, { recursive: true, force: true });

  ctx.report({ name: `soak ${BOTS} bots / ${pairs} matches, ${mins} min: turns`, value: report.turns, unit: 'turns' });
  ctx.report({ name: 'soak: p50 turn latency', value: p(report.counts, 0.5), unit: 'ms' });
  ctx.report({ name: 'soak: p99 turn latency', value: p(report.counts, 0.99), unit: 'ms', goal: '< 50 ms' });
  ctx.report({ name: 'soak: errors', value: report.errors + createErrors, unit: 'errors', goal: '0' });
  ctx.report({ name: 'soak: dropped matches', value: dropped, unit: 'matches', goal: '0' });
  ctx.report({
    name: 'soak: RSS at the end vs at 20 % of the run',
    value: rssEnd / 2 ** 20,
    unit: 'MiB',
    baseline: 'RSS at 20 %',
    baselineValue: rssEarly / 2 ** 20,
    ratio: rssEnd / rssEarly,
    goal: '<= 1.10x',
  });
  if (report.errors > 0) process.stderr.write(`soak errors: ${JSON.stringify(report.errorCodes)}\n`);
}

// Ten minutes is too long for a plain `npm run bench`: the soak runs only when named.
const named = process.argv.slice(2).some((a) => a === 'soak');
const benches: Bench[] = named ? [{ name: 'soak', run: soak }] : [];
export default benches;
