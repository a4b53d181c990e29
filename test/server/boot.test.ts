/**
 * Booting the arena for real: `ludus start` as a child process on a free port with a PGlite data
 * directory (URLs and admin token printed, /api/docs served, the demo round robin's first matches on
 * the leaderboard with the legacy league off, /bot accepting WebSockets, clean exit on SIGTERM, idempotent second boot), and an
 * in-process boot on the real Postgres. Also the environment parsing.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import WebSocket from 'ws';
import { ConfigError, configFromEnv } from '../../server/config.ts';
import { startArena } from '../../server/main.ts';
import { dropSchema } from '../../server/store/postgres.ts';
import { BACKENDS, freshSchema } from './store-backends.ts';

const ROOT = resolve(import.meta.dirname, '../..');

interface Booted {
  child: ChildProcess;
  stdout: string;
  base: string;
  exit: Promise<number | null>;
}

/** Start `ludus start` and resolve once it printed its URLs. */
function boot(dataDir: string): Promise<Booted> {
  const child = spawn(process.execPath, ['bin/ludus.js', 'start', '--port', '0'], {
    cwd: ROOT,
    env: {
      ...process.env,
      LUDUS_DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      LUDUS_DEMO_PACE_MS: '0',
      LUDUS_UI: 'off',
      LUDUS_ADMIN_TOKEN: '',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exit = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  return new Promise((ok, fail) => {
    child.stdout!.on('data', (d) => {
      stdout += d;
      const m = /API\s+(http:\/\/\S+)\/api\b/.exec(stdout);
      if (m && /Colyseus/.test(stdout)) ok({ child, stdout, base: m[1]!.replace('localhost', '127.0.0.1'), exit });
    });
    void exit.then((code) => fail(new Error(`ludus start exited (${code}) before printing its URLs:\n${stderr}`)));
  });
}

describe('ludus start (child process, PGlite data directory)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ludus-boot-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('boots, prints URLs and the admin token, serves the API, docs and /bot, and stops on SIGTERM', async () => {
    const b = await boot(dir);
    try {
      assert.match(b.stdout, /admin token \(shown once.*\): ludus_admin_\S+/);
      assert.match(b.stdout, /bot\s+ws:\/\/\S+\/bot/);
      const docs = await fetch(`${b.base}/api/docs`);
      assert.equal(docs.status, 200);
      const home = await fetch(`${b.base}/`);
      assert.equal(home.status, 200);
      assert.match(await home.text(), /\/api\/docs/);
      // The demo: tournaments fill ipd (the round robin of the built-ins starts at boot and its rated
      // matches fill the ipd leaderboard; wait for them through the API), and the league plays every other
      // game (public goods has more than two seats, which tournaments do not host) so each board fills.
      const info = await (await fetch(`${b.base}/api`)).json();
      assert.equal(info.backend, 'pglite');
      assert.equal(info.league.enabled, true);
      assert.ok(
        !info.league.games.includes('ipd') &&
          info.league.games.includes('public-goods') &&
          info.league.games.includes('vgc'),
        JSON.stringify(info.league),
      );
      const tours = (await (await fetch(`${b.base}/api/tournaments`)).json()).items as any[];
      assert.deepEqual(tours.map((t) => t.rules.format.kind).sort(), ['round-robin', 'swiss']);
      let board: any;
      for (let i = 0; i < 600; i++) {
        board = await (await fetch(`${b.base}/api/leaderboard/ipd`)).json();
        if (board.items.length >= 2) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      assert.ok(board.items.length >= 2, JSON.stringify(board.items));
      const ws = new WebSocket(`${b.base.replace('http', 'ws')}/bot`);
      await new Promise<void>((ok, fail) => {
        ws.once('open', () => ok());
        ws.once('error', fail);
      });
      ws.close();
    } finally {
      b.child.kill('SIGTERM');
    }
    assert.equal(await b.exit, 0);
  });

  it('boots again on the same data: no new admin token, no duplicate built-ins, data kept', async () => {
    const b = await boot(dir);
    try {
      assert.doesNotMatch(b.stdout, /admin token/);
      const agents = await (await fetch(`${b.base}/api/agents?kind=builtin&limit=500`)).json();
      const names = agents.items.map((a: any) => a.name);
      assert.equal(new Set(names).size, names.length);
      assert.ok(!names.some((n: string) => n.startsWith('builtin-')));
      const matches = await (await fetch(`${b.base}/api/matches?limit=1`)).json();
      assert.ok(matches.total >= 1, 'matches of the first boot are still there');
    } finally {
      b.child.kill('SIGTERM');
    }
    assert.equal(await b.exit, 0);
  });
});

const pg = BACKENDS.find((x) => x.name === 'postgres')!;
describe('startArena on the real Postgres', { skip: pg.skip }, () => {
  it('migrates a fresh schema, registers built-ins and serves the API', async () => {
    const url = process.env.LUDUS_TEST_DATABASE_URL;
    if (!url) throw new Error('LUDUS_TEST_DATABASE_URL is not set: CI must boot the arena on the real Postgres');
    const schema = freshSchema();
    const arena = await startArena(
      {
        port: 0,
        host: '127.0.0.1',
        databaseUrl: url,
        schema,
        league: { enabled: false, intervalSeconds: 30, matchesPerGame: 1 },
        ui: false,
      },
      { log: () => {}, live: false },
    );
    try {
      const info = await (await fetch(`http://127.0.0.1:${arena.port}/api`)).json();
      assert.equal(info.backend, 'postgres');
      assert.equal((await fetch(`http://127.0.0.1:${arena.port}/api/docs`)).status, 200);
      const r = await fetch(`http://127.0.0.1:${arena.port}/api/agents?kind=builtin`);
      assert.ok((await r.json()).total > 0);
      assert.ok(arena.generatedAdminToken);
    } finally {
      await arena.close();
      await dropSchema(url, schema);
    }
  });
});

describe('server configuration from the environment', () => {
  it('has embedded defaults for everything', () => {
    const c = configFromEnv({});
    assert.equal(c.port, 2567);
    assert.equal(c.databaseUrl, undefined);
    assert.match(c.pgliteDir!, /\.ludus[/\\]pglite$/);
    assert.deepEqual(c.league, { enabled: false, intervalSeconds: 30, matchesPerGame: 1 });
    assert.deepEqual(c.demo, { enabled: true, paceMs: 200, attacks: true });
    assert.deepEqual(c.evaluations, { enabled: true, leaseMs: 60_000, snapshotSeconds: 30, arenaGapMs: 10_000 });
  });

  it('reads PORT, DATABASE_URL, LUDUS_LEAGUE=on and the data directory', () => {
    const c = configFromEnv({ PORT: '0', DATABASE_URL: 'postgres://u@h/db', LUDUS_LEAGUE: 'on', LUDUS_DATA_DIR: '/x' });
    assert.equal(c.port, 0);
    assert.equal(c.databaseUrl, 'postgres://u@h/db');
    assert.equal(c.league.enabled, true);
    assert.equal(configFromEnv({ LUDUS_LEAGUE: 'off' }).league.enabled, false);
    assert.equal(c.pgliteDir, resolve('/x', 'pglite'));
  });

  it('stops on bad values with one clear message', () => {
    assert.throws(
      () => configFromEnv({ PORT: 'abc' }),
      (e: unknown) => e instanceof ConfigError && /PORT/.test(e.message),
    );
    assert.throws(() => configFromEnv({ DATABASE_URL: 'mysql://x' }), ConfigError);
    assert.throws(() => configFromEnv({ LUDUS_ADMIN_TOKEN: 'short' }), ConfigError);
  });
});
