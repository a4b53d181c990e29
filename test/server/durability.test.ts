/**
 * No announced result is ever lost (issue 15, fault 4): bots play match after match while
 *   - `ludus start` (bin/ludus.js, a child process) is killed with SIGKILL and started again on the
 *     same data, on PGlite (a data directory) and on the real PostgreSQL (a fresh schema);
 *   - a PRIVATE PostgreSQL server (its own cluster on another port, started by this test) is stopped
 *     and restarted under a running arena.
 * Every result a bot received must be in the store afterwards with the same outcome and final hash;
 * every match that was running at the kill is recorded at restart as `aborted`, unrated, with its
 * partial log: every step its bot had been shown, but for fewer than JOURNAL_FLUSH_STEPS (the journal's
 * bound), and that log replays.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { replay } from '../../games/core/kernel.ts';
import { getGame } from '../../games/index.ts';
import { JOURNAL_FLUSH_STEPS } from '../../server/live/journal.ts';
import { startArena } from '../../server/main.ts';
import { dropSchema } from '../../server/store/postgres.ts';
import { startPlayers } from '../support/players.ts';
import { postgresBin, startPrivatePostgres } from '../support/private-postgres.ts';
import { freshSchema } from './store-backends.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const root = new URL('../..', import.meta.url).pathname;
const ADMIN = 'durability-admin-token-0123456789';
const pgUrl = process.env.LUDUS_TEST_DATABASE_URL;

async function until(
  what: string,
  cond: () => boolean | Promise<boolean>,
  timeoutMs = 60_000,
  intervalMs = 50,
): Promise<void> {
  const t0 = performance.now();
  while (!(await cond())) {
    if (performance.now() - t0 > timeoutMs) assert.fail(`timed out waiting for ${what}`);
    await sleep(intervalMs);
  }
}

/** `ludus start --json` in a child process; resolves with its base URL once it listens. */
async function launch(
  env: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess; base: string; bot: string; stderr: string[] }> {
  const child = spawn(process.execPath, [join(root, 'bin/ludus.js'), 'start', '--json', '--no-league', '--port', '0'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr!.on('data', (d) => stderr.push(String(d)));
  const facts = await new Promise<any>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += String(d);
      try {
        resolve(JSON.parse(out)); // printed whole once the server listens
      } catch {
        // not complete yet
      }
    });
    child.once('exit', (code) => reject(new Error(`ludus start exited with ${code}: ${stderr.join('')}`)));
  });
  const base = facts.urls.api.replace(/\/api$/, '').replace('localhost', '127.0.0.1');
  return { child, base, bot: facts.urls.bot.replace('localhost', '127.0.0.1'), stderr };
}

async function register(base: string, name: string): Promise<string> {
  const r = await fetch(`${base}/api/agents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, owner: 'durability', games: ['ipd'] }),
  });
  assert.equal(r.status, 201, await r.clone().text());
  return ((await r.json()) as { token: string }).token;
}

async function getMatch(base: string, id: string): Promise<any | undefined> {
  const r = await fetch(`${base}/api/matches/${id}`);
  return r.status === 200 ? r.json() : undefined;
}

/** Every announced result is stored as announced; returns the stored records of the other started matches. */
async function checkLedger(base: string, results: Map<string, any>, started: Set<string>): Promise<any[]> {
  for (const [id, res] of results) {
    const m = await getMatch(base, id);
    assert.ok(m, `announced match ${id} is in the store`);
    assert.equal(m.outcome, res.outcome, `match ${id}: the stored outcome is the announced one`);
    assert.equal(m.finalHash, res.finalHash, `match ${id}: the stored final hash is the announced one`);
  }
  const others: any[] = [];
  for (const id of started) {
    if (results.has(id)) continue;
    let m: any;
    await until(
      `interrupted match ${id} to be recorded`,
      async () => (m = await getMatch(base, id)) !== undefined,
      30_000,
      150, // over HTTP: an /api route allows 600 requests a minute per address
    );
    others.push(m);
  }
  return others;
}

const backends = [
  { name: 'pglite', skip: undefined as string | undefined },
  { name: 'postgres', skip: pgUrl ? undefined : 'LUDUS_TEST_DATABASE_URL is not set' },
];

/** A running match must have been shown this step to its bot before the kill (a partial log worth checking). */
const MIN_SEEN = 100;

describe('durability: SIGKILL of `ludus start`', () => {
  for (const backend of backends) {
    it(`loses no announced result and records the running matches as aborted with their partial logs (${backend.name})`, {
      skip: backend.skip,
      timeout: 240_000,
    }, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'ludus-durable-'));
      const schema = freshSchema();
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        LUDUS_DATA_DIR: dir,
        LUDUS_UI: 'off',
        LUDUS_DEMO_ATTACKS: 'off', // attacks have their own tests (test/evaluation/)
        LUDUS_LEAGUE: 'off',
        HOST: '127.0.0.1',
        LUDUS_ADMIN_TOKEN: ADMIN,
        ...(backend.name === 'postgres' ? { DATABASE_URL: pgUrl, LUDUS_DB_SCHEMA: schema } : { DATABASE_URL: '' }),
      };
      let child: ChildProcess | undefined;
      try {
        const first = await launch(env);
        child = first.child;
        const tokens = await Promise.all([0, 1, 2, 3].map((i) => register(first.base, `durable-${i}`)));
        const players = startPlayers(first.bot, tokens, {
          opponent: 'tft',
          game: 'ipd',
          config: { turns: 600 }, // several seconds a match: a match with journalled steps is still running at the kill
          action: 'C',
          thinkMs: 6,
        });
        // Play until several results were announced, and until a running match is well under way: its bot
        // has been shown step MIN_SEEN (so that many steps were played, and the kill finds a partial log).
        await until('six announced results', () => players.ledger.results.size >= 6, 120_000);
        const { results, started, steps } = players.ledger;
        await until(
          `a running match past step ${MIN_SEEN}`,
          () => [...steps].some(([id, n]) => n >= MIN_SEEN && !results.has(id)),
          120_000,
        );
        // What the bots had been shown just before the kill (they may see a few more turns before it lands).
        const seenAtKill = new Map(steps);
        const exited = new Promise((r) => first.child.once('exit', r));
        first.child.kill('SIGKILL');
        await exited;
        await players.stop();
        assert.ok(started.size > results.size, 'some matches were running at the kill');

        const second = await launch(env);
        child = second.child;
        const interrupted = await checkLedger(second.base, results, started);
        const aborted = interrupted.filter((m) => m.outcome === 'aborted');
        assert.ok(aborted.length > 0, 'the matches running at the kill are recorded as aborted');
        assert.ok(
          aborted.some((m) => (seenAtKill.get(m.id) ?? 0) >= MIN_SEEN),
          'the match that was well under way at the kill is among the aborted',
        );
        for (const m of interrupted) {
          // A match may have been committed just before the kill with its result not yet sent: stored as it ended.
          if (m.outcome !== 'aborted') continue;
          assert.equal(m.rated, false, 'an interrupted match is never rated');
          // A bot shown step n had seen n steps played; the journal appends at least every
          // JOURNAL_FLUSH_STEPS steps, so the kill lost fewer than that many of them.
          const seen = seenAtKill.get(m.id) ?? 0;
          assert.ok(
            m.steps >= seen - (JOURNAL_FLUSH_STEPS - 1),
            `match ${m.id}: the aborted record keeps ${m.steps} steps; its bot had been shown step ${seen} before the kill`,
          );
          assert.ok(m.steps <= (steps.get(m.id) ?? 0) + 1, `match ${m.id}: no more steps than were played`);
          // The partial log is the one played (tft against a bot that always cooperates: every action is C),
          // and its seed and actions reproduce the recorded final state.
          const log = await (await fetch(`${second.base}/api/matches/${m.id}/replay`)).json();
          assert.equal(log.actions.length, m.steps, `match ${m.id}: the replay holds every recorded step`);
          assert.ok(
            log.actions.every((row: unknown[]) => row.every((a) => a === 'C')),
            `match ${m.id}: the recovered actions are the ones played`,
          );
          const rep = replay(getGame('ipd'), {
            game: 'ipd',
            config: log.config,
            seed: log.seed,
            actions: log.actions,
            finalHash: m.finalHash,
          });
          assert.equal(rep.hash, m.finalHash, `match ${m.id}: the partial log replays to the recorded final hash`);
        }
      } finally {
        child?.kill('SIGKILL');
        rmSync(dir, { recursive: true, force: true });
        if (backend.name === 'postgres' && pgUrl) await dropSchema(pgUrl, schema).catch(() => {});
      }
    });
  }
});

describe('durability: a PostgreSQL restart under a running arena', {
  skip: postgresBin() ? undefined : 'no PostgreSQL installation to start a private server',
}, () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  after(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('loses no announced result: failed commits are parked in the journal, announced, and land when the server is back', {
    timeout: 240_000,
  }, async () => {
    const pg = await startPrivatePostgres();
    cleanups.push(() => pg.destroy());
    const journalDir = mkdtempSync(join(tmpdir(), 'ludus-journal-'));
    cleanups.push(() => rmSync(journalDir, { recursive: true, force: true }));
    const arena = await startArena(
      {
        port: 0,
        host: '127.0.0.1',
        databaseUrl: pg.url,
        schema: 'ludus',
        journalDir,
        league: { enabled: false, intervalSeconds: 30, matchesPerGame: 1 },
        ui: false,
      },
      { log: () => {}, liveOptions: { commitRetryMs: [0, 100, 250, 500] } },
    );
    cleanups.push(() => arena.close());
    const base = `http://127.0.0.1:${arena.port}`;
    const tokens = await Promise.all([0, 1, 2, 3].map((i) => register(base, `pg-restart-${i}`)));
    const players = startPlayers(`ws://127.0.0.1:${arena.port}/bot`, tokens, {
      opponent: 'tft',
      game: 'ipd',
      config: { turns: 20 },
      action: 'C',
      thinkMs: 2,
    });
    await until('results before the restart', () => players.ledger.results.size >= 8);

    let peak = 0;
    const watch = setInterval(() => (peak = Math.max(peak, arena.live!.commitBacklog())), 20);
    const before = players.ledger.results.size;
    pg.stop('fast');
    await sleep(2500);
    const duringOutage = players.ledger.results.size - before;
    pg.start();
    await until('results after the restart', () => players.ledger.results.size >= before + duringOutage + 8, 120_000);
    await players.stop();
    await until('an empty commit backlog', () => arena.live!.commitBacklog() === 0, 120_000);
    clearInterval(watch);

    assert.ok(duringOutage > 0, 'matches ended and were announced while the database was down (parked in the journal)');
    assert.ok(peak > 0, 'the backlog counted the parked results');
    const { results } = players.ledger;
    for (const [id, res] of results) {
      const m = await arena.store.getMatch(id);
      assert.ok(m, `announced match ${id} is in the store`);
      assert.equal(m.outcome, res.outcome);
      assert.equal(m.finalHash, res.finalHash);
    }
  });
});
