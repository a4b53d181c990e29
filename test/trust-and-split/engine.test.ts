/**
 * Trust-and-Split's rules, as their code has them (dereckpiche/llm_negotiation, tas_rps_simulation.py
 * and nego_simulation.py): the rock–paper–scissors draw and values, the alternating talk, the
 * proportional split, hidden hands, message validation at the boundary, text actions, config bounds.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { GameError } from '../../games/core/errors.ts';
import { parseConfig, stepChecked } from '../../games/core/kernel.ts';
import { MAX_MESSAGE } from '../../games/core/message.ts';
import { storableString } from '../../games/core/storable.ts';
import {
  BEATS,
  trustAndSplit as game,
  type TrustSplitConfig,
  type TrustSplitState,
} from '../../games/trust-and-split/index.ts';
import { checkFinitePlayout, trustAndSplitConfig } from '../support/config-bounds.ts';

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof GameError, String(e));
    return e.code;
  }
  return 'accepted';
}

const start = (config: Partial<TrustSplitConfig> = {}, seed = 1): TrustSplitState =>
  game.init(parseConfig(game, config), seed);

/** Play the talk of the current round with `say` for both seats. */
function talk(s: TrustSplitState, say = ''): TrustSplitState {
  while (s.phase === 'talk') {
    const seat = game.toAct(s)[0]!;
    const joint: unknown[] = [null, null];
    joint[seat] = { say };
    s = stepChecked(game, s, joint).state;
  }
  return s;
}

describe('trust-and-split rules', () => {
  it('defaults are theirs: 10 rounds of 10 coins, values 10 and 1, one message each per round, independent draws', () => {
    assert.deepEqual(parseConfig(game, {}), {
      rounds: 10,
      coins: 10,
      highValue: 10,
      lowValue: 1,
      messages: 1,
      alternateHands: false,
    });
  });

  it('hands always differ, the winning hand gets the high value, and every ordered pair of hands is about equally likely', () => {
    const counts = new Map<string, number>();
    const n = 6000;
    for (let seed = 0; seed < n; seed++) {
      let s = talk(start({}, seed));
      const [a, b] = s.hands;
      assert.notEqual(a, b);
      counts.set(`${a}/${b}`, (counts.get(`${a}/${b}`) ?? 0) + 1);
      s = stepChecked(game, s, [{ claim: 0 }, { claim: 0 }]).state;
      const r = s.history[0]!;
      const winner = BEATS[r.hands[0]] === r.hands[1] ? 0 : 1;
      assert.equal(r.values[winner], 10);
      assert.equal(r.values[1 - winner], 1);
    }
    assert.equal(counts.size, 6);
    // Each of the 6 ordered pairs has probability 1/6: 1000 expected, sd ≈ 29; 5 sd either side.
    for (const [pair, k] of counts) assert.ok(Math.abs(k - n / 6) < 150, `${pair}: ${k}`);
  });

  it('over-claims are scaled down proportionally and coins may be fractional; claims that fit are paid as claimed', () => {
    let s = talk(start({ rounds: 2 }, 5));
    const values = [0, 1].map((seat) => (BEATS[s.hands[seat]!] === s.hands[1 - seat] ? 10 : 1));
    const r1 = stepChecked(game, s, [{ claim: 7 }, { claim: 6 }]);
    // 10 · 7 / 13 and 10 · 6 / 13 coins.
    assert.deepEqual(r1.state.history[0]!.coins, [70 / 13, 60 / 13]);
    assert.deepEqual(r1.rewards, [(70 * values[0]!) / 13, (60 * values[1]!) / 13]);
    s = talk(r1.state);
    const v2 = [0, 1].map((seat) => (BEATS[s.hands[seat]!] === s.hands[1 - seat] ? 10 : 1));
    const r2 = stepChecked(game, s, [{ claim: 3 }, { claim: 4 }]);
    assert.deepEqual(r2.state.history[1]!.coins, [3, 4], 'the three unclaimed coins are lost');
    assert.deepEqual(r2.rewards, [3 * v2[0]!, 4 * v2[1]!]);
    assert.equal(game.isTerminal(r2.state), true);
    assert.deepEqual(game.result(r2.state).returns, [r1.rewards[0]! + r2.rewards[0]!, r1.rewards[1]! + r2.rewards[1]!]);
  });

  it('talk alternates one seat at a time, the first speaker alternates every round, and the second speaker reads the first message before answering', () => {
    let s = start({ rounds: 4 }, 3);
    const first = s.firstSpeaker;
    for (let round = 0; round < 4; round++) {
      const speaker = (round % 2 === 0 ? first : 1 - first) as 0 | 1;
      assert.deepEqual(game.toAct(s), [speaker]);
      const joint: unknown[] = [null, null];
      joint[speaker] = { say: `hello from ${speaker} in round ${round}` };
      const both = [{ say: 'me too' }, { say: 'me too' }];
      assert.equal(
        code(() => stepChecked(game, game.clone(s), both)),
        'NOT_YOUR_TURN',
      );
      s = stepChecked(game, s, joint).state;
      const other = 1 - speaker;
      assert.deepEqual(game.toAct(s), [other]);
      assert.deepEqual(game.observe(s, other).chat, [
        { seat: speaker, text: `hello from ${speaker} in round ${round}` },
      ]);
      const reply: unknown[] = [null, null];
      reply[other] = { say: 'ok' };
      s = stepChecked(game, s, reply).state;
      assert.deepEqual(game.toAct(s), [0, 1], 'then both claim at once');
      s = stepChecked(game, s, [{ claim: 5 }, { claim: 5 }]).state;
      assert.equal(s.history[round]!.firstSpeaker, speaker);
      assert.equal(s.history[round]!.chat.length, 2);
    }
  });

  it('without talk (messages 0) every step is a simultaneous split; with messages 3 each seat speaks three times', () => {
    const s0 = start({ messages: 0, rounds: 2 });
    assert.equal(s0.phase, 'split');
    let s3 = start({ messages: 3 });
    let steps = 0;
    while (s3.phase === 'talk') {
      const seat = game.toAct(s3)[0]!;
      const joint: unknown[] = [null, null];
      joint[seat] = { say: String(steps) };
      s3 = stepChecked(game, s3, joint).state;
      steps++;
    }
    assert.equal(steps, 6);
  });

  it('alternateHands: the loser of each round wins the next', () => {
    let s = start({ alternateHands: true, messages: 0 }, 9);
    let lastWinner: number | null = null;
    while (!game.isTerminal(s)) {
      s = stepChecked(game, s, [{ claim: 1 }, { claim: 1 }]).state;
      const r = s.history[s.history.length - 1]!;
      const winner = r.values[0] > r.values[1] ? 0 : 1;
      if (lastWinner !== null) assert.equal(winner, 1 - lastWinner);
      lastWinner = winner;
    }
  });

  it('a seat sees its own hand only: not the other hand, not its own value, until the round is over', () => {
    const s = start({}, 11);
    const hands = [...s.hands];
    for (const seat of [0, 1] as const) {
      const o = game.observe(s, seat);
      assert.equal(o.myHand, s.hands[seat]);
      // Deal the other the third hand: who wins, hence both values, flip; this seat's view must not move.
      const other = game.clone(s);
      const third = (['rock', 'paper', 'scissors'] as const).find((h) => !s.hands.includes(h))!;
      other.hands[1 - seat] = third;
      assert.deepEqual(game.observe(other, seat), o);
      assert.equal(game.render(game.observe(other, seat)), game.render(o));
    }
    const spectator = game.observe(s, 'spectator');
    assert.equal(spectator.myHand, null);
    // After the round, both hands and values are public.
    const done = stepChecked(game, talk(s), [{ claim: 2 }, { claim: 2 }]).state;
    assert.deepEqual(game.observe(done, 0).history[0]!.hands, hands);
  });

  it(`messages: at most ${MAX_MESSAGE} characters of text PostgreSQL can store (SCHEMA at the boundary, PARSE in text)`, () => {
    const s = start({}, 2);
    const seat = game.toAct(s)[0]!;
    const step = (say: string) => {
      const joint: unknown[] = [null, null];
      joint[seat] = { say };
      return code(() => stepChecked(game, game.clone(s), joint));
    };
    assert.equal(step('x'.repeat(MAX_MESSAGE)), 'accepted');
    assert.equal(step('paper 👍'), 'accepted', 'a surrogate pair is fine');
    for (const bad of ['x'.repeat(MAX_MESSAGE + 1), 'gg\u0000', '\uD83D', 'a\uDC4Db'])
      assert.equal(step(bad), 'SCHEMA');
    assert.equal(
      code(() => game.parseAction(`say: ${'x'.repeat(MAX_MESSAGE + 1)}`, s, seat)),
      'PARSE',
    );
    assert.equal(
      code(() => game.parseAction('say: gg\u0000', s, seat)),
      'PARSE',
    );
  });

  it('actions in the wrong phase or above the coins are ILLEGAL_ACTION; malformed ones SCHEMA', () => {
    const s = start({ coins: 8 }, 4);
    const seat = game.toAct(s)[0]!;
    const joint = (a: unknown) => {
      const j: unknown[] = [null, null];
      j[seat] = a;
      return j;
    };
    assert.equal(
      code(() => stepChecked(game, game.clone(s), joint({ claim: 3 }))),
      'ILLEGAL_ACTION',
    );
    const split = talk(s);
    assert.equal(
      code(() => stepChecked(game, game.clone(split), [{ claim: 9 }, { claim: 1 }])),
      'ILLEGAL_ACTION',
    );
    assert.equal(
      code(() => stepChecked(game, game.clone(split), [{ say: 'hi' }, { claim: 1 }])),
      'ILLEGAL_ACTION',
    );
    for (const bad of [{ claim: -1 }, { claim: 2.5 }, { claim: 101 }, { say: 'x', claim: 1 }, { claim: '3' }])
      assert.equal(
        code(() => stepChecked(game, game.clone(split), [bad, { claim: 1 }])),
        'SCHEMA',
        JSON.stringify(bad),
      );
  });

  it('text actions: say / <message>, claim / keep / a number / <coins_to_self>, and actionText round-trips', () => {
    const s = start();
    const p = (t: string) => game.parseAction(t, s, 0);
    assert.deepEqual(p('say: my hand is rock'), { say: 'my hand is rock' });
    assert.deepEqual(p('SAY:hi'), { say: 'hi' });
    assert.deepEqual(p('<message>I hold paper.\nYou?</message>'), { say: 'I hold paper.\nYou?' });
    assert.deepEqual(p('claim 7'), { claim: 7 });
    assert.deepEqual(p('Keep: 3 coins'), { claim: 3 });
    assert.deepEqual(p(' 10 '), { claim: 10 });
    assert.deepEqual(p('<coins_to_self> 4 </coins_to_self>'), { claim: 4 });
    assert.equal(
      code(() => p('take everything')),
      'PARSE',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: MAX_MESSAGE }).map((say) => ({ say })),
          fc.integer({ min: 0, max: 100 }).map((claim) => ({ claim })),
        ),
        (a) => {
          fc.pre(!('say' in a) || storableString(a.say));
          assert.deepEqual(p(game.actionText(a)), a);
        },
      ),
    );
  });

  it('a seat that times out says nothing and claims half the coins, rounded down', () => {
    const s = start({ coins: 7 });
    assert.deepEqual(game.defaultAction(s, game.toAct(s)[0]!), { say: '' });
    assert.deepEqual(game.defaultAction(talk(s), 0), { claim: 3 });
  });
});

describe('trust-and-split config bounds', () => {
  it('values outside the bounds are BAD_CONFIG', () => {
    for (const bad of [
      { rounds: 0 },
      { rounds: 1001 },
      { rounds: 2.5 },
      { coins: 0 },
      { coins: 101 },
      { highValue: 0 },
      { highValue: 1e6 + 1 },
      { lowValue: -1 },
      { lowValue: 11 },
      { highValue: 5, lowValue: 6 },
      { messages: -1 },
      { messages: 6 },
      { highValue: Number.POSITIVE_INFINITY },
      { lowValue: Number.NaN },
      { turns: 10 },
    ])
      assert.equal(
        code(() => parseConfig(game, bad)),
        'BAD_CONFIG',
        JSON.stringify(bad),
      );
  });

  it('any config the schema accepts gives finite observations, encodings, rewards and returns over a random playout', () => {
    let accepted = 0;
    fc.assert(
      fc.property(trustAndSplitConfig(), fc.nat(), fc.nat(), (raw, seed, drv) => {
        fc.pre(game.configSchema.safeParse(raw).success);
        accepted++;
        checkFinitePlayout(game, raw, seed, drv, 200);
      }),
      { numRuns: 30 },
    );
    assert.ok(accepted >= 30);
  });

  it('the corners: the most rounds, coins, value and talk; and a value of 0', () => {
    checkFinitePlayout(game, { rounds: 1000, coins: 100, highValue: 1e6, lowValue: 1e6, messages: 5 }, 1, 2, 400);
    checkFinitePlayout(game, { rounds: 1, coins: 1, highValue: 1e-6, lowValue: 0, messages: 0 }, 3, 4, 10);
  });
});
