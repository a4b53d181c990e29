/**
 * Live play you can trust: the eight faults of the fair-play issue, each a named test against a whole
 * arena (HTTP API, /bot, Colyseus rooms) on loopback with real WebSocket clients, on PGlite and on the
 * real PostgreSQL. Every test states the right value; each failed on the code before the one match loop.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client } from '@colyseus/sdk';
import type { AgentSpec } from '../../agents/core/agent.ts';
import { bootArena, catalogWithAgents, type TestArena } from '../support/arena-harness.ts';
import { RawBot, type Msg } from '../support/live-harness.ts';
import { BACKENDS } from './store-backends.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A built-in agent that fails at its second decision: what a bug in our own agent looks like. */
const crasher: AgentSpec = {
  id: 'crasher',
  games: ['ipd'],
  title: 'Crasher',
  description: 'throws at step 1 (test agent)',
  create: () => ({
    act(_o, info) {
      if (info.step === 1) throw new Error('boom');
      return 'C';
    },
  }),
};

async function joinError(p: Promise<unknown>): Promise<{ code: number; message: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code: number; message: string };
  }
  assert.fail('the join was accepted');
}

/** Answer every turn of a match with `policy`, summing the rewards once per step; resolves with the result and that sum. */
async function playCounting(
  bot: RawBot,
  matchId: string,
  policy: (turn: Msg) => unknown,
): Promise<{ result: Msg; rewardSum: number }> {
  const rewarded = new Set<number>();
  let rewardSum = 0;
  for (;;) {
    const m = await bot.next((x) => x.matchId === matchId && (x.type === 'turn' || x.type === 'result'));
    if (m.type === 'result') return { result: m, rewardSum: rewardSum + (m.reward ?? 0) };
    if (m.reward !== undefined && !rewarded.has(m.step)) {
      rewarded.add(m.step);
      rewardSum += m.reward;
    }
    bot.send({ type: 'action', matchId, step: m.step, action: policy(m) });
  }
}

/** Poll the API until the match is stored (for matches whose bot is gone). */
async function stored(t: TestArena, matchId: string, timeoutMs = 15_000): Promise<any> {
  const t0 = performance.now();
  for (;;) {
    const r = await t.call('GET', `/api/matches/${matchId}`);
    if (r.status === 200) return r.json;
    if (performance.now() - t0 > timeoutMs) assert.fail(`match ${matchId} was not stored within ${timeoutMs} ms`);
    await sleep(50);
  }
}

for (const backend of BACKENDS) {
  describe(`fair play (${backend.name})`, { skip: backend.skip }, () => {
    let t: TestArena;
    before(async () => {
      t = await bootArena(backend, {
        catalog: catalogWithAgents([crasher]),
        liveOptions: {
          // Short clocks so every rule fires within a test; generous enough for a loaded CI machine.
          timing: {
            turnMs: 500,
            bankMs: 1500,
            reconnectMs: 1500,
            games: {
              chicken: { turnMs: 3000, bankMs: 3000, reconnectMs: 20_000 },
              vgc: { turnMs: 55_000, bankMs: 420_000, reconnectMs: 30_000 },
              sumo: { turnMs: 2000, bankMs: 10_000 },
            },
          },
          matchmaking: { fillerAfterMs: 100 },
        },
      });
    });
    after(async () => {
      await t?.close();
    });

    it('fault 1: a second connection of an agent takes over its seats at once, and a closed connection hands them to the other: a connected bot never loses by disconnect', async () => {
      const me = await t.register(`f1-${backend.name}`, ['ipd']);
      const a = await RawBot.login(t.botUrl, me.token);
      a.bot.send({ type: 'challenge', opponent: 'tft', game: 'ipd', config: { turns: 4 } });
      const start = await a.bot.next('match-start');
      await a.bot.next('turn');
      // B authenticates while A is still open (the server has not noticed A is dead, say).
      const b = await RawBot.login(t.botUrl, me.token);
      assert.deepEqual(b.welcome.resumed, [start.matchId], 'B takes over the seat at auth');
      assert.equal((await b.bot.next('match-start')).matchId, start.matchId);
      const t0 = await b.bot.next('turn');
      assert.equal(t0.step, 0, 'followed by the pending turn');
      a.bot.kill();
      b.bot.send({ type: 'action', matchId: start.matchId, step: 0, action: 'C' });
      // B answers and gets step 1. Then A2 connects (it takes the seat), and A2 drops while B is open:
      // the seat goes back to B at once, with no reconnection window.
      await b.bot.next((m) => m.type === 'turn' && m.step === 1);
      const a2 = await RawBot.login(t.botUrl, me.token);
      const moved = await a2.bot.next('turn');
      assert.equal(moved.step, 1);
      const dropAt = performance.now();
      a2.bot.kill();
      const back = await b.bot.next('match-start', 1000);
      assert.ok(performance.now() - dropAt < 1000, 'the seat moved to the live connection at once');
      const { result } = await playCounting(b.bot, start.matchId, () => 'C');
      assert.equal(back.matchId, start.matchId);
      assert.equal(result.outcome, 'normal');
      assert.equal(result.faultSeat, undefined);
      const m = await stored(t, start.matchId);
      assert.equal(m.outcome, 'normal');
      assert.equal(
        m.ratingChanges.find((c: any) => c.agentId === me.id).score,
        0.5,
        'all-C against tft is a draw, not a loss',
      );
      await b.bot.close();
    });

    it('fault 2: time spent disconnected counts against the turn and the bank; a resumed turn carries what remains', async () => {
      const me = await t.register(`f2-${backend.name}`, ['chicken']);
      const a = await RawBot.login(t.botUrl, me.token);
      a.bot.send({ type: 'challenge', opponent: 'tft', game: 'chicken', config: { turns: 2 } });
      const start = await a.bot.next('match-start');
      const first = await a.bot.next('turn');
      const offered = performance.now();
      // The server's own stalls (event-loop lag on a loaded machine) are credited back to the seat (timing.ts StallMeter).
      const stalled0 = t.arena.live!.service.stalledMs();
      const credited = () => t.arena.live!.service.stalledMs() - stalled0;
      assert.equal(first.deadlineMs + first.bankMs, 6000);
      // Think 1.5 s, drop before answering, come back. (Clocks of seconds, so a loaded machine's logins fit.)
      await sleep(1500);
      a.bot.kill();
      const b = await RawBot.login(t.botUrl, me.token);
      const again = await b.bot.next((m) => m.type === 'turn' && m.step === 0);
      const spent = performance.now() - offered;
      assert.ok(
        again.deadlineMs + again.bankMs <= 6000 - spent + 300 + credited(),
        `resumed with ${again.deadlineMs} + ${again.bankMs} ms after ${Math.round(spent)} ms away`,
      );
      // Drop again, longer than the rest of the turn allowance.
      await sleep(Math.max(0, 3200 - (performance.now() - offered)));
      b.bot.kill();
      const c = await RawBot.login(t.botUrl, me.token);
      const third = await c.bot.next((m) => m.type === 'turn' && m.step === 0);
      // Up to the server's own stalls while the bot was away, which are credited back.
      const credit = credited();
      assert.ok(third.deadlineMs <= 250 + credit, `the free allowance is used up (${third.deadlineMs} ms left)`);
      assert.ok(third.bankMs < 3000, `the bank was charged for the time away: ${third.bankMs} ms left`);
      // Stay silent: the default action is played when turn + bank run out, counted from the first offer.
      const timeout = await c.bot.next('timeout', 10_000);
      const elapsed = performance.now() - offered;
      assert.equal(timeout.step, 0);
      assert.ok(
        elapsed < 6000 + 1500 + credited(),
        `timed out ${Math.round(elapsed)} ms after the turn was offered (turn + bank = 6000 ms; a clock restarted at each reconnection would give more than 9000)`,
      );
      const next = await c.bot.next((m) => m.type === 'turn' && m.step === 1);
      assert.equal(next.bankMs, 0, 'the bank is spent');
      c.bot.send({ type: 'action', matchId: start.matchId, step: 1, action: 'C' });
      assert.equal((await c.bot.next('result')).outcome, 'normal');
      await c.bot.close();
    });

    it('fault 3: text the store cannot hold is refused with SCHEMA at every boundary, and a finished match is never lost to it', async () => {
      const me = await t.register(`f3-${backend.name}`, ['ipd']);
      const { bot } = await RawBot.login(t.botUrl, me.token);
      bot.send({ type: 'challenge', opponent: 'tft', game: 'ipd', config: { turns: 2, cheapTalk: true } });
      const start = await bot.next('match-start');
      const talk = await bot.next('turn');
      for (const say of ['gg\u0000', 'half a pair \ud83d', '\udc4d backwards']) {
        bot.send({ type: 'action', matchId: start.matchId, step: talk.step, action: { say } });
        const e = await bot.next('error');
        assert.deepEqual([e.code, e.matchId, e.step], ['SCHEMA', start.matchId, talk.step], JSON.stringify(say));
      }
      const { result } = await playCounting(bot, start.matchId, (turn) =>
        turn.legal?.[0]?.say !== undefined ? { say: 'gg \ud83d\udc4d' } : 'C',
      );
      assert.equal(result.outcome, 'normal');
      const m = await t.call('GET', `/api/matches/${start.matchId}`);
      assert.equal(m.status, 200, 'committed before the result was announced');
      // Every other text field, on every path.
      for (const bad of [
        { type: 'challenge', opponent: 'tft\u0000', game: 'ipd' },
        { type: 'seek', game: 'ipd', ref: 'x\ud800' },
        { type: 'ping', id: '\u0000' },
      ]) {
        bot.send(bad);
        assert.equal((await bot.next('error')).code, 'SCHEMA', JSON.stringify(bad));
      }
      for (const body of [
        { name: 'nul-name', owner: 'me\u0000', games: ['ipd'] },
        { name: 'nul-desc', owner: 'me', games: ['ipd'], description: 'a\u0000b' },
        { name: 'sur\ud800', owner: 'me', games: [] },
      ]) {
        const r = await t.call('POST', '/api/agents', body);
        assert.deepEqual([r.status, r.json.code], [400, 'SCHEMA'], JSON.stringify(body));
      }
      for (const path of [
        '/api/agents/%00',
        '/api/matches/m%00',
        '/api/matches?agent=%00',
        '/api/leaderboard/ipd%00',
      ]) {
        const r = await t.call('GET', path);
        assert.deepEqual([r.status, r.json.code], [400, 'SCHEMA'], path);
      }
      const play = await t.call('POST', '/api/play', { game: 'ipd', opponent: 'tft\u0000' });
      assert.deepEqual([play.status, play.json.code], [400, 'SCHEMA']);
      await bot.close();
    });

    it('fault 4: leaving the sumo ring on purpose is a loss for the seat that left, never a draw', async () => {
      const me = await t.register(`f4-${backend.name}`, ['sumo']);
      const { bot } = await RawBot.login(t.botUrl, me.token);
      bot.send({ type: 'challenge', opponent: 'random', game: 'sumo', config: { radiusMin: 1.5, radiusMax: 1.5 } });
      const start = await bot.next('match-start');
      // Reverse out of the ring without ever touching the opponent.
      const { result } = await playCounting(bot, start.matchId, () => [-1, 0]);
      assert.equal(result.outcome, 'normal');
      assert.equal(result.result.winner, 1, `the seat that stayed in wins (${result.result.reason})`);
      assert.deepEqual(result.result.ranks, [2, 1]);
      const m = await stored(t, start.matchId);
      assert.equal(m.ratingChanges.find((c: any) => c.agentId === me.id).score, 0, 'rated as a loss');
      await bot.close();
    });

    it('fault 5: the Colyseus path has the /bot guards: a rate limit for every client, and a human seat only its reserver can take', async () => {
      // A spectator flooding `sync` gets the budget, then RATE_LIMITED, not 5 000 full views.
      const idle = await t.register(`f5-idle-${backend.name}`, ['vgc']);
      const heuristic = (await t.arena.store.getAgentByName('heuristic'))!;
      const { matchId: vgcMatch } = await t.arena.live!.startMatch({
        game: 'vgc',
        seats: [{ agent: (await t.arena.store.getAgent(idle.id))! }, { agent: heuristic }],
      });
      const browser = new Client(`ws://127.0.0.1:${t.arena.port}`);
      const spectator = await browser.joinOrCreate('match', { matchId: vgcMatch, spectate: true });
      let views = 0;
      const limited: Msg[] = [];
      spectator.onMessage('*', (type: string | number, msg: Msg) => {
        if (type === 'view') views++;
        if (type === 'error' && msg.code === 'RATE_LIMITED') limited.push(msg);
      });
      const flood = performance.now();
      for (let i = 0; i < 5000; i++) spectator.send('sync');
      // Wait for the server to work through the flood (slow on a loaded machine), then a little more.
      for (let waited = 0; limited.length === 0 && waited < 15_000; waited += 50) await sleep(50);
      await sleep(500);
      const seconds = (performance.now() - flood) / 1000;
      // The budget: a burst of 60, then 20 a second (DEFAULT_RATE_LIMIT).
      assert.ok(
        views <= 60 + 20 * seconds + 10,
        `at most the burst plus the refill (${Math.round(60 + 20 * seconds)} in ${seconds.toFixed(1)} s), got ${views} views`,
      );
      assert.ok(
        limited.length >= 1 && limited.length <= 4 * seconds + 2,
        `RATE_LIMITED, once per refill interval at most (got ${limited.length} in ${seconds.toFixed(1)} s)`,
      );
      await spectator.leave();

      // A person's seat during its reconnection window: a stranger cannot take it; the person can come back.
      const play = await t.call('POST', '/api/play', { game: 'ipd', opponent: 'tft', seat: 0, config: { turns: 3 } });
      assert.equal(play.status, 201);
      const { matchId, seatToken } = play.json;
      const person = await browser.joinOrCreate('match', { matchId, human: true, seatToken });
      const firstTurn = await new Promise<Msg>((r) => person.onMessage('turn', r));
      await person.leave();
      assert.match(
        (await joinError(browser.joinOrCreate('match', { matchId, human: true }))).message,
        /^NOT_YOUR_SEAT/,
      );
      assert.match(
        (await joinError(browser.joinOrCreate('match', { matchId, human: true, seat: 0 }))).message,
        /^NOT_YOUR_SEAT/,
      );
      assert.match(
        (await joinError(browser.joinOrCreate('match', { matchId, human: true, seatToken: 'st_guessed' }))).message,
        /^NOT_YOUR_SEAT/,
      );
      const back = await browser.joinOrCreate('match', { matchId, human: true, seatToken });
      const result = await new Promise<Msg>((resolve) => {
        back.onMessage('*', (type: string | number, msg: Msg) => {
          if (type === 'turn') back.send('action', { step: msg.step, action: 'C' });
          if (type === 'result') resolve(msg);
        });
        back.send('sync');
      });
      assert.equal(firstTurn.step, 0);
      assert.equal(result.outcome, 'normal');
      assert.deepEqual(result.result.returns, [9, 9]);
      await back.leave();
    });

    it('fault 6: the server keeps the promises of docs/protocol.md', async () => {
      const me = await t.register(`f6-${backend.name}`, ['ipd', 'sumo']);
      const { bot } = await RawBot.login(t.botUrl, me.token);
      // challenge refuses a game the agent is not registered for, as seek does.
      bot.send({ type: 'challenge', opponent: 'tft', game: 'stag-hunt' });
      assert.equal((await bot.next('error')).code, 'UNKNOWN_GAME');
      bot.send({ type: 'seek', game: 'stag-hunt' });
      assert.equal((await bot.next('error')).code, 'UNKNOWN_GAME');

      // match-start says which request it answers.
      bot.send({ type: 'challenge', opponent: 'alld', game: 'ipd', config: { turns: 4 }, ref: 'my-challenge' });
      const start = await bot.next('match-start');
      assert.deepEqual(start.origin, { type: 'challenge', ref: 'my-challenge' });
      // An error that answers a malformed action names its match and step.
      const turn0 = await bot.next('turn');
      bot.send({ type: 'action', matchId: start.matchId, step: turn0.step, action: 'C', extra: true });
      const e = await bot.next('error');
      assert.deepEqual([e.code, e.matchId, e.step], ['SCHEMA', start.matchId, 0]);
      bot.send({ type: 'action', matchId: start.matchId, step: 0, action: 'C' });
      // The rewards of the turns plus the result's reward are the return.
      const { result, rewardSum } = await playCounting(bot, start.matchId, (turn) => (turn.step % 2 ? 'D' : 'C'));
      assert.equal(rewardSum, result.result.returns[result.seat], 'the sum of rewards is your return');
      assert.equal(typeof result.reward, 'number');

      bot.send({ type: 'seek', game: 'ipd', config: { turns: 1 }, ref: 'seek-7' });
      assert.equal((await bot.next('seeking')).ref, 'seek-7');
      const viaSeek = await bot.next('match-start');
      assert.deepEqual(viaSeek.origin, { type: 'seek', game: 'ipd', ref: 'seek-7' });
      await bot.play(viaSeek.matchId, () => 'C');

      // Sumo: actions outside [−1, 1]² are refused; the step cap is `step-cap`, never `timeout`.
      bot.send({ type: 'challenge', opponent: 'random', game: 'sumo', config: { maxSteps: 3 } });
      const sumo = await bot.next('match-start');
      const st = await bot.next('turn');
      for (const bad of [
        [2, 0],
        [-5, 7],
      ]) {
        bot.send({ type: 'action', matchId: sumo.matchId, step: st.step, action: bad });
        assert.equal((await bot.next('error')).code, 'SCHEMA', JSON.stringify(bad));
      }
      bot.send({ type: 'action', matchId: sumo.matchId, step: st.step, action: [0, 0] });
      const capped = await bot.play(sumo.matchId, () => [0, 0]);
      if (capped.result.winner === null) assert.equal(capped.result.reason, 'step-cap');
      assert.notEqual(capped.result.reason, 'timeout');
      await bot.close();
    });

    it('fault 7: the stored and announced result agrees with the rating: a seat that leaves for good loses, whatever the score', async () => {
      const me = await t.register(`f7-${backend.name}`, ['ipd']);
      const { bot } = await RawBot.login(t.botUrl, me.token);
      bot.send({ type: 'challenge', opponent: 'allc', game: 'ipd', config: { turns: 5 } });
      const start = await bot.next('match-start');
      const t0 = await bot.next('turn');
      bot.send({ type: 'action', matchId: start.matchId, step: t0.step, action: 'D' });
      await bot.next('turn');
      bot.kill(); // and never comes back
      const m = await stored(t, start.matchId);
      assert.equal(m.outcome, 'disconnect');
      assert.equal(m.faultSeat, 0);
      assert.ok(
        m.result.returns[0] > m.result.returns[1],
        `the leaver was ahead on points (${m.result.returns.join('–')})`,
      );
      assert.equal(m.result.winner, 1, 'yet the result names the other seat the winner');
      assert.deepEqual(m.result.ranks, [2, 1]);
      assert.equal(m.result.reason, 'disconnect');
      assert.equal(
        m.ratingChanges.find((c: any) => c.agentId === me.id).score,
        0,
        'and the rating counts the same loss',
      );
    });

    it('fault 8: a config outside the bounds is refused with BAD_CONFIG, and a failure under a config the other side chose is never charged to our agent', async () => {
      const me = await t.register(`f8-${backend.name}`, ['ipd', 'sumo']);
      const { bot } = await RawBot.login(t.botUrl, me.token);
      bot.send({
        type: 'challenge',
        opponent: 'rusher',
        game: 'sumo',
        config: { physics: { maxForce: 1e200, mass: 1e-200 } },
      });
      assert.equal((await bot.next('error')).code, 'BAD_CONFIG');
      // Our own built-in fails under the challenger's config: stored as a crash, unrated.
      bot.send({ type: 'challenge', opponent: 'crasher', game: 'ipd', config: { turns: 5 } });
      const chosen = await bot.next('match-start');
      const r1 = await bot.play(chosen.matchId, () => 'C');
      assert.deepEqual([r1.outcome, r1.faultSeat], ['crash', 1]);
      const s1 = await stored(t, chosen.matchId);
      assert.equal(s1.rated, false);
      assert.deepEqual(s1.ratingChanges, []);
      // Under the game's default config the same failure is the agent's own: a rated loss.
      bot.send({ type: 'challenge', opponent: 'crasher', game: 'ipd' });
      const plain = await bot.next('match-start');
      await bot.play(plain.matchId, () => 'C');
      const s2 = await stored(t, plain.matchId);
      assert.equal(s2.rated, true);
      assert.equal(s2.ratingChanges.find((c: any) => c.agentId !== me.id).score, 0);
      await bot.close();
    });
  });
}
