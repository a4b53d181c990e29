/** The simultaneous public goods engine: config rules, payoffs, punishment, views, text and index spaces. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { GameError, parseConfig, stepChecked, playMatch, type Controller } from '../../games/core/index.ts';
import { publicGoods, type PublicGoodsState } from '../../games/public-goods/index.ts';
import { OBS_SIZE } from '../../games/public-goods/view.ts';

const code = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof GameError, `expected a GameError, got ${String(e)}`);
    return e.code;
  }
  assert.fail('expected a GameError');
};

const start = (config: unknown, seed = 1): PublicGoodsState => publicGoods.init(parseConfig(publicGoods, config), seed);
const contributeAll = (amounts: number[]) => amounts.map((amount) => ({ type: 'contribute', amount }));
const punishAll = (rows: number[][]) => rows.map((points) => ({ type: 'punish', points }));

describe('public-goods config', () => {
  it('defaults to the usual laboratory design: N = 4, e = 20, MPCR 0.4, 10 rounds, integer, no punishment', () => {
    const c = parseConfig(publicGoods, {});
    assert.deepEqual(
      {
        players: c.players,
        endowment: c.endowment,
        mpcr: c.mpcr,
        rounds: c.rounds,
        contributions: c.contributions,
        punishment: c.punishment,
        k: c.punishImpact,
      },
      { players: 4, endowment: 20, mpcr: 0.4, rounds: 10, contributions: 'integer', punishment: false, k: 3 },
    );
  });

  it('takes the multiplier r and stores MPCR = r/N', () => {
    assert.equal(parseConfig(publicGoods, { players: 5, r: 2 }).mpcr, 0.4);
    assert.ok(!('r' in parseConfig(publicGoods, { players: 5, r: 2 })), 'only mpcr is stored');
  });

  it('parsing a parsed config gives it back (replays re-parse their config)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 32 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.boolean(),
        fc.option(fc.double({ min: 0.01, max: 1, noNaN: true }), { nil: undefined }),
        (players, frac, punishment, probEnd) => {
          const once = parseConfig(publicGoods, {
            players,
            mpcr: frac * players,
            punishment,
            ...(probEnd ? { probEnd } : {}),
          });
          assert.deepEqual(parseConfig(publicGoods, JSON.parse(JSON.stringify(once))), once);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('accepts turns as an alias of rounds', () => {
    assert.equal(parseConfig(publicGoods, { turns: 7 }).rounds, 7);
    assert.equal(
      code(() => parseConfig(publicGoods, { turns: 7, rounds: 8 })),
      'BAD_CONFIG',
    );
  });

  it('rejects MPCR outside (0, N], N outside 2..32, both mpcr and r, fractional integer endowments, unknown keys', () => {
    for (const bad of [
      { mpcr: 0 },
      { mpcr: -0.1 },
      { players: 4, mpcr: 4.01 },
      { players: 4, r: 16.5 },
      { players: 1 },
      { players: 33 },
      { mpcr: 0.4, r: 1.6 },
      { endowment: 10.5 },
      { endowment: 0 },
      { probEnd: 0 },
      { probEnd: 1.5 },
      { colour: 'blue' },
    ]) {
      assert.equal(
        code(() => parseConfig(publicGoods, bad)),
        'BAD_CONFIG',
        JSON.stringify(bad),
      );
    }
    assert.equal(parseConfig(publicGoods, { players: 4, mpcr: 4 }).mpcr, 4, 'MPCR = N is allowed');
    assert.equal(parseConfig(publicGoods, { endowment: 10.5, contributions: 'continuous' }).endowment, 10.5);
  });
});

describe('public-goods payoffs', () => {
  it('pays π_i = e − c_i + MPCR·Σc each round, and returns are the sums (no winner)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 32 }).chain((n) =>
          fc.record({
            n: fc.constant(n),
            e: fc.integer({ min: 1, max: 50 }),
            frac: fc.double({ min: 0.01, max: 1, noNaN: true }),
            rounds: fc.array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }), {
              minLength: 1,
              maxLength: 4,
            }),
          }),
        ),
        ({ n, e, frac, rounds }) => {
          const mpcr = frac * n;
          let state = start({ players: n, endowment: e, mpcr, rounds: rounds.length });
          const expected = new Array(n).fill(0);
          for (const shares of rounds) {
            const c = shares.map((x) => Math.round(x * e));
            const total = c.reduce((a, b) => a + b, 0);
            c.forEach((ci, i) => (expected[i] += e - ci + mpcr * total));
            state = stepChecked(publicGoods, state, contributeAll(c)).state;
          }
          assert.ok(publicGoods.isTerminal(state));
          const r = publicGoods.result(state);
          r.returns.forEach((x, i) =>
            assert.ok(
              Math.abs(x - expected[i]) < 1e-6 * Math.max(1, Math.abs(expected[i])),
              `seat ${i}: ${x} vs ${expected[i]}`,
            ),
          );
          assert.equal(r.winner, undefined);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('accepts any contribution in [0, e] in continuous mode and only whole numbers in integer mode', () => {
    const cont = start({ players: 2, contributions: 'continuous' });
    const after = stepChecked(publicGoods, cont, contributeAll([3.7, 0.25])).state;
    assert.deepEqual(after.history[0]!.contributions, [3.7, 0.25]);
    assert.equal(
      code(() => stepChecked(publicGoods, start({ players: 2 }), contributeAll([3.7, 1]))),
      'ILLEGAL_ACTION',
    );
  });

  it('offers only contributions it accepts: the top continuous level is exactly e, even where e·(L−1)/(L−1) rounds above e', () => {
    for (const endowment of [0.010000000000054743, 7.5, 0.1, 1000, 0.3]) {
      for (const levels of [2, 3, 11, 1001]) {
        const s = start({ players: 2, contributions: 'continuous', endowment, levels });
        for (const a of publicGoods.legal(s, 0)!) publicGoods.check(s, 0, a);
        const top = publicGoods.indexToAction(s, 0, levels - 1);
        assert.deepEqual(top, { type: 'contribute', amount: endowment });
        stepChecked(publicGoods, s, [top, top]); // throws ILLEGAL_ACTION if the top level exceeded e
      }
    }
  });

  it('rejects negative and over-endowment contributions with ILLEGAL_ACTION, malformed ones with SCHEMA, and leaves the state unchanged', () => {
    const s = start({ players: 3 });
    const before = JSON.stringify(publicGoods.serialize(s));
    assert.equal(
      code(() => stepChecked(publicGoods, s, contributeAll([-1, 0, 0]))),
      'ILLEGAL_ACTION',
    );
    assert.equal(
      code(() => stepChecked(publicGoods, s, contributeAll([21, 0, 0]))),
      'ILLEGAL_ACTION',
    );
    assert.equal(
      code(() => stepChecked(publicGoods, s, [{ type: 'contribute', amount: '5' }, ...contributeAll([0, 0])])),
      'SCHEMA',
    );
    assert.equal(
      code(() => stepChecked(publicGoods, s, [{ type: 'contribute' }, ...contributeAll([0, 0])])),
      'SCHEMA',
    );
    assert.equal(
      code(() => stepChecked(publicGoods, s, [{ type: 'punish', points: [0, 0, 0] }, ...contributeAll([0, 0])])),
      'ILLEGAL_ACTION',
    );
    assert.equal(JSON.stringify(publicGoods.serialize(s)), before);
  });

  it('ends a probEnd match after each round with probability p (mean length 1/p within sampling error)', () => {
    const p = 0.2;
    const lengths: number[] = [];
    const zero: Controller = { act: () => ({ type: 'contribute', amount: 0 }) };
    for (let seed = 0; seed < 2000; seed++)
      lengths.push(playMatch(publicGoods, { players: 2, probEnd: p }, seed, [zero, zero]).state.round);
    const mean = lengths.reduce((a, b) => a + b, 0) / lengths.length;
    // sd of a geometric length = sqrt(1 − p)/p ≈ 4.47; 5 standard errors of the mean ≈ 0.5
    assert.ok(Math.abs(mean - 1 / p) < 0.5, `mean length ${mean}`);
    assert.ok(lengths.every((l) => l >= 1));
  });
});

describe('public-goods punishment stage', () => {
  const config = { players: 3, punishment: true, rounds: 1 };

  it('charges the punisher 1 per point and removes k = 3 per point from the target', () => {
    let s = start(config);
    s = stepChecked(publicGoods, s, contributeAll([20, 20, 0])).state; // stage 1: 16, 16, 36
    assert.equal(s.stage, 'punish');
    s = stepChecked(
      publicGoods,
      s,
      punishAll([
        [0, 0, 2],
        [0, 0, 3],
        [0, 0, 0],
      ]),
    ).state;
    assert.deepEqual(publicGoods.result(s).returns, [14, 13, 36 - 15]);
  });

  it('never takes a round payoff below 0 (received punishment removes at most what is left)', () => {
    let s = start({ ...config, maxPunish: 10, punishImpact: 5 });
    s = stepChecked(publicGoods, s, contributeAll([20, 20, 0])).state; // 16, 16, 36
    s = stepChecked(
      publicGoods,
      s,
      punishAll([
        [0, 0, 10],
        [0, 0, 10],
        [0, 0, 0],
      ]),
    ).state; // 100 removed from 36
    assert.deepEqual(publicGoods.result(s).returns, [6, 6, 0]);
  });

  it('refuses spending beyond the stage-1 earnings, self-punishment, and more than maxPunish per target', () => {
    let s = start({ players: 3, punishment: true, maxPunish: 50, endowment: 10, mpcr: 0.5 });
    s = stepChecked(publicGoods, s, contributeAll([10, 0, 0])).state; // stage 1: 5, 15, 15
    const ok = [0, 0, 0];
    assert.equal(
      code(() => stepChecked(publicGoods, s, punishAll([[0, 6, 0], ok, ok]))),
      'ILLEGAL_ACTION',
    );
    assert.equal(
      code(() => stepChecked(publicGoods, s, punishAll([[1, 0, 0], ok, ok]))),
      'ILLEGAL_ACTION',
    );
    stepChecked(publicGoods, publicGoods.clone(s), punishAll([[0, 5, 0], ok, ok]));
    const capped = start({ players: 3, punishment: true, maxPunish: 2 });
    const c2 = stepChecked(publicGoods, capped, contributeAll([0, 0, 0])).state;
    assert.equal(
      code(() => stepChecked(publicGoods, c2, punishAll([[0, 3, 0], ok, ok]))),
      'ILLEGAL_ACTION',
    );
  });

  it('splits a round payoff into two step rewards that add up to it', () => {
    let s = start(config);
    const rewards: number[][] = [];
    for (const joint of [
      contributeAll([5, 10, 0]),
      punishAll([
        [0, 0, 1],
        [0, 0, 2],
        [1, 0, 0],
      ]),
    ]) {
      const r = stepChecked(publicGoods, s, joint);
      rewards.push(r.rewards);
      s = r.state;
    }
    const sums = rewards[0]!.map((x, i) => x + rewards[1]![i]!);
    assert.deepEqual(sums, publicGoods.result(s).returns);
  });

  it('counts the stage-1 payoffs already paid as rewards in the returns while the punishment stage is open', () => {
    // A match cut short in the punishment stage reports result().returns: they must equal the
    // rewards the seats were sent (docs/protocol.md: the sum of rewards is the return).
    const s = start(config);
    const r = stepChecked(publicGoods, s, contributeAll([5, 10, 0]));
    assert.equal(r.state.stage, 'punish');
    assert.deepEqual(publicGoods.result(r.state).returns, r.rewards);
    assert.equal(publicGoods.result(r.state).reason, 'in-progress');
  });

  it('shows everyone who received how many points, but each seat only its own punishments', () => {
    let s = start({ players: 3, punishment: true, rounds: 2 });
    s = stepChecked(publicGoods, s, contributeAll([20, 20, 0])).state;
    s = stepChecked(
      publicGoods,
      s,
      punishAll([
        [0, 0, 2],
        [0, 0, 3],
        [1, 0, 0],
      ]),
    ).state;
    const v0 = publicGoods.observe(s, 0);
    const v2 = publicGoods.observe(s, 2);
    const spectator = publicGoods.observe(s, 'spectator');
    assert.deepEqual(v0.history[0]!.received, [1, 0, 5]);
    assert.deepEqual(spectator.history[0]!.received, [1, 0, 5]);
    assert.deepEqual(v0.history[0]!.given, [0, 0, 2]);
    assert.deepEqual(v2.history[0]!.given, [1, 0, 0]);
    assert.equal(spectator.history[0]!.given, undefined);
    assert.equal(spectator.ownTotal, null);
    const text = JSON.stringify(v2);
    assert.ok(!text.includes('"points"'), 'the punishment matrix never reaches a view');
  });
});

describe('public-goods actions as text and indices', () => {
  it('parses contribute, bare numbers, single and multiple punishments, and punish none', () => {
    const s = start({ players: 4, punishment: true });
    assert.deepEqual(publicGoods.parseAction('contribute 12', s, 0), { type: 'contribute', amount: 12 });
    assert.deepEqual(publicGoods.parseAction('  7 ', s, 0), { type: 'contribute', amount: 7 });
    assert.deepEqual(publicGoods.parseAction('punish 3 2', s, 0), { type: 'punish', points: [0, 0, 0, 2] });
    assert.deepEqual(publicGoods.parseAction('Punish 3 2, 1 4', s, 0), { type: 'punish', points: [0, 4, 0, 2] });
    assert.deepEqual(publicGoods.parseAction('punish none', s, 0), { type: 'punish', points: [0, 0, 0, 0] });
    for (const bad of ['contribute', 'contribute lots', 'punish 3', 'punish 9 1', 'dance']) {
      assert.equal(
        code(() => publicGoods.parseAction(bad, s, 0)),
        'PARSE',
        bad,
      );
    }
  });

  it('round-trips every action through its text form', () => {
    const s = start({ players: 6, punishment: true });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ min: 0, max: 20, noNaN: true }).map((amount) => ({ type: 'contribute' as const, amount })),
          fc
            .array(fc.integer({ min: 0, max: 10 }), { minLength: 6, maxLength: 6 })
            .map((points) => ({ type: 'punish' as const, points })),
        ),
        (a) => assert.deepEqual(publicGoods.parseAction(publicGoods.actionText(a), s, 0), a),
      ),
    );
  });

  it('has a fixed index space: e + 1 levels, plus "punish nobody" and 32 × maxPunish single punishments', () => {
    assert.deepEqual(publicGoods.actionSpace(parseConfig(publicGoods, {})), { kind: 'discrete', n: 21 });
    assert.deepEqual(
      publicGoods.actionSpace(parseConfig(publicGoods, { players: 3, punishment: true, maxPunish: 4 })),
      { kind: 'discrete', n: 21 + 1 + 32 * 4 },
    );
    const cont = start({ contributions: 'continuous', endowment: 10, levels: 5 });
    assert.deepEqual(
      [0, 1, 2, 3, 4].map((i) => publicGoods.indexToAction(cont, 0, i)),
      [0, 2.5, 5, 7.5, 10].map((amount) => ({ type: 'contribute', amount })),
    );
    assert.equal(publicGoods.actionToIndex(cont, 0, { type: 'contribute', amount: 6.1 }), 2, 'nearest level');
  });

  it('encodes own seat, seats present, and last round contributions / e in their per-seat blocks', () => {
    let s = start({ players: 3, endowment: 10 });
    s = stepChecked(publicGoods, s, contributeAll([10, 5, 0])).state;
    const v = publicGoods.encode(publicGoods.observe(s, 2));
    const block = (b: number) => Array.from(v.slice(10 + 32 * b, 10 + 32 * b + 4));
    assert.deepEqual(block(0), [0, 0, 1, 0], 'own seat one-hot');
    assert.deepEqual(block(1), [1, 1, 1, 0], 'seats present, padded with 0');
    assert.deepEqual(block(4), [1, 0.5, 0, 0], 'last round contributions / e');
    assert.equal(v[0], 1, 'contribution stage');
    assert.equal(v[3], Math.fround(0.1), 'round 1 of 10 done');
  });

  it('encodes every group size from 2 to 32 into the same fixed-length vector', () => {
    for (const players of [2, 3, 17, 32]) {
      let s = start({ players, punishment: true });
      s = stepChecked(publicGoods, s, contributeAll(new Array(players).fill(5))).state;
      for (const who of [0, players - 1, 'spectator'] as const) {
        assert.equal(publicGoods.obsSize(s.config), OBS_SIZE);
        const v = publicGoods.encode(publicGoods.observe(s, who));
        assert.equal(v.length, OBS_SIZE);
      }
    }
  });
});
