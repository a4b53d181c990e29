/**
 * Hardening of live play (issue 15, the live half), each fault a test with the right behaviour, on
 * real WebSockets over loopback:
 *   - fault 3: deep JSON is refused before it is parsed and charged first; a flooding connection is
 *     paused and then closed; connections are limited per IP and per agent (/bot and rooms);
 *   - the server's own stalls are not charged to a bot's clock; while 12 connections flood /bot with
 *     deep JSON, a normal bot's p99 turn time stays under 50 ms and its bank is not charged;
 *   - deliver 4: 2,000 wrong tokens over 40 connections are not all evaluated;
 *   - fault 5: revoking or rotating a token closes the agent's connections (4401) and cancels its
 *     seeks and challenges;
 *   - fault 9: a bot that returns after its reconnection window still receives `result`;
 *   - fault 4: a result whose commit fails is parked in the journal before it is announced.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client } from '@colyseus/sdk';
import { WebSocket } from 'ws';
import type { AgentRecord } from '../../server/contracts.ts';
import { bootLive, RawBot, type LiveTestServer, type Msg } from '../support/live-harness.ts';
import { bootArena, type TestArena } from '../support/arena-harness.ts';
import { BACKENDS } from './store-backends.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

describe('hardening: /bot limits', () => {
  let s: LiveTestServer;
  let authCalls = 0;
  before(async () => {
    s = await bootLive({
      timing: { turnMs: 200, bankMs: 2000, reconnectMs: 300 },
      connectionLimits: { perIp: 60, perAgent: 3 },
    });
    s.store.addBuiltins(['tft', 'alld'], ['ipd']);
    const auth = s.store.authenticate.bind(s.store);
    s.store.authenticate = (token: string) => {
      authCalls++;
      return auth(token);
    };
  });
  after(async () => {
    await s.close();
  });

  it('a deep frame is refused with TOO_LARGE before parsing, each one charged; a connection that keeps flooding is closed with 4429', async () => {
    const ws = new WebSocket(s.botUrl);
    await new Promise((r) => ws.once('open', r));
    const errors: Msg[] = [];
    ws.on('message', (d) => errors.push(JSON.parse(d.toString())));
    const bye = closed(ws);
    const deep = '['.repeat(50_000) + ']'.repeat(10_000);
    const t0 = performance.now();
    for (let i = 0; i < 400 && ws.readyState === WebSocket.OPEN; i++) ws.send(deep);
    const { code, reason } = await bye;
    const seconds = (performance.now() - t0) / 1000;
    assert.equal(code, 4429, 'closed for ignoring its budget');
    assert.match(reason, /^RATE_LIMITED/);
    assert.equal(errors[0]?.code, 'TOO_LARGE');
    assert.ok(errors.some((e) => e.code === 'RATE_LIMITED'));
    const refused = errors.filter((e) => e.code === 'TOO_LARGE').length;
    assert.ok(
      refused <= 60 + 20 * seconds + 1,
      `no more frames looked at than the budget allows (${refused} in ${seconds.toFixed(1)} s): the rest were dropped unread`,
    );
  });

  it('connections per agent are limited (4429 RATE_LIMITED), and per IP (HTTP 429 at the upgrade, nothing upgraded)', async () => {
    const me = s.store.add('many-sockets');
    const bots = [];
    for (let i = 0; i < 3; i++) bots.push((await RawBot.login(s.botUrl, me.token)).bot);
    const fourth = await RawBot.connect(s.botUrl);
    const bye = closed(fourth.ws);
    fourth.send({ type: 'auth', token: me.token });
    const e = await fourth.next('error');
    assert.equal(e.code, 'RATE_LIMITED');
    assert.equal(e.details.limit, 'connections-per-agent');
    assert.equal((await bye).code, 4429);
    await Promise.all(bots.map((b) => b.close()));

    const open: WebSocket[] = [];
    let refused: { status?: number; body?: string } | undefined;
    for (let i = 0; i < 70 && !refused; i++) {
      const ws = new WebSocket(s.botUrl);
      refused = await new Promise((resolve) => {
        ws.once('open', () => resolve(undefined));
        ws.once('unexpected-response', (_req, res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode, body }));
        });
        ws.once('error', () => {});
      });
      if (!refused) open.push(ws);
    }
    assert.ok(refused, 'the 61st connection from one address is refused');
    assert.equal(open.length, 60);
    assert.equal(refused.status, 429);
    assert.equal(JSON.parse(refused.body!).code, 'RATE_LIMITED');
    await Promise.all(open.map((ws) => new Promise((r) => (ws.once('close', r), ws.close()))));
    await sleep(50);
    const again = await RawBot.connect(s.botUrl); // the count goes down as connections close
    await again.close();
  });

  it('2,000 wrong tokens over 40 connections are not all evaluated: after the burst they are refused with RATE_LIMITED unread', async () => {
    const before = authCalls;
    const bots = await Promise.all(Array.from({ length: 40 }, () => RawBot.connect(s.botUrl)));
    const codes = new Map<string, number>();
    await Promise.all(
      bots.map(async (b, i) => {
        for (let k = 0; k < 50; k++) {
          b.send({ type: 'auth', token: `wrong-${i}-${k}` });
          const e = await b.next('error', 10_000);
          codes.set(e.code, (codes.get(e.code) ?? 0) + 1);
        }
      }),
    );
    const evaluated = authCalls - before;
    assert.ok(evaluated < 100, `only the failure budget was looked up (${evaluated} of 2000)`);
    assert.ok((codes.get('RATE_LIMITED') ?? 0) > 1000, JSON.stringify([...codes]));
    await Promise.all(bots.map((b) => b.close()));
  });
});

/** Play `turns` ipd turns against tft as a fresh bot; wall-clock turn times at the bot, think times charged by the server, last bank. */
async function turnTimes(
  s: LiveTestServer,
  name: string,
  turns: number,
  logged?: RawBot,
): Promise<{ times: number[]; charged: number[]; lastBank: number }> {
  const bot = logged ?? (await RawBot.login(s.botUrl, s.store.add(name).token)).bot;
  bot.send({ type: 'challenge', opponent: 'tft', game: 'ipd', config: { turns } });
  const start = await bot.next('match-start');
  const times: number[] = [];
  let lastBank = -1;
  let sent = 0;
  for (;;) {
    const m = await bot.next((x) => x.matchId === start.matchId && (x.type === 'turn' || x.type === 'result'), 20_000);
    if (sent) times.push(performance.now() - sent);
    if (m.type === 'result') break;
    lastBank = m.bankMs;
    sent = performance.now();
    bot.send({ type: 'action', matchId: start.matchId, step: m.step, action: 'C' });
  }
  const f = await s.store.committed(start.matchId);
  await bot.close();
  return { times, charged: f.thinkMs.map((row) => row[0]!), lastBank };
}

describe('hardening: clocks and stalls', () => {
  let s: LiveTestServer;
  before(async () => {
    s = await bootLive({ timing: { turnMs: 100, bankMs: 5000, reconnectMs: 2000 }, connectionLimits: { perIp: 100 } });
    s.store.addBuiltins(['tft'], ['ipd']);
  });
  after(async () => {
    await s.close();
  });

  it("the server's own stall is credited back: an action read only after a 600 ms stall costs the bot nothing", async () => {
    const me = s.store.add('patient');
    const { bot } = await RawBot.login(s.botUrl, me.token);
    bot.send({ type: 'challenge', opponent: 'tft', game: 'ipd', config: { turns: 3 } });
    const start = await bot.next('match-start');
    const t0 = await bot.next('turn');
    assert.equal(t0.bankMs, 5000);
    bot.send({ type: 'action', matchId: start.matchId, step: 0, action: 'C' });
    const until = performance.now() + 600;
    while (performance.now() < until); // the whole process (server included) is stuck, the action waits unread
    const t1 = await bot
      .next('turn')
      .catch((e) =>
        assert.fail(`${e.message}; seen ${JSON.stringify(bot.seen.map((m) => [m.type, m.step, m.code, m.message]))}`),
      );
    assert.ok(t1.bankMs >= 4990, `the bank was not charged for the stall (bank ${t1.bankMs} ms)`);
    bot.send({ type: 'action', matchId: start.matchId, step: 1, action: 'C' });
    await bot.play(start.matchId, () => 'C');
    const f = await s.store.committed(start.matchId);
    assert.ok(f.thinkMs[0]![0]! < 100, `the charged think time excludes the stall (${f.thinkMs[0]![0]} ms)`);
    await bot.close();
  });

  it('while 12 connections flood /bot with deep JSON from another process, a normal bot is charged < 50 ms at p99, its wall-clock p99 stays < 50 ms (or within 3x its unflooded p99 on a loaded machine), and its bank is not charged', async () => {
    // The same bot's turn times without a flood, on this machine now (the reference for a loaded CI box).
    const baseline = await turnTimes(s, 'reference', 60);
    // The innocent bot connects first (the flooders share its loopback address, and flooding addresses get refused).
    // Two innocent bots, one per measuring window (a window's match ends by closing its bot).
    const innocents = [
      (await RawBot.login(s.botUrl, s.store.add('innocent').token)).bot,
      (await RawBot.login(s.botUrl, s.store.add('innocent-2').token)).bot,
    ];
    // The flood runs in a child process, as a real attacker's would: its own CPU is not the server's.
    const flooder = spawn(
      process.execPath,
      [new URL('../support/deep-flood.mjs', import.meta.url).pathname, s.botUrl, '12'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise((r) => flooder.stdout!.once('data', r));
    await sleep(500);
    // Up to two windows of 150 turns under the flood, each by its own innocent bot. The p99 of 150 turns
    // is their second-worst, so one scheduling hiccup of another test file sharing the two cores can
    // decide it; the server's own behaviour (the charged time, the bank) is checked in every window, the
    // wall-clock p99 on the better one.
    const ref = percentile(baseline.times, 99);
    const p99s: number[] = [];
    try {
      for (const innocent of innocents) {
        const flooded = await turnTimes(s, 'innocent', 150, innocent);
        assert.equal(flooded.times.length, 150);
        assert.equal(flooded.lastBank, 5000, 'not one millisecond of the bank was charged');
        // The time the server charged (from sending the turn to reading the answer, minus its own stalls).
        const charged = percentile(flooded.charged, 99);
        assert.ok(charged < 50, `p99 charged think time ${charged.toFixed(1)} ms`);
        p99s.push(percentile(flooded.times, 99));
        if (p99s.at(-1)! < Math.max(50, 3 * ref)) break;
      }
    } finally {
      flooder.kill('SIGKILL');
      for (const b of innocents) await b.close();
    }
    // Wall-clock turn time at the bot: under 50 ms at p99, or, on a machine too loaded for that even
    // without a flood, no worse than the same run's reference (the flood costs the server ~nothing).
    const p99 = Math.min(...p99s);
    assert.ok(
      p99 < Math.max(50, 3 * ref),
      `p99 turn time ${p99.toFixed(1)} ms under the flood, ${ref.toFixed(1)} ms without`,
    );
  });
});

describe('hardening: results and revocation', () => {
  let s: LiveTestServer;
  let journal: string;
  before(async () => {
    journal = mkdtempSync(join(tmpdir(), 'ludus-journal-'));
    s = await bootLive({
      timing: { turnMs: 300, bankMs: 1000, reconnectMs: 300 },
      journalDir: journal,
      commitRetryMs: [0, 50, 100],
    });
    s.store.addBuiltins(['tft', 'alld'], ['ipd']);
  });
  after(async () => {
    await s.close();
    rmSync(journal, { recursive: true, force: true });
  });

  it('a bot that returns after its reconnection window still receives the result', async () => {
    const me = s.store.add('late-returner');
    const { bot } = await RawBot.login(s.botUrl, me.token);
    bot.send({ type: 'challenge', opponent: 'alld', game: 'ipd', config: { turns: 4 } });
    const start = await bot.next('match-start');
    await bot.next('turn');
    bot.kill();
    const f = await s.store.committed(start.matchId); // the window closed; defaults played to the end
    assert.equal(f.outcome, 'disconnect');
    const back = await RawBot.login(s.botUrl, me.token);
    const r = await back.bot.next((m) => m.type === 'result' && m.matchId === start.matchId);
    assert.equal(r.outcome, 'disconnect');
    assert.equal(r.seat, 0);
    assert.equal(r.finalHash, f.finalHash);
    await back.bot.close();
  });

  it('a result whose commit fails is parked durably in the journal before it is announced, counted in the backlog, and committed later', async () => {
    const me = s.store.add('parked');
    const { bot } = await RawBot.login(s.botUrl, me.token);
    s.store.failCommits = 3;
    bot.send({ type: 'challenge', opponent: 'tft', game: 'ipd', config: { turns: 2 } });
    const start = await bot.next('match-start');
    const r = await bot.play(start.matchId, () => 'C');
    assert.equal(r.outcome, 'normal');
    const parked = readdirSync(join(journal, 'outbox'));
    assert.ok(
      s.store.matches.has(start.matchId) || parked.includes(`${start.matchId}.json`),
      'announced only once committed or parked',
    );
    await s.live.flush();
    assert.ok(s.store.matches.has(start.matchId));
    assert.equal(s.live.commitBacklog(), 0);
    assert.deepEqual(readdirSync(join(journal, 'outbox')), [], 'unparked once committed');
    assert.deepEqual(readdirSync(join(journal, 'running')), [], 'no running file is left for a finished match');
    await bot.close();
  });

  it('revoking a token closes its /bot and room connections with 4401 at once, and cancels its seeks and challenges', async () => {
    const me = s.store.add('to-revoke');
    const other = s.store.add('challenged');
    const { bot } = await RawBot.login(s.botUrl, me.token);
    const { bot: second } = await RawBot.login(s.botUrl, me.token);
    const { bot: them } = await RawBot.login(s.botUrl, other.token);
    bot.send({ type: 'seek', game: 'stag-hunt' });
    await bot.next('seeking');
    bot.send({ type: 'challenge', opponent: 'challenged', game: 'ipd' });
    const offer = await them.next('challenge');
    // A match in a room too.
    const { matchId } = await s.live.startMatch({
      game: 'ipd',
      config: { turns: 50 },
      seats: [{ agent: me.agent }, { agent: (await s.store.getAgentByName('tft'))! }],
    });
    const client = new Client(`ws://127.0.0.1:${s.port}`);
    const room = await client.joinOrCreate('match', { matchId, token: me.token });
    const roomLeft = new Promise<number>((r) => room.onLeave((code) => r(code)));
    const byes = [closed(bot.ws), closed(second.ws)];
    const out = s.live.revokeAgent(me.agent.id, 'revoked');
    assert.equal(out.seeks, 1);
    assert.equal(out.challenges, 1);
    assert.equal(out.connections, 3);
    for (const b of await Promise.all(byes)) {
      assert.equal(b.code, 4401);
      assert.match(b.reason, /^UNAUTHORIZED: token revoked/);
    }
    assert.equal(await roomLeft, 4401);
    assert.equal((await them.next('challenge-expired')).challengeId, offer.challengeId);
    them.send({ type: 'accept', challengeId: offer.challengeId });
    assert.equal((await them.next('error')).code, 'UNKNOWN_CHALLENGE');
    await them.close();
  });
});

for (const backend of BACKENDS) {
  describe(`hardening: revocation through the API (${backend.name})`, { skip: backend.skip }, () => {
    let t: TestArena;
    before(async () => {
      t = await bootArena(backend, {
        liveOptions: {
          timing: { turnMs: 2000, bankMs: 5000, reconnectMs: 500 },
          matchmaking: { fillerAfterMs: 60_000 },
        },
      });
    });
    after(async () => {
      await t.close();
    });

    for (const how of ['revoke', 'rotate'] as const) {
      it(`POST /api/agents/:id/${how} ends the open session at once; nothing it sends afterwards starts a match`, async () => {
        const me = await t.register(`api-${how}-${backend.name}`, ['ipd']);
        const { bot } = await RawBot.login(t.botUrl, me.token);
        bot.send({ type: 'seek', game: 'ipd' });
        await bot.next('seeking');
        const bye = closed(bot.ws);
        const r = await t.call('POST', `/api/agents/${me.id}/${how}`, undefined, me.token);
        assert.equal(r.status, 200);
        const { code, reason } = await bye;
        assert.equal(code, 4401);
        assert.match(reason, how === 'revoke' ? /token revoked/ : /token rotated/);
        const live: AgentRecord[] = (await t.call('GET', '/api/live')).json?.items ?? [];
        assert.equal(JSON.stringify(live).includes(me.id), false, 'no match was started for the revoked agent');
      });
    }
  });
}
