/**
 * An evaluation job survives a server restart (issue #14, acceptance), with `ludus start` as a real
 * child process killed with SIGKILL — on PGlite (a data directory) and on Postgres:
 *  - an attack is queued over the API and runs until it has written a resume snapshot;
 *  - the server is SIGKILLed mid-attack and started again on the same database;
 *  - the job is resumed by its next attempt (its lease ran out), from the snapshot — the curve goes on
 *    from where it stopped instead of starting again — and finishes exactly once, with its budget;
 *  - exactly one adversary checkpoint and one exploiter agent (role `exploiter`) exist for it, and
 *    the leaderboard's exploitability of the victim is the attack's bound.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropSchema } from '../../server/store/postgres.ts';
import { BACKENDS, freshSchema } from '../server/store-backends.ts';
import { ROOT, until } from '../tournament/support.ts';

const ADMIN = 'evaluation-restart-admin-0123';
const ITERATIONS = 6;

interface Server {
  child: ChildProcess;
  base: string;
  log: () => string;
}

function start(env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, ['bin/ludus.js', 'start', '--port', '0'], {
    cwd: ROOT,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      LUDUS_LEAGUE: 'off',
      LUDUS_DEMO: 'off',
      LUDUS_TOURNAMENTS: 'off',
      LUDUS_UI: 'off',
      LUDUS_ADMIN_TOKEN: ADMIN,
      LUDUS_EVALUATION_LEASE_MS: '1500',
      LUDUS_EVALUATION_SNAPSHOT: '0',
      LUDUS_QUEUE_POLL: '0.5',
      DATABASE_URL: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  return new Promise((ok, fail) => {
    child.stdout!.on('data', (d) => {
      stdout += d;
      const m = /API\s+(http:\/\/\S+)\/api\b/.exec(stdout);
      if (m && /Colyseus/.test(stdout))
        ok({ child, base: m[1]!.replace('localhost', '127.0.0.1'), log: () => stdout + stderr });
    });
    child.once('exit', (code) => fail(new Error(`ludus start exited (${code}):\n${stderr}`)));
  });
}

function kill(s: Server): Promise<void> {
  return new Promise((ok) => {
    if (s.child.exitCode !== null || s.child.signalCode !== null) return ok();
    s.child.once('exit', () => ok());
    s.child.kill('SIGKILL');
  });
}

async function call(s: Server, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(s.base + path, {
    method,
    headers: { authorization: `Bearer ${ADMIN}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const json = await res.json();
  if (res.status >= 400) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}

for (const backend of BACKENDS) {
  describe(`an evaluation job across a SIGKILL on ${backend.name}`, { skip: backend.skip }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'ludus-eval-restart-'));
    const url = process.env.LUDUS_TEST_DATABASE_URL;
    const schema = freshSchema();
    const env: Record<string, string> =
      backend.name === 'pglite' ? { LUDUS_DATA_DIR: dir } : { DATABASE_URL: url!, LUDUS_DB_SCHEMA: schema };
    const servers: Server[] = [];
    after(async () => {
      for (const s of servers) await kill(s);
      rmSync(dir, { recursive: true, force: true });
      if (backend.name === 'postgres' && url) {
        await dropSchema(url, schema);
        await dropSchema(url, `${schema}_boss`);
      }
    });

    it('resumes from its snapshot after the kill, finishes once, and registers one exploiter', async () => {
      const a = await start(env);
      servers.push(a);
      const grim = await call(a, 'GET', '/api/agents/grim');
      const queued = await call(a, 'POST', '/api/evaluations', {
        game: 'ipd',
        victim: grim.id,
        budget: `${ITERATIONS}it`,
        seed: 7,
        evalMatches: 4,
        evalPoints: ITERATIONS,
        finalMatches: 10,
      });
      assert.equal(queued.status, 'queued');
      assert.equal(queued.mode, 'train');

      // Mid-attack: a snapshot is stored and the budget is not spent.
      const before = await until(
        'a resume snapshot mid-attack',
        async () => {
          const e = await call(a, 'GET', `/api/evaluations/${queued.id}`);
          assert.notEqual(e.status, 'finished', 'the attack finished before the kill: raise ITERATIONS');
          return e.snapshotAt && e.progress?.iteration >= 1 ? e : undefined;
        },
        60_000,
        150, // an /api route allows 600 requests a minute per address (server/api/rate-limits.ts)
      );
      await kill(a);
      assert.equal(before.attempt, 1);

      const b = await start(env);
      servers.push(b);
      const done = await until(
        'the evaluation to finish after the restart',
        async () => {
          const e = await call(b, 'GET', `/api/evaluations/${queued.id}`);
          return e.status === 'finished' || e.status === 'failed' ? e : undefined;
        },
        120_000,
        250,
      );
      assert.equal(done.status, 'finished', done.error ?? '');
      assert.ok(done.attempt >= 2, `resumed by a later attempt (attempt ${done.attempt})`);
      assert.match(b.log(), new RegExp(`${queued.id}: attempt \\d+ running \\(resuming from its snapshot\\)`));
      assert.equal(done.result.iterations, ITERATIONS, 'the whole budget, not more');
      // Resumed, not restarted: the curve's iterations rise strictly (one start at iteration 0).
      const its = done.curve.map((p: { iteration: number }) => p.iteration);
      assert.equal(its.filter((i: number) => i === 0).length, 1, `curve iterations ${its}`);
      for (let i = 1; i < its.length; i++) assert.ok(its[i] > its[i - 1], `curve iterations ${its}`);

      // Exactly once: one checkpoint, one exploiter agent, one evaluation.
      assert.ok(done.exploiter, 'the exploiter is named');
      const checkpoints = (await call(b, 'GET', '/api/checkpoints?game=ipd')).items;
      assert.equal(checkpoints.filter((c: { id: string }) => c.id === done.adversaryCheckpoint).length, 1);
      assert.equal(checkpoints.length, 1);
      const agents = (await call(b, 'GET', '/api/agents?kind=checkpoint&limit=500')).items;
      const exploiters = agents.filter((x: { role?: string }) => x.role === 'exploiter');
      assert.deepEqual(
        exploiters.map((x: { id: string }) => x.id),
        [done.exploiter.id],
      );
      const list = await call(b, 'GET', `/api/evaluations?victim=${grim.id}`);
      assert.equal(list.total, 1);

      // Still once after more ticks: a late duplicate of the first attempt's job changes nothing.
      await new Promise((r) => setTimeout(r, 2500));
      const again = await call(b, 'GET', `/api/evaluations/${queued.id}`);
      assert.equal(again.finishedAt, done.finishedAt);
      assert.equal(again.attempt, done.attempt);
      assert.equal((await call(b, 'GET', '/api/checkpoints?game=ipd')).items.length, 1);
    });
  });
}
