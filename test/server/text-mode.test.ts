/**
 * Text mode (docs/protocol.md § text mode) on both transports: a seat asks for the text view of its
 * observation per connection (`auth`, a room's join options) or per match (`seek`, `challenge`), answers
 * with `action.text` read by the game's own parser, gets PARSE with legal actions as text, and may send a
 * transcript with each action, which is stored with the match and validated at the boundary.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ColyseusTestServer } from '@colyseus/testing';
import type { AgentRecord } from '../../server/contracts.ts';
import { TRANSCRIPT_LIMITS } from '../../server/live/protocol.ts';
import { bootLive, RawBot, type LiveTestServer, type Msg } from '../support/live-harness.ts';

const transcript = (step: number) => ({
  prompt: [
    { role: 'system', content: 'rules' },
    { role: 'user', content: `turn ${step}` },
  ],
  completion: `ACTION: C (${step})`,
  model: 'm',
  attempts: 1,
  latencyMs: 12.5,
  promptTokens: 40,
  completionTokens: 3,
});

describe('text mode', () => {
  let s: LiveTestServer;
  let colyseus: ColyseusTestServer;
  let tft: AgentRecord;
  before(async () => {
    s = await bootLive({ matchmaking: { fillerAfterMs: 100 } });
    colyseus = new ColyseusTestServer(s.live.colyseus);
    s.store.addBuiltins(['tft'], ['ipd']);
    s.store.addBuiltins(['rusher'], ['sumo']);
    tft = (await s.store.getAgentByName('tft'))!;
  });
  after(async () => {
    await s.close();
  });

  it('/bot, per connection: turns carry the text view, legal actions and default as text instead of JSON; text answers with transcripts are played and stored', async () => {
    const { token } = s.store.add('texty', { games: ['ipd'] });
    const bot = await RawBot.connect(s.botUrl);
    bot.send({ type: 'auth', token, observation: 'text' });
    await bot.next('welcome');
    bot.send({ type: 'seek', game: 'ipd', config: { turns: 3 } });
    const start = await bot.next('match-start');
    assert.equal(start.observation, 'text');
    const turns: Msg[] = [];
    let result: Msg;
    for (;;) {
      const m = await bot.next((x) => x.type === 'turn' || x.type === 'result');
      if (m.type === 'result') {
        result = m;
        break;
      }
      turns.push(m);
      bot.send({
        type: 'action',
        matchId: start.matchId,
        step: m.step,
        text: 'cooperate',
        transcript: transcript(m.step),
      });
    }
    assert.equal(turns.length, 3);
    for (const t of turns) {
      assert.equal(t.observation, undefined, 'no JSON observation in text mode');
      assert.equal(t.legal, undefined);
      assert.match(t.text, /Iterated Prisoner's Dilemma\. You are seat 0\./);
      assert.deepEqual(t.legalText, ['C', 'D']);
      assert.equal(t.defaultText, 'C');
    }
    assert.equal(result.observation, undefined);
    assert.match(result.text, /Score: you 9, them 9/);
    const f = await s.store.committed(start.matchId);
    assert.deepEqual(
      f.actions.map((a) => a[0]),
      ['C', 'C', 'C'],
    );
    assert.deepEqual(
      f.transcripts,
      [0, 1, 2].map((step) => ({ seat: 0, step, text: 'cooperate', ...transcript(step) })),
    );
    await bot.close();
  });

  it('/bot, per match: a challenge asking for both gets JSON and text; the connection default stays JSON for other matches', async () => {
    const { token } = s.store.add('both-ways', { games: ['ipd', 'sumo'] });
    const { bot } = await RawBot.login(s.botUrl, token);
    bot.send({ type: 'challenge', opponent: 'tft', game: 'ipd', config: { turns: 1 }, observation: 'both' });
    const start = await bot.next('match-start');
    const t = await bot.next('turn');
    assert.deepEqual(t.legal, ['C', 'D']);
    assert.deepEqual(t.legalText, ['C', 'D']);
    assert.equal(typeof t.text, 'string');
    assert.ok(t.observation);
    bot.send({ type: 'action', matchId: start.matchId, step: 0, action: 'D' });
    const r = await bot.next('result');
    assert.ok(r.observation && typeof r.text === 'string');
    // Another match of the same connection: JSON, the connection's default.
    bot.send({ type: 'challenge', opponent: 'rusher', game: 'sumo' });
    const sumo = await bot.next('match-start');
    assert.equal(sumo.observation, undefined);
    const st = await bot.next('turn');
    assert.equal(st.text, undefined);
    assert.ok(st.observation);
    await bot.close();
  });

  it('/bot, accept: the accepting seat gets text, the challenger keeps JSON', async () => {
    const a = s.store.add('asks-json', { games: ['ipd'] });
    const b = s.store.add('accepts-text', { games: ['ipd'] });
    const { bot: ba } = await RawBot.login(s.botUrl, a.token);
    const { bot: bb } = await RawBot.login(s.botUrl, b.token);
    ba.send({ type: 'challenge', opponent: 'accepts-text', game: 'ipd', config: { turns: 1 } });
    const offer = await bb.next('challenge');
    bb.send({ type: 'accept', challengeId: offer.challengeId, observation: 'text' });
    const [ta, tb] = await Promise.all([ba.next('turn'), bb.next('turn')]);
    assert.ok(ta.observation && ta.text === undefined, 'the challenger: JSON');
    assert.ok(tb.text && tb.observation === undefined, 'the accepting seat: text');
    ba.send({ type: 'action', matchId: ta.matchId, step: 0, action: 'C' });
    bb.send({ type: 'action', matchId: tb.matchId, step: 0, text: 'd' });
    const [ra, rb] = await Promise.all([ba.next('result'), bb.next('result')]);
    assert.deepEqual(ra.result.returns, [0, 5]);
    assert.equal(rb.finalHash, ra.finalHash);
    await Promise.all([ba.close(), bb.close()]);
  });

  it('/bot, a continuous game in text mode: no legal list, the text view, and a default whose text the parser reads', async () => {
    const { token } = s.store.add('sumo-texter', { games: ['sumo'] });
    const { bot } = await RawBot.login(s.botUrl, token);
    bot.send({ type: 'challenge', opponent: 'rusher', game: 'sumo', observation: 'text' });
    const start = await bot.next('match-start');
    const t = await bot.next('turn');
    assert.equal(t.legalText, undefined);
    assert.equal(t.mask, undefined);
    assert.match(t.text, /sumo/);
    bot.send({ type: 'action', matchId: start.matchId, step: t.step, text: t.defaultText });
    const t1 = await bot.next('turn');
    assert.equal(t1.step, t.step + 1, 'the default text was read and played');
    await bot.close();
  });

  it('/bot: a transcript beyond its bounds, or of the wrong shape, is SCHEMA and the turn stays open', async () => {
    const { token } = s.store.add('long-winded', { games: ['ipd'] });
    const { bot } = await RawBot.login(s.botUrl, token);
    bot.send({ type: 'challenge', opponent: 'tft', game: 'ipd', config: { turns: 1 }, observation: 'text' });
    const start = await bot.next('match-start');
    await bot.next('turn');
    const long = 'x'.repeat(TRANSCRIPT_LIMITS.message);
    const tooLong = { ...transcript(0), prompt: [0, 1, 2].map(() => ({ role: 'user', content: long })) };
    bot.send({ type: 'action', matchId: start.matchId, step: 0, text: 'C', transcript: tooLong });
    const e1 = await bot.next('error');
    assert.equal(e1.code, 'SCHEMA');
    assert.match(e1.message, /longer than 32000 characters/);
    bot.send({
      type: 'action',
      matchId: start.matchId,
      step: 0,
      text: 'C',
      transcript: { ...transcript(0), prompt: [{ role: 'tool', content: 'x' }] },
    });
    assert.equal((await bot.next('error')).code, 'SCHEMA');
    bot.send({ type: 'action', matchId: start.matchId, step: 0, text: 'C' });
    const r = await bot.next('result');
    assert.equal(r.outcome, 'normal');
    assert.equal((await s.store.committed(start.matchId)).transcripts, undefined, 'nothing refused was kept');
    await bot.close();
  });

  it('Colyseus: a bot joining with observation text gets text turns, PARSE with legal actions as text, and its text answers and transcripts are stored', async () => {
    const a = s.store.add('room-texter');
    const { matchId } = await s.live.startMatch({
      game: 'ipd',
      config: { turns: 2 },
      seats: [{ agent: a.agent }, { agent: tft }],
    });
    const room = await colyseus.sdk.joinOrCreate('match', { matchId, token: a.token, observation: 'text' });
    const log: Msg[] = [];
    const done = new Promise<Msg>((resolve) => {
      let refused = false;
      room.onMessage('*', (type: string | number, msg: Msg) => {
        log.push(msg);
        if (type === 'turn') {
          if (msg.step === 0 && !refused) room.send('action', { step: 0, text: 'maybe' });
          else room.send('action', { step: msg.step, text: 'D', transcript: transcript(msg.step) });
        }
        if (type === 'error' && msg.code === 'PARSE') {
          refused = true;
          room.send('action', { step: msg.step, text: 'D', transcript: transcript(msg.step) });
        }
        if (type === 'result') resolve(msg);
      });
    });
    room.send('sync');
    const result = await done;
    const parse = log.find((m) => m.type === 'error');
    assert.equal(parse?.code, 'PARSE');
    assert.deepEqual(parse?.details.legal, ['C', 'D']);
    const turns = log.filter((m) => m.type === 'turn');
    assert.ok(turns.length >= 2);
    for (const t of turns) {
      assert.equal(t.observation, undefined);
      assert.deepEqual(t.legalText, ['C', 'D']);
    }
    assert.equal(typeof result.text, 'string');
    const f = await s.store.committed(matchId);
    assert.deepEqual(
      f.actions.map((x) => x[0]),
      ['D', 'D'],
    );
    assert.deepEqual(
      f.transcripts?.map((x) => [x.seat, x.step, x.text]),
      [
        [0, 0, 'D'],
        [0, 1, 'D'],
      ],
    );
    await room.leave();
  });
});
