/**
 * Issue 10, fault 8, for the iterated 2×2 games: every config the schema accepts (payoffs within
 * ±MAX_PAYOFF, any length, probabilities in [0, 1], cheap talk) gives finite observations (raw and
 * encoded), rewards and returns; values outside the bounds are BAD_CONFIG; defaults are unchanged.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { GameError } from '../../games/core/errors.ts';
import { parseConfig, stepChecked } from '../../games/core/kernel.ts';
import {
  DILEMMA_GAMES,
  ipd,
  matrix,
  MAX_MESSAGE,
  MAX_PAYOFF,
  MAX_TALK_TURNS,
  MAX_TURNS,
  type DilemmaKind,
} from '../../games/dilemmas/index.ts';
import { checkFinitePlayout, dilemmaConfig } from '../support/config-bounds.ts';

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof GameError, String(e));
    return e.code;
  }
  return 'accepted';
}

describe('dilemma config bounds', () => {
  for (const game of DILEMMA_GAMES) {
    it(`${game.id}: any config the schema accepts gives finite observations, encodings, rewards and returns over a random playout`, () => {
      let accepted = 0;
      fc.assert(
        fc.property(dilemmaConfig(game.id as DilemmaKind), fc.nat(), fc.nat(), (raw, seed, drv) => {
          fc.pre(game.configSchema.safeParse(raw).success);
          accepted++;
          checkFinitePlayout(game, raw, seed, drv, 300);
        }),
        { numRuns: 40 },
      );
      assert.ok(accepted >= 40);
    });
  }

  it('the largest tables over the longest match keep returns finite and exact for whole numbers', () => {
    const raw = {
      payoffs: [
        { R: MAX_PAYOFF, S: -MAX_PAYOFF, T: MAX_PAYOFF, P: -MAX_PAYOFF },
        { R: -MAX_PAYOFF, S: MAX_PAYOFF, T: -MAX_PAYOFF, P: MAX_PAYOFF },
      ],
      turns: MAX_TURNS,
    };
    const c = parseConfig(matrix, raw);
    let s = matrix.init(c, 1);
    while (!matrix.isTerminal(s)) s = matrix.step(s, ['C', 'C']).state;
    assert.deepEqual(matrix.result(s).returns, [MAX_PAYOFF * MAX_TURNS, -MAX_PAYOFF * MAX_TURNS]);
    assert.ok([...matrix.encode(matrix.observe(s, 0))].every(Number.isFinite));
  });

  it('refuses payoffs beyond ±MAX_PAYOFF, lengths beyond MAX_TURNS, and cheap-talk matches longer than MAX_TALK_TURNS', () => {
    for (const game of DILEMMA_GAMES) {
      for (const big of [MAX_PAYOFF * 1.000001, 1e300]) {
        const table = game.id === 'matrix' ? { R: big, S: 0, T: 0, P: 0 } : { R: big, S: -1, T: big * 1.5, P: 0 };
        assert.equal(
          code(() => parseConfig(game, { payoffs: table })),
          'BAD_CONFIG',
          `${game.id} ${big}`,
        );
      }
    }
    assert.equal(
      code(() =>
        parseConfig(matrix, {
          payoffs: [
            { R: 1, S: 0, T: 0, P: 0 },
            { R: -1e7, S: 0, T: 0, P: 0 },
          ],
        }),
      ),
      'BAD_CONFIG',
    );
    assert.equal(
      code(() => parseConfig(ipd, { turns: MAX_TURNS + 1 })),
      'BAD_CONFIG',
    );
    assert.equal(
      code(() => parseConfig(ipd, { cheapTalk: true, turns: MAX_TALK_TURNS + 1 })),
      'BAD_CONFIG',
    );
    assert.equal(parseConfig(ipd, { cheapTalk: true, turns: MAX_TALK_TURNS }).turns, MAX_TALK_TURNS);
    assert.equal(parseConfig(ipd, { cheapTalk: true, probEnd: 0.1 }).turns, MAX_TALK_TURNS, 'the probEnd cap fits');
  });

  it('keeps every default config exactly (stored replays re-parse it)', () => {
    assert.deepEqual(parseConfig(ipd, {}), {
      payoffs: { R: 3, S: 0, T: 5, P: 1 },
      turns: 200,
      probEnd: 0,
      noise: 0,
      cheapTalk: false,
    });
    for (const game of DILEMMA_GAMES)
      assert.equal(
        code(() => parseConfig(game, {})),
        'accepted',
      );
  });

  it(`cheap talk: at most ${MAX_MESSAGE} characters of text PostgreSQL can store; NUL and lone surrogates are SCHEMA (issue 10, fault 3)`, () => {
    const s = ipd.init(parseConfig(ipd, { cheapTalk: true }), 1);
    const step = (say: string) => code(() => stepChecked(ipd, ipd.clone(s), [{ say }, { say: '' }]));
    assert.equal(step('x'.repeat(MAX_MESSAGE)), 'accepted');
    assert.equal(step('gg 👍'), 'accepted', 'a surrogate pair is fine');
    for (const bad of ['x'.repeat(MAX_MESSAGE + 1), 'gg\u0000', '\uD83D', 'a\uDC4Db', '\uDC4D\uD83D']) {
      assert.equal(step(bad), 'SCHEMA', JSON.stringify(bad));
    }
    assert.equal(
      code(() => ipd.parseAction('say: gg\u0000', s, 0)),
      'PARSE',
    );
    assert.equal(
      code(() => ipd.parseAction('say: \uD800', s, 0)),
      'PARSE',
    );
  });
});
