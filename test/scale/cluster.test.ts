/**
 * Multi-process mode (issue 17, server/live/cluster.ts): three `ludus start` processes on loopback share
 * the machine's Redis (a key prefix of this run) and PostgreSQL (a fresh schema). Specified here:
 *   - a seek on one process pairs with a seek on another, and the match plays to its end;
 *   - a challenge reaches its opponent on another process, and the accept comes back to the challenger's;
 *   - a bot that reconnects to another process resumes its seat and finishes the match, rated as usual;
 *   - a spectator joins the match's room through another process (Colyseus Redis presence and driver);
 *   - a process killed with SIGKILL mid-match: the survivors record its match as aborted and unrated,
 *     tell both bots (which stayed connected, on other processes) and change no rating; the tournament
 *     game it was playing (a job it took from the queue) is replayed by a survivor, each game counted once;
 *   - a recurring tournament fires once per occurrence across the processes, each game played once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client } from '@colyseus/sdk';
import { Redis } from 'ioredis';
import { ConfigError, configFromEnv } from '../../server/config.ts';
import { dropSchema } from '../../server/store/postgres.ts';
import { Store } from '../../server/store/store.ts';
import { freshSchema } from '../server/store-backends.ts';
import {
  Bot,
  call,
  dropPrefix,
  PG_URL,
  REDIS_URL,
  register,
  runPrefix,
  sleep,
  startProc,
  stopProc,
  until,
  HTTP_POLL_MS,
  type Proc,
} from './cluster-support.ts';

const skip = PG_URL || process.env.CI === 'true' ? undefined : 'LUDUS_TEST_DATABASE_URL is not set';

describe('several arena processes on one Redis and one Postgres', { skip, timeout: 120_000 }, () => {
  const schema = freshSchema();
  const prefix = runPrefix();
  const procs: Proc[] = [];
  const bots: Bot[] = [];
  let a: Proc;
  let b: Proc;
  let c: Proc;
  let store: Store;
  let x: { id: string; token: string };
  let y: { id: string; token: string };

  before(async () => {
    const env = {
      DATABASE_URL: PG_URL!,
      LUDUS_DB_SCHEMA: schema,
      LUDUS_REDIS_URL: REDIS_URL,
      LUDUS_REDIS_PREFIX: prefix,
      LUDUS_PROCESS_LEASE_MS: '3000',
      LUDUS_QUEUE_POLL: '0.5',
      LUDUS_TOURNAMENT_LEASE_MS: '2000',
      LUDUS_TOURNAMENT_JOB_EXPIRE: '4',
    };
    // Migrations are serialised by an advisory lock: the three boot at once.
    // Every process that did start is stopped by after(), even when another failed to boot (a leaked
    // child would keep this file's process alive for ever).
    const started = await Promise.allSettled([startProc('a', env), startProc('b', env), startProc('c', env)]);
    for (const r of started) if (r.status === 'fulfilled') procs.push(r.value);
    const failed = started.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    [a, b, c] = procs as [Proc, Proc, Proc];
    store = await Store.open({ databaseUrl: PG_URL!, schema });
    x = await register(a.base, 'scale-x');
    y = await register(b.base, 'scale-y');
  });

  after(async () => {
    for (const bot of bots) bot.ws?.terminate();
    await Promise.all(procs.map((p) => stopProc(p)));
    await store?.close();
    if (PG_URL) {
      await dropSchema(PG_URL, schema);
      await dropSchema(PG_URL, `${schema}_boss`);
    }
    await dropPrefix(prefix);
  });

  const bot = (token: string, thinkMs = 5) => {
    const bt = new Bot(token, { action: 'C', thinkMs });
    bots.push(bt);
    return bt;
  };

  it('pairs a seek on one process with a seek on another and plays the match to its end', async () => {
    const bx = bot(x.token);
    const by = bot(y.token);
    await bx.connect(a.bot);
    await by.connect(b.bot);
    bx.send({ type: 'seek', game: 'ipd', config: { turns: 20 } });
    await bx.wait('seeking', (m) => m.type === 'seeking');
    by.send({ type: 'seek', game: 'ipd', config: { turns: 20 } });
    const sx = await bx.wait('match-start', (m) => m.type === 'match-start');
    const sy = await by.wait('match-start', (m) => m.type === 'match-start');
    assert.equal(sx.matchId, sy.matchId, 'one match for both seekers');
    const rx = await bx.wait('result', (m) => m.type === 'result' && m.matchId === sx.matchId);
    const ry = await by.wait('result', (m) => m.type === 'result' && m.matchId === sx.matchId);
    assert.equal(rx.outcome, 'normal');
    assert.equal(ry.finalHash, rx.finalHash);
    assert.equal(rx.steps, 20);
    const stored = await call(c.base, 'GET', `/api/matches/${sx.matchId}`);
    assert.equal(stored.finalHash, rx.finalHash, 'the third process reads the stored record');
    assert.equal(stored.rated, true);
    bx.close();
    by.close();
  });

  it('sends a challenge to the opponent on another process; a reconnect to a third process resumes the seat', async () => {
    const bx = bot(x.token, 20);
    const by = bot(y.token, 20);
    await bx.connect(a.bot);
    await by.connect(b.bot);
    await sleep(200); // the connections' announcements reach every process
    bx.send({ type: 'challenge', opponent: 'scale-y', game: 'ipd', config: { turns: 60 } });
    const offer = await by.wait('the challenge offer on process b', (m) => m.type === 'challenge');
    by.send({ type: 'accept', challengeId: offer.challengeId });
    const start = await by.wait('match-start', (m) => m.type === 'match-start');
    await bx.wait('match-start', (m) => m.type === 'match-start' && m.matchId === start.matchId);
    await until('a few turns', () => by.turns(start.matchId) >= 5);
    // y leaves process b and comes back on process c: its seat follows it.
    by.close();
    const by2 = bot(y.token, 20);
    const welcome = await by2.connect(c.bot);
    assert.deepEqual(welcome.resumed, [start.matchId], 'the welcome names the match held on process a');
    await by2.wait('match-start again', (m) => m.type === 'match-start' && m.matchId === start.matchId);
    const r = await by2.wait('result', (m) => m.type === 'result' && m.matchId === start.matchId, 30_000);
    assert.equal(r.outcome, 'normal', 'the match ended by its rules, no fault');
    assert.equal(r.steps, 60);
    const stored = await call(b.base, 'GET', `/api/matches/${start.matchId}`);
    assert.equal(stored.outcome, 'normal');
    assert.equal(stored.rated, true);
    bx.close();
    by2.close();
  });

  it('keeps a text-mode bot in text mode when its match lives on another process: text turns, text actions, stored transcripts', async () => {
    const bx = bot(x.token);
    const by = new Bot(y.token, { text: 'D', thinkMs: 5 });
    bots.push(by);
    await bx.connect(a.bot);
    await by.connect(b.bot);
    await sleep(200); // the connections' announcements (with y's observation mode) reach every process
    bx.send({ type: 'challenge', opponent: 'scale-y', game: 'ipd', config: { turns: 8 } });
    const offer = await by.wait('the challenge offer on process b', (m) => m.type === 'challenge');
    by.send({ type: 'accept', challengeId: offer.challengeId });
    const start = await by.wait('match-start', (m) => m.type === 'match-start');
    const r = await by.wait('result', (m) => m.type === 'result' && m.matchId === start.matchId, 30_000);
    assert.equal(r.outcome, 'normal');
    const turns = by.msgs.filter((m) => m.type === 'turn' && m.matchId === start.matchId);
    assert.equal(turns.length, 8);
    assert.ok(
      turns.every((t) => typeof t.text === 'string' && t.observation === undefined),
      'the owner on process a renders text views for the connection on process b',
    );
    assert.deepEqual(
      by.msgs.filter((m) => m.type === 'error'),
      [],
      'every text action was read',
    );
    const replay = await call(c.base, 'GET', `/api/matches/${start.matchId}/replay`);
    const ySeat = start.seat;
    assert.ok(
      replay.actions.every((row: unknown[]) => row[ySeat] === 'D'),
      'the text "D" was played each turn',
    );
    const tr = await call(c.base, 'GET', `/api/matches/${start.matchId}/transcript`);
    const mine = tr.turns.filter((t: { seat: number }) => t.seat === ySeat);
    assert.equal(mine.length, 8, 'the transcripts crossed processes with the actions');
    assert.equal(mine[0].completion, 'D');
    bx.close();
    by.close();
  });

  it('lets a spectator watch through another process (the room lives with the match)', async () => {
    const bx = bot(x.token, 30);
    const by = bot(y.token, 30);
    await bx.connect(a.bot);
    await by.connect(b.bot);
    await sleep(200);
    // 200 turns of 30 ms each: the match is still on when the spectator, polling the list, joins.
    bx.send({ type: 'challenge', opponent: 'scale-y', game: 'ipd', config: { turns: 200 } });
    const offer = await by.wait('offer', (m) => m.type === 'challenge');
    by.send({ type: 'accept', challengeId: offer.challengeId });
    const start = await bx.wait('match-start', (m) => m.type === 'match-start');
    // The match is owned by process a; the spectator asks process c, whose live list shows it.
    const listed = await until(
      "the match in process c's live list",
      async () =>
        ((await call(c.base, 'GET', '/api/live')).items as { id: string }[]).find((m) => m.id === start.matchId),
      20_000,
      HTTP_POLL_MS,
    );
    assert.equal(listed.id, start.matchId);
    const views: any[] = [];
    const client = new Client(`ws://127.0.0.1:${c.port}`);
    const room = await client.joinOrCreate('match', { matchId: start.matchId, spectate: true });
    room.onMessage('*', (type: string | number, msg: any) => views.push({ type, ...msg }));
    await until('a spectator view', () => views.find((v) => v.type === 'view' && v.matchId === start.matchId));
    await until('the result, to the spectator', () => views.find((v) => v.type === 'result'), 30_000);
    await room.leave();
    bx.close();
    by.close();
  });

  it('records the match of a SIGKILLed process as aborted and unrated, tells the bots that stayed, and replays its tournament game elsewhere', async () => {
    const ENTRANTS = ['tft', 'alld', 'wsls', 'grim', 'allc', 'stft', 'gtft', 'tf2t'];
    const GAMES = (ENTRANTS.length * (ENTRANTS.length - 1)) / 2;
    const bx = bot(x.token, 40);
    const byc = bot(y.token, 40);
    await bx.connect(a.bot);
    await byc.connect(c.bot);
    bx.send({ type: 'seek', game: 'ipd', config: { turns: 200 } });
    await bx.wait('seeking', (m) => m.type === 'seeking');
    byc.send({ type: 'seek', game: 'ipd', config: { turns: 200 } });
    const start = await byc.wait('match-start', (m) => m.type === 'match-start');
    // y also connects to process b: its newest connection takes the seat from process c's.
    const byb = bot(y.token, 40);
    const from = 0;
    await byb.connect(b.bot);
    await byb.wait(
      'the seat on process b',
      (m) => m.type === 'match-start' && m.matchId === start.matchId,
      10_000,
      from,
    );
    await until('turns on process b', () => byb.turns(start.matchId) >= 3);
    // A paced tournament of built-ins: wait until process c is playing one of its games (a job it took).
    const builtins = (await call(a.base, 'GET', '/api/agents?game=ipd&kind=builtin&limit=100')).items as {
      id: string;
      ref: string;
    }[];
    const tour = await call(a.base, 'POST', '/api/tournaments', {
      name: 'kill test',
      game: 'ipd',
      config: { turns: 20 },
      rules: { format: { kind: 'round-robin' } },
      // 8 entrants: 28 games in 7 rounds of 4, so that process c takes some of them (any free process may).
      entrants: ENTRANTS.map((r) => builtins.find((g) => g.ref === r)!.id),
      startInSeconds: 0,
      pacedMs: 50,
    });
    assert.ok(tour.id, JSON.stringify(tour));
    // Every live match's owner is in Redis (`m:<id>` → process id, cluster.ts): poll those keys directly
    // (every 25 ms, so that a short game is not missed; polling the HTTP list that fast would outrun the
    // route's rate limit).
    const cPid = /multi-process mode, process (\S+) at/.exec(c.stderr.join(''))![1]!;
    const redis = new Redis(REDIS_URL);
    try {
      await until(
        'process c playing a tournament game',
        async () => {
          const keys = await redis.keys(`${prefix}m:t_${tour.id.slice(2)}_*`);
          for (const k of keys) if ((await redis.get(k)) === cPid) return true;
          return false;
        },
        30_000,
      );
    } finally {
      redis.disconnect();
    }
    const ratingsBefore = await store.db.query('SELECT * FROM ratings ORDER BY agent_id, game');
    c.child.kill('SIGKILL'); // the owner of the match (the process that paired it) and of a tournament game
    const rx = await bx.wait(
      'the result on process a',
      (m) => m.type === 'result' && m.matchId === start.matchId,
      20_000,
    );
    const ry = await byb.wait(
      'the result on process b',
      (m) => m.type === 'result' && m.matchId === start.matchId,
      20_000,
    );
    assert.equal(rx.outcome, 'aborted');
    assert.equal(ry.outcome, 'aborted');
    assert.equal(rx.faultSeat, undefined, 'nobody is at fault');
    const stored = await call(a.base, 'GET', `/api/matches/${start.matchId}`);
    assert.equal(stored.outcome, 'aborted');
    assert.equal(stored.rated, false, 'an infrastructure failure is never rated');
    const [n] = await store.db.query<{ n: unknown }>('SELECT count(*) AS n FROM matches WHERE id = $1', [
      start.matchId,
    ]);
    assert.equal(Number(n!.n), 1, 'recorded once');
    const after = (await store.db.query<{ agent_id: string; game: string }>(
      'SELECT * FROM ratings ORDER BY agent_id, game',
    )) as { agent_id: string }[];
    const mine = (rows: { agent_id: string }[]) => rows.filter((r) => r.agent_id === x.id || r.agent_id === y.id);
    assert.deepEqual(mine(after), mine(ratingsBefore as { agent_id: string }[]), 'no rating of the bots moved');
    bx.close();
    byb.close();
    // The tournament's game on the dead process is replayed by a survivor: every game counted once.
    const done = await until(
      'the tournament to finish on the survivors',
      async () => {
        const t = await call(a.base, 'GET', `/api/tournaments/${tour.id}`);
        return t.status === 'finished' ? t : undefined;
      },
      90_000,
      HTTP_POLL_MS,
    );
    assert.equal(done.progress.gamesDone, GAMES);
    const played = await store.db.query<{ id: string; outcome: string; rated: boolean }>(
      'SELECT id, outcome, rated FROM matches WHERE id LIKE $1',
      [`t_${tour.id.slice(2)}_%`],
    );
    const games = new Map<string, number>();
    for (const m of played) {
      if (m.outcome === 'aborted') {
        assert.equal(m.rated, false, `interrupted ${m.id} is unrated`);
        continue;
      }
      const game = m.id.replace(/_a\d+$/, '');
      games.set(game, (games.get(game) ?? 0) + 1);
    }
    assert.equal(games.size, GAMES, 'every game played to a result');
    assert.ok(
      [...games.values()].every((n) => n === 1),
      'each game counted once',
    );
    assert.ok(
      played.some((m) => m.outcome === 'aborted'),
      'the game on the dead process was recorded as aborted',
    );
  });

  it('fires a recurring tournament once per occurrence across the processes, each game played once', async () => {
    const agents = (await call(a.base, 'GET', '/api/agents?game=ipd&kind=builtin&limit=100')).items as {
      id: string;
      ref: string;
    }[];
    const entrants = ['tft', 'alld', 'wsls'].map((r) => agents.find((g) => g.ref === r)!.id);
    const sched = await call(b.base, 'POST', '/api/tournaments/schedules', {
      name: 'every 2 s',
      cron: '*/2 * * * * *',
      template: {
        name: 'blitz',
        game: 'ipd',
        config: { turns: 10 },
        rules: { format: { kind: 'round-robin' } },
        entrants,
      },
    });
    assert.ok(sched.id, JSON.stringify(sched));
    const rows = await until(
      'two occurrences',
      async () => {
        const r = await store.db.query<{ id: string; fire_at: Date }>(
          'SELECT id, fire_at FROM tournaments WHERE schedule_id = $1 ORDER BY fire_at',
          [sched.id],
        );
        return r.length >= 2 ? r : undefined;
      },
      20_000,
    );
    await store.db.query('UPDATE tournament_schedules SET enabled = false WHERE id = $1', [sched.id]);
    const fires = rows.map((r) => new Date(r.fire_at).getTime());
    assert.equal(new Set(fires).size, fires.length, 'one tournament per occurrence, not one per process');
    for (const r of rows.slice(0, 2)) {
      const v = await until(
        `tournament ${r.id}`,
        async () => {
          const t = await call(a.base, 'GET', `/api/tournaments/${r.id}`);
          return t.status === 'finished' ? t : undefined;
        },
        30_000,
        HTTP_POLL_MS,
      );
      assert.equal(v.progress.gamesDone, 3);
      const [n] = await store.db.query<{ n: unknown }>('SELECT count(*) AS n FROM matches WHERE id LIKE $1', [
        `t_${r.id.slice(2)}_%`,
      ]);
      assert.equal(Number(n!.n), 3, 'each game played once across the processes');
    }
  });
});

describe('multi-process mode configuration', () => {
  it('refuses LUDUS_REDIS_URL without DATABASE_URL, in one line', () => {
    assert.throws(
      () => configFromEnv({ LUDUS_REDIS_URL: 'redis://127.0.0.1:6379' }),
      (e: Error) =>
        e instanceof ConfigError && /LUDUS_REDIS_URL needs DATABASE_URL/.test(e.message) && !e.message.includes('\n'),
    );
    const c = configFromEnv({
      LUDUS_REDIS_URL: 'redis://r:6379',
      DATABASE_URL: 'postgres://db/x',
      LUDUS_REDIS_PREFIX: 'p:',
    });
    assert.deepEqual(c.cluster, { redisUrl: 'redis://r:6379', prefix: 'p:', leaseMs: 5000 });
    assert.equal(configFromEnv({}).cluster, undefined, 'without Redis: one process');
  });
});
