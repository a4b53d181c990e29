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
import { setFlagsFromString, writeHeapSnapshot } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { join } from 'node:path';
import type { Bench, BenchContext } from './harness.ts';
import { startLive } from '../server/live/index.ts';
import type { FinishedMatch } from '../server/contracts.ts';
import { MemoryLiveStore } from '../server/store/memory-live-store.ts';
import type { SoakCommand, SoakReport, SoakResults } from './soak-driver.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

interface MemoryReading {
  rss: number;
  /** RSS after the two full collections (what the process holds once its garbage is gone). */
  rssAfterGc: number;
  /** heapUsed as found (garbage included). */
  heapUsed: number;
  /** heapUsed after two full collections: what is still referenced. */
  heapLive: number;
  /** The V8 heap's reserved size, after the collections. */
  heapTotal: number;
  /** Memory outside the V8 heap that it knows of (Buffers, ws frames). */
  external: number;
}

/** RSS first (a collection would change it), then the live heap after two full collections. */
function readMemory(): MemoryReading {
  const m = process.memoryUsage();
  gc();
  gc();
  const after = process.memoryUsage();
  return {
    rss: m.rss,
    rssAfterGc: after.rss,
    heapUsed: m.heapUsed,
    heapLive: after.heapUsed,
    heapTotal: after.heapTotal,
    external: after.external,
  };
}

const MiB = (n: number) => (n / 2 ** 20).toFixed(0);

/**
 * Keeps no matches (a database keeps the rows; the bench must not grow with them): each commit marks the
 * match in the bench's ledger of unconfirmed matches.
 */
class CountingStore extends MemoryLiveStore {
  commits = 0;
  onCommit: (id: string) => void = () => {};
  override async commitMatch(m: FinishedMatch): Promise<void> {
    this.commitCalls++;
    this.commits++;
    this.onCommit(m.id);
  }
}

/** A match in the ledger: 1 once committed, plus 2 per seat whose bot got its result; confirmed at 1 + 2 + 2. */
const COMMITTED = 1;
const ANNOUNCED = 2;
const CONFIRMED = COMMITTED + 2 * ANNOUNCED;

const BOTS = Number(process.env.SOAK_BOTS ?? 500);
const TURNS = 100;

function minutes(): number {
  const arg = process.argv.find((a) => a.startsWith('--minutes='));
  const v = Number(arg ? arg.slice('--minutes='.length) : (process.env.SOAK_MINUTES ?? 10));
  if (!Number.isFinite(v) || v <= 0) throw new Error('--minutes=N takes a positive number');
  return v;
}

function mapValues(m: MemoryReading, f: (n: number) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, f(v)]));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
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
  // Matches started and not yet both committed and announced to both bots (bounded: the bench must not grow either).
  const unconfirmed = new Map<string, number>();
  const mark = (id: string, what: number) => {
    const v = (unconfirmed.get(id) ?? 0) + what;
    if (v === CONFIRMED) unconfirmed.delete(id);
    else unconfirmed.set(id, v);
  };
  store.onCommit = (id) => mark(id, COMMITTED);
  let started = 0;
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
  let final: ((r: SoakReport) => void) | undefined;
  driver.on('message', (m: SoakResults | SoakReport) => {
    for (const id of m.results) mark(id, ANNOUNCED);
    if ('counts' in m) final?.(m);
  });

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
        started++;
        if (!unconfirmed.has(matchId)) unconfirmed.set(matchId, 0);
        await done;
      } catch {
        createErrors++;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  });

  // SOAK_HEAP_SNAPSHOTS=<dir>: V8 heap snapshots at 20 % and at the end (slow: for finding a leak, not for figures).
  const snapshots = process.env.SOAK_HEAP_SNAPSHOTS;
  const t0 = performance.now();
  let early: MemoryReading | undefined;
  const earlyTimer = setTimeout(() => {
    early = readMemory();
    if (snapshots) writeHeapSnapshot(join(snapshots, 'soak-early.heapsnapshot'));
  }, durationMs * 0.2);
  // RSS every 5 s: a single reading swings by ±30 % with the collector's cycle (garbage piles up between
  // major collections, and V8 keeps the pages a while), so the medians over two windows are reported too.
  const rssEarlyWindow: number[] = [];
  const rssLateWindow: number[] = [];
  while (performance.now() - t0 < durationMs) {
    await new Promise((r) => setTimeout(r, 5000));
    const m = process.memoryUsage();
    const at = (performance.now() - t0) / durationMs;
    if (at >= 0.15 && at <= 0.25) rssEarlyWindow.push(m.rss);
    if (at >= 0.9) rssLateWindow.push(m.rss);
    ctx.status(
      `${((performance.now() - t0) / 60_000).toFixed(1)} of ${mins} min, ${started} matches started, ${store.commits} committed, rss ${MiB(m.rss)} MiB, heap ${MiB(m.heapUsed)} MiB`,
    );
  }
  clearTimeout(earlyTimer);
  const end = readMemory();
  if (snapshots) writeHeapSnapshot(join(snapshots, 'soak-end.heapsnapshot'));
  stopping = true;
  await Promise.all(loops);
  await live.flush();
  const report = await new Promise<SoakReport>((resolve) => {
    final = resolve;
    driver.send('stop');
  });
  // Started, and not both committed and announced to both seats by the end.
  const dropped = unconfirmed.size;
  await live.close();
  http.close();
  rmSync(journal, { recursive: true, force: true });
  const rssEarly = early?.rss ?? NaN;
  const rssEnd = end.rss;

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
  ctx.report({
    name: 'soak: median RSS over the last 10 % vs over 15-25 % of the run (5 s samples)',
    value: median(rssLateWindow) / 2 ** 20,
    unit: 'MiB',
    baseline: 'median RSS at 15-25 %',
    baselineValue: median(rssEarlyWindow) / 2 ** 20,
    ratio: median(rssLateWindow) / median(rssEarlyWindow),
  });
  ctx.report({
    name: 'soak: RSS after a full GC at the end vs at 20 % of the run',
    value: end.rssAfterGc / 2 ** 20,
    unit: 'MiB',
    baseline: 'RSS after a full GC at 20 %',
    baselineValue: (early?.rssAfterGc ?? NaN) / 2 ** 20,
    ratio: end.rssAfterGc / (early?.rssAfterGc ?? NaN),
  });
  ctx.report({
    name: 'soak: live heap (after full GC) at the end vs at 20 % of the run',
    value: end.heapLive / 2 ** 20,
    unit: 'MiB',
    baseline: 'live heap at 20 %',
    baselineValue: (early?.heapLive ?? NaN) / 2 ** 20,
    ratio: end.heapLive / (early?.heapLive ?? NaN),
  });
  process.stderr.write(
    `soak memory at 20 %: ${JSON.stringify(early && mapValues(early, MiB))} MiB; at the end: ${JSON.stringify(mapValues(end, MiB))} MiB\n`,
  );
  if (report.errors > 0) process.stderr.write(`soak errors: ${JSON.stringify(report.errorCodes)}\n`);
}

// Ten minutes is too long for a plain `npm run bench`: the soak runs only when named.
const named = process.argv.slice(2).some((a) => a === 'soak');
const benches: Bench[] = named ? [{ name: 'soak', run: soak }] : [];
export default benches;
