/** Rules of the iterated 2×2 engine: tables, length, noise, prob_end, cheap talk, views and text. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { GameError, parseConfig, playMatch, stepChecked } from '../../games/core/index.ts';
import {
  chicken,
  DEFAULT_TURNS,
  ipd,
  matrix,
  PROB_END_CAP,
  stagHunt,
  type DilemmaState,
} from '../../games/dilemmas/index.ts';
import { getAgent, instantiate } from '../../agents/registry.ts';

function expectCode(fn: () => unknown, code: string, text?: RegExp): void {
  assert.throws(fn, (e: unknown) => e instanceof GameError && e.code === code && (!text || text.test(e.message)));
}

function play(game: typeof ipd, config: unknown, seed: number, a: string, b: string) {
  const specs = [getAgent(game.id, a), getAgent(game.id, b)];
  const parsed = parseConfig(game, config);
  return playMatch(game, parsed, seed, instantiate(game, parsed, seed, specs));
}

describe('dilemma config', () => {
  it("defaults to Axelrod's PD: (R,S,T,P) = (3,0,5,1), 200 turns, no noise, no prob_end, no talk", () => {
    assert.deepEqual(parseConfig(ipd, {}), {
      payoffs: { R: 3, S: 0, T: 5, P: 1 },
      turns: DEFAULT_TURNS,
      probEnd: 0,
      noise: 0,
      cheapTalk: false,
    });
  });

  it('rejects tables that are not the named game, saying which inequality fails', () => {
    expectCode(
      () => parseConfig(ipd, { payoffs: { R: 3, S: 0, T: 2, P: 1 } }),
      'BAD_CONFIG',
      /not a prisoner's dilemma.*T > R > P > S/,
    );
    expectCode(() => parseConfig(ipd, { payoffs: { R: 3, S: 0, T: 7, P: 1 } }), 'BAD_CONFIG', /2R > T \+ S/);
    expectCode(() => parseConfig(stagHunt, { payoffs: { R: 3, S: 0, T: 5, P: 1 } }), 'BAD_CONFIG', /not a stag hunt/);
    expectCode(
      () => parseConfig(chicken, { payoffs: { R: 3, S: 0, T: 5, P: 1 } }),
      'BAD_CONFIG',
      /not a game of chicken/,
    );
    assert.equal(parseConfig(stagHunt, {}).payoffs.constructor, Object);
    assert.equal(parseConfig(chicken, { payoffs: { R: 3, S: 1, T: 5, P: 0 } }).turns, 200);
  });

  it('matrix takes any table, including one table per seat; named games refuse a pair', () => {
    const pair = [
      { R: 2, S: 0, T: 0, P: 1 },
      { R: 1, S: 0, T: 0, P: 2 },
    ];
    assert.deepEqual(parseConfig(matrix, { payoffs: pair }).payoffs, pair);
    assert.equal(parseConfig(matrix, { payoffs: { R: 0, S: 9, T: -1, P: 4 } }).payoffs.constructor, Object);
    expectCode(() => parseConfig(ipd, { payoffs: pair }), 'BAD_CONFIG');
  });

  it('rejects probabilities outside [0, 1], unknown keys and non-integer lengths', () => {
    expectCode(() => parseConfig(ipd, { noise: 1.5 }), 'BAD_CONFIG', /noise/);
    expectCode(() => parseConfig(ipd, { probEnd: -0.1 }), 'BAD_CONFIG', /probEnd/);
    expectCode(() => parseConfig(ipd, { turns: 2.5 }), 'BAD_CONFIG', /turns/);
    expectCode(() => parseConfig(ipd, { rounds: 3 }), 'BAD_CONFIG');
  });

  it('with prob_end and no explicit length, turns becomes the safety cap', () => {
    assert.equal(parseConfig(ipd, { probEnd: 0.1 }).turns, PROB_END_CAP);
    assert.equal(parseConfig(ipd, { probEnd: 0.1, turns: 50 }).turns, 50);
  });
});

describe('dilemma play', () => {
  it('scores realised moves from each seat’s own table: TFT vs ALLD is S + 199P against T + 199P', () => {
    const rec = play(ipd, {}, 1, 'tft', 'alld');
    assert.deepEqual(rec.result.returns, [0 + 199 * 1, 5 + 199 * 1]);
    assert.equal(rec.result.winner, 1);
    assert.equal(rec.steps, 200);
  });

  it('an asymmetric matrix pays each seat from its own table', () => {
    const payoffs = [
      { R: 2, S: 0, T: 0, P: 1 },
      { R: 1, S: 0, T: 0, P: 2 },
    ]; // battle of the sexes, own view
    const rec = play(matrix, { payoffs, turns: 10 }, 3, 'allc', 'allc');
    assert.deepEqual(rec.result.returns, [20, 10]);
    const rec2 = play(matrix, { payoffs, turns: 10 }, 3, 'alld', 'allc'); // seat 0 plays D, seat 1 C: seat 0 gets its T, seat 1 its S
    assert.deepEqual(rec2.result.returns, [0, 0]);
  });

  it('prob_end ends each turn with probability p: mean length 1/p, and p = 1 plays one turn', () => {
    const lengths: number[] = [];
    for (let seed = 0; seed < 1500; seed++) lengths.push(play(ipd, { probEnd: 0.2 }, seed, 'allc', 'allc').steps);
    const mean = lengths.reduce((a, b) => a + b, 0) / lengths.length;
    const se = Math.sqrt((1 - 0.2) / 0.2 ** 2 / lengths.length); // geometric variance (1 − p)/p²
    assert.ok(Math.abs(mean - 5) < 4 * se, `mean length ${mean}`);
    assert.equal(play(ipd, { probEnd: 1 }, 1, 'allc', 'allc').steps, 1);
  });

  it('noise flips each intended move with probability ε, and the realised moves are what scores', () => {
    const rec = play(ipd, { noise: 0.1, turns: 4000 }, 7, 'allc', 'allc');
    const s = rec.state as DilemmaState;
    assert.ok(s.intended[0].every((m) => m === 'C'));
    const flips = s.moves[0].filter((m) => m === 'D').length + s.moves[1].filter((m) => m === 'D').length;
    const se = Math.sqrt((0.1 * 0.9) / 8000);
    assert.ok(Math.abs(flips / 8000 - 0.1) < 4 * se, `flip rate ${flips / 8000}`);
    let expected = 0;
    for (let t = 0; t < 4000; t++)
      expected += { CC: 3, CD: 0, DC: 5, DD: 1 }[`${s.moves[0][t]}${s.moves[1][t]}` as 'CC']!;
    assert.equal(rec.result.returns[0], expected);
  });

  it('a seat sees its own intended moves and every realised move, never the opponent’s intentions', () => {
    const rec = play(ipd, { noise: 0.3, turns: 50 }, 2, 'allc', 'alld');
    const s = rec.state as DilemmaState;
    const view = ipd.observe(s, 0);
    assert.deepEqual(view.myIntended, s.intended[0]);
    assert.deepEqual(view.oppMoves, s.moves[1]);
    assert.equal(JSON.stringify(view).includes(JSON.stringify(s.intended[1])), false);
    assert.equal(ipd.observe(s, 'spectator').myIntended, null);
  });

  it('cheap talk adds a message step before each move; both seats read both messages', () => {
    const config = parseConfig(ipd, { cheapTalk: true, turns: 3 });
    let s = ipd.init(config, 1);
    expectCode(() => stepChecked(ipd, s, ['C', 'C']), 'ILLEGAL_ACTION', /cheap-talk phase/);
    expectCode(() => stepChecked(ipd, s, [{ say: 'x'.repeat(501) }, { say: '' }]), 'SCHEMA');
    s = stepChecked(ipd, s, [{ say: 'cooperate?' }, { say: 'yes' }]).state;
    assert.equal(ipd.observe(s, 1).oppMessages[0], 'cooperate?');
    assert.equal(ipd.observe(s, 0).phase, 'move');
    expectCode(() => stepChecked(ipd, s, [{ say: 'again' }, 'C']), 'ILLEGAL_ACTION', /move C or D/);
    s = stepChecked(ipd, s, ['C', 'D']).state;
    assert.equal(ipd.observe(s, 0).phase, 'talk');
    assert.deepEqual(Array.from(ipd.mask(s, 0)), [0, 0, 1]);
    // Classic strategies stay silent and still play the whole match.
    const rec = play(ipd, { cheapTalk: true, turns: 20 }, 1, 'tft', 'wsls');
    assert.equal(rec.steps, 40);
    assert.deepEqual(rec.result.returns, [60, 60]);
  });

  it('without cheap talk a message is an illegal action with a clear reason', () => {
    const s = ipd.init(parseConfig(ipd, {}), 1);
    expectCode(() => stepChecked(ipd, s, [{ say: 'hi' }, 'C']), 'ILLEGAL_ACTION', /cheap talk is off/);
  });

  it('reads text actions in the game’s own words and rejects anything else with PARSE', () => {
    const s = ipd.init(parseConfig(ipd, {}), 1);
    assert.equal(ipd.parseAction(' Cooperate ', s, 0), 'C');
    assert.equal(ipd.parseAction('d', s, 0), 'D');
    assert.equal(stagHunt.parseAction('hare', stagHunt.init(parseConfig(stagHunt, {}), 1), 0), 'D');
    assert.equal(chicken.parseAction('swerve', chicken.init(parseConfig(chicken, {}), 1), 0), 'C');
    assert.deepEqual(ipd.parseAction('say:  two spaces', s, 0), { say: ' two spaces' });
    assert.deepEqual(ipd.parseAction(ipd.actionText({ say: '' }), s, 0), { say: '' });
    expectCode(() => ipd.parseAction('maybe', s, 0), 'PARSE', /C \(cooperate\), D \(defect\)/);
  });

  it('renders the payoff table, recent moves and what to do next', () => {
    const rec = play(ipd, { turns: 3 }, 1, 'tft', 'alld');
    const text = ipd.render(ipd.observe(rec.state, 0));
    assert.match(text, /CC 3\/3, CD 0\/5, DC 5\/0, DD 1\/1/);
    assert.match(text, /CD DD DD/);
    assert.match(text, /Score: you 2, them 7/);
  });
});

describe('dilemma scoring (property)', () => {
  it('returns are the sums of each seat’s own-table payoffs over the realised moves, and equal the summed step rewards', () => {
    const table = fc.record({
      R: fc.integer({ min: -9, max: 9 }),
      S: fc.integer({ min: -9, max: 9 }),
      T: fc.integer({ min: -9, max: 9 }),
      P: fc.integer({ min: -9, max: 9 }),
    });
    fc.assert(
      fc.property(
        table,
        table,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.array(fc.tuple(fc.boolean(), fc.boolean()), { minLength: 1, maxLength: 40 }),
        fc.nat(),
        (a, b, noise, plan, seed) => {
          const config = parseConfig(matrix, { payoffs: [a, b], noise, turns: plan.length });
          let s = matrix.init(config, seed);
          const rewards = [0, 0];
          for (const [x, y] of plan) {
            const r = stepChecked(matrix, s, [x ? 'D' : 'C', y ? 'D' : 'C']);
            s = r.state;
            rewards[0]! += r.rewards[0]!;
            rewards[1]! += r.rewards[1]!;
          }
          assert.ok(matrix.isTerminal(s));
          const own = (t: typeof a, mine: string, theirs: string) =>
            mine === 'C' ? (theirs === 'C' ? t.R : t.S) : theirs === 'C' ? t.T : t.P;
          let e0 = 0;
          let e1 = 0;
          for (let t = 0; t < plan.length; t++) {
            e0 += own(a, s.moves[0][t]!, s.moves[1][t]!);
            e1 += own(b, s.moves[1][t]!, s.moves[0][t]!);
          }
          assert.deepEqual(matrix.result(s).returns, [e0, e1]);
          assert.deepEqual(rewards, [e0, e1]);
          if (noise === 0) assert.deepEqual(s.moves, s.intended);
        },
      ),
      { numRuns: 150 },
    );
  });
});
