/**
 * The match service: in-process fast path, crashes, per-turn deadlines with a time bank, the two
 * timeout rules, reconnection within and after the window, store retries, shutdown. Real bots on
 * loopback, with short clocks so that every rule fires within a test.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { instantiate, getAgent } from '../../agents/registry.ts';
import type { AgentSpec } from '../../agents/core/agent.ts';
import { playMatch } from '../../games/core/runner.ts';
import { replay } from '../../games/core/kernel.ts';
import { getGame } from '../../games/index.ts';
import type { AgentRecord } from '../../server/contracts.ts';
import { bootLive, RawBot, type LiveTestServer, type Msg } from '../support/live-harness.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('match service', () => {
  let s: LiveTestServer;
  let tft: AgentRecord;
  let alld: AgentRecord;
  const logs: string[] = [];
  before(async () => {
    s = await bootLive({
      // The bank is generous so that a loaded CI machine's scheduling jitter cannot empty it by accident.
      timing: { turnMs: 150, bankMs: 600, reconnectMs: 400, games: { 'stag-hunt': { onTimeout: 'forfeit' } } },
      commitRetryMs: [0, 20, 40],
      log: (l) => logs.push(l),
    });
    s.store.addBuiltins(['tft', 'alld'], ['ipd', 'stag-hunt']);
    tft = (await s.store.getAgentByName('tft'))!;
    alld = (await s.store.getAgentByName('alld'))!;
  });
  after(async () => {
    await s.close();
  });

  it('a match of in-process agents runs to its end inside startMatch (no timer or await between steps) and equals the kernel runner', async () => {
    const { matchId, done } = await s.live.startMatch({
      game: 'ipd',
      config: { turns: 200 },
      seed: 77,
      seats: [{ agent: tft }, { agent: alld }],
    });
    assert.equal(
      s.live.service.get(matchId)?.finished ?? true,
      true,
      'played to its end once startMatch returns (only its commit may still be under way)',
    );
    const f = await done;
    assert.equal(f.outcome, 'normal');
    assert.equal(f.actions.length, 200);
    const game = getGame('ipd');
    const ref = playMatch(
      game,
      { turns: 200 },
      77,
      instantiate(game, { turns: 200 }, 77, [getAgent('ipd', 'tft'), getAgent('ipd', 'alld')]),
    );
    assert.equal(f.finalHash, ref.finalHash, 'same seed and agents give the same match as the kernel runner');
    assert.deepEqual(f.result.returns, ref.result.returns);
    assert.equal((await s.store.committed(matchId)).id, matchId);
  });

  it('a long-running server keeps only the last few finished records in memory, yet still answers a late action with GAME_OVER', async () => {
    const me = s.store.add('late-actor');
    const { bot } = await RawBot.login(s.botUrl, me.token);
    bot.send({ type: 'challenge', opponent: 'tft', game: 'ipd', config: { turns: 1 } });
    const start = await bot.next('match-start');
    await bot.play(start.matchId, () => 'C');
    // Play past the in-memory window of finished records (the store keeps every match; the service only a few).
    for (let i = 0; i < 40; i++)
      await (await s.live.startMatch({ game: 'ipd', config: { turns: 1 }, seats: [{ agent: tft }, { agent: alld }] }))
        .done;
    await assert.rejects(s.live.waitFor(start.matchId), /no live match/, 'the full record has left memory');
    assert.equal((await s.store.committed(start.matchId)).id, start.matchId, 'but it is in the store');
    bot.send({ type: 'action', matchId: start.matchId, step: 0, action: 'C' });
    assert.equal((await bot.next('error')).code, 'GAME_OVER');
  });

  it('an in-process agent that throws ends the match as a crash with its seat at fault', async () => {
    const crasher: AgentSpec = {
      id: 'crasher',
      games: ['ipd'],
      title: 'Crasher',
      description: 'throws at step 2',
      create: () => ({
        act(_o, info) {
          if (info.step === 2) throw new Error('boom');
          return 'C';
        },
      }),
    };
    const { done } = await s.live.startMatch({
      game: 'ipd',
      config: { turns: 10 },
      seats: [{ agent: tft }, { spec: crasher }],
    });
    const f = await done;
    assert.equal(f.outcome, 'crash');
    assert.equal(f.faultSeat, 1);
    assert.equal(f.result.winner, 0);
    assert.equal(f.actions.length, 2);
    assert.equal(f.rated, false, 'an unregistered seat makes the match unrated');
    assert.ok(logs.some((l) => l.includes('crashed: boom')));
  });

  it('a slow answer drains the bank by its overrun; a silent seat gets the default action when turn + bank run out', async () => {
    const me = s.store.add('slowpoke');
    const { bot } = await RawBot.login(s.botUrl, me.token);
    bot.send({ type: 'challenge', opponent: 'tft', game: 'ipd', config: { turns: 4 } });
    const start = await bot.next('match-start');
    const t0 = await bot.next('turn');
    assert.equal(t0.deadlineMs, 150);
    assert.equal(t0.bankMs, 600);
    const stalled0 = s.live.service.stalledMs();
    await sleep(220);
    bot.send({ type: 'action', matchId: start.matchId, step: 0, action: 'D' });
    const t1 = await bot.next('turn');
    assert.equal(t1.step, 1);
    // The server's own stalls meanwhile (event-loop lag on a loaded machine) are credited back to the seat
    // (timing.ts StallMeter), so the overrun charged is at least 70 ms less what was credited.
    const credited = s.live.service.stalledMs() - stalled0;
    assert.ok(
      t1.bankMs <= 600 - 70 + credited && t1.bankMs > 0,
      `bank drained by the overrun (at least 70 ms less ${credited.toFixed(1)} ms of server stall credited), got ${t1.bankMs}`,
    );
    // Say nothing at step 1: after 150 ms + the rest of the bank the default action is played.
    const timeout = await bot.next('timeout', 3000);
    assert.deepEqual([timeout.step, timeout.seat, timeout.action], [1, 0, 'C']);
    const t2 = await bot.next('turn');
    assert.equal(t2.bankMs, 0);
    const r = await bot.play(start.matchId, () => 'C');
    assert.equal(r.outcome, 'normal', 'playing on after a default action is a normal match');
    const f = await s.store.committed(start.matchId);
    assert.deepEqual(
      f.actions.map((a) => a[0]),
      ['D', 'C', 'C', 'C'],
    );
    assert.ok(f.thinkMs[0]![0]! >= 200 - credited, 'think time (less stall credit) is recorded per seat and step');
    assert.equal(typeof f.thinkMs[0]![1], 'number', 'the in-process opponent is timed too');
    await bot.close();
  });

  it('under the forfeit rule a timeout ends the match: outcome timeout-forfeit, the other seat wins', async () => {
    const me = s.store.add('sleeper');
    const { bot } = await RawBot.login(s.botUrl, me.token);
    bot.send({ type: 'challenge', opponent: 'tft', game: 'stag-hunt', config: { turns: 5 } });
    const start = await bot.next('match-start');
    assert.equal(start.timing.onTimeout, 'forfeit');
    const r = await bot.next('result', 3000);
    assert.equal(r.outcome, 'timeout-forfeit');
    assert.equal(r.faultSeat, 0);
    assert.equal(r.result.winner, 1);
    assert.equal(r.steps, 0);
    assert.equal((await s.store.committed(start.matchId)).outcome, 'timeout-forfeit');
    await bot.close();
  });

  it('a bot that reconnects within the window resumes its seat and gets the pending turn again', async () => {
    const me = s.store.add('flaky');
    const first = await RawBot.login(s.botUrl, me.token);
    first.bot.send({ type: 'challenge', opponent: 'tft', game: 'ipd', config: { turns: 3 } });
    const start = await first.bot.next('match-start');
    const turn = await first.bot.next('turn');
    first.bot.kill();
    await sleep(100);
    const again = await RawBot.login(s.botUrl, me.token);
    assert.deepEqual(again.welcome.resumed, [start.matchId]);
    const restart = await again.bot.next('match-start');
    assert.equal(restart.matchId, start.matchId);
    const pending = await again.bot.next('turn');
    assert.equal(pending.step, turn.step);
    assert.deepEqual(pending.observation, turn.observation);
    again.bot.send({ type: 'action', matchId: start.matchId, step: pending.step, action: 'C' });
    const r = await again.bot.play(start.matchId, () => 'C');
    assert.equal(r.outcome, 'normal');
    assert.equal(r.steps, 3);
    await again.bot.close();
  });

  it('after the window, the default-action rule plays on for the missing seat and the outcome is disconnect', async () => {
    const me = s.store.add('vanisher');
    const { bot } = await RawBot.login(s.botUrl, me.token);
    bot.send({ type: 'challenge', opponent: 'alld', game: 'ipd', config: { turns: 5 } });
    const start = await bot.next('match-start');
    await bot.next('turn');
    bot.kill();
    const f = await s.live.waitFor(start.matchId);
    assert.equal(f.outcome, 'disconnect');
    assert.equal(f.faultSeat, 0);
    assert.equal(f.actions.length, 5, 'the match was played to its end');
    assert.deepEqual(
      f.actions.map((a) => a[0]),
      ['C', 'C', 'C', 'C', 'C'],
      'default actions for the missing seat',
    );
    assert.equal((await s.store.committed(start.matchId)).outcome, 'disconnect');
  });

  it('after the window, the forfeit rule ends the match at once with outcome disconnect', async () => {
    const me = s.store.add('quitter');
    const { bot } = await RawBot.login(s.botUrl, me.token);
    bot.send({ type: 'challenge', opponent: 'tft', game: 'stag-hunt', config: { turns: 5 } });
    const start = await bot.next('match-start');
    await bot.next('turn');
    bot.kill();
    const f = await s.live.waitFor(start.matchId);
    assert.equal(f.outcome, 'disconnect');
    assert.equal(f.faultSeat, 0);
    assert.equal(f.result.winner, 1);
    assert.equal(f.actions.length, 0);
  });

  it('a remote seat created before its bot connects is bound when the bot authenticates', async () => {
    const { agent, token } = s.store.add('latecomer');
    const { matchId } = await s.live.startMatch({
      game: 'ipd',
      config: { turns: 2 },
      seats: [{ agent: tft }, { agent }],
    });
    assert.equal(s.live.liveMatches().find((m) => m.id === matchId)?.seats[1]?.label, 'latecomer');
    const { bot, welcome } = await RawBot.login(s.botUrl, token);
    assert.deepEqual(welcome.resumed, [matchId]);
    const start = await bot.next('match-start');
    assert.equal(start.seat, 1);
    const r = await bot.play(matchId, () => 'D');
    assert.deepEqual(r.result.returns, [1 + 0, 5 + 1]);
    await bot.close();
  });

  it('committed actions of a noisy match re-simulate to the final hash (replay determinism through the server)', async () => {
    const me = s.store.add('replayer');
    const { bot } = await RawBot.login(s.botUrl, me.token);
    bot.send({ type: 'challenge', opponent: 'tft', game: 'ipd', config: { turns: 20, noise: 0.3 } });
    const start = await bot.next('match-start');
    const r = await bot.play(start.matchId, (t: Msg) => t.legal[(t.step * 7) % 2]);
    const f = await s.store.committed(start.matchId);
    const rep = replay(getGame('ipd'), {
      game: f.game,
      config: f.config,
      seed: f.seed,
      actions: f.actions,
      finalHash: f.finalHash,
    });
    assert.equal(rep.hash, r.finalHash);
    await bot.close();
  });

  it('a failed commit is retried with backoff until it lands (past the listed delays, at the last one); each failure is logged and live play goes on', async () => {
    s.store.failCommits = 2;
    const a = await s.live.startMatch({ game: 'ipd', config: { turns: 3 }, seats: [{ agent: tft }, { agent: alld }] });
    await s.live.flush();
    assert.ok(s.store.matches.has(a.matchId), 'committed on the third attempt');
    s.store.failCommits = 6;
    const b = await s.live.startMatch({ game: 'ipd', config: { turns: 3 }, seats: [{ agent: tft }, { agent: alld }] });
    assert.equal(s.live.commitBacklog(), 0, 'nothing is in the backlog before the first attempt failed');
    await s.live.flush();
    assert.ok(s.store.matches.has(b.matchId), 'committed on the seventh attempt: a result is never given up');
    assert.equal(s.live.commitBacklog(), 0);
    assert.ok(logs.some((l) => l.includes(`commit of match ${b.matchId} failed (attempt 6)`)));
    const c = await s.live.startMatch({ game: 'ipd', config: { turns: 3 }, seats: [{ agent: tft }, { agent: alld }] });
    await s.live.flush();
    assert.ok(s.store.matches.has(c.matchId));
  });

  it('closing the server aborts live matches as unrated "aborted" records', async () => {
    const { agent } = s.store.add('never-connects');
    const { matchId } = await s.live.startMatch({
      game: 'ipd',
      config: { turns: 3 },
      seats: [{ agent: tft }, { agent }],
    });
    await s.live.close();
    const f = s.store.matches.get(matchId)!;
    assert.equal(f.outcome, 'aborted');
    assert.equal(f.rated, false);
    assert.deepEqual(s.live.liveMatches(), []);
  });
});
