/** The sequential public goods engine: move order, what a mover sees, and the redesigned reward. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { GameError, parseConfig, stepChecked } from '../../games/core/index.ts';
import { sequentialPayoffs, sequentialPublicGoods, type SequentialState } from '../../games/public-goods/index.ts';

const start = (config: unknown): SequentialState =>
  sequentialPublicGoods.init(parseConfig(sequentialPublicGoods, config), 1);

function move(state: SequentialState, amount: number): SequentialState {
  const seat = sequentialPublicGoods.toAct(state)[0]!;
  const joint: unknown[] = new Array(state.config.players).fill(null);
  joint[seat] = { type: 'contribute', amount };
  return stepChecked(sequentialPublicGoods, state, joint).state;
}

describe('sequential-public-goods turn order and views', () => {
  it('asks one seat at a time, in seat order, and shows each mover its predecessors', () => {
    let s = start({ players: 3, rounds: 2 });
    const seen: (number | null)[][] = [];
    for (const amount of [4, 7, 1]) {
      const seat = sequentialPublicGoods.toAct(s)[0]!;
      seen.push(sequentialPublicGoods.observe(s, seat).current);
      s = move(s, amount);
    }
    assert.deepEqual(seen, [
      [null, null, null],
      [4, null, null],
      [4, 7, null],
    ]);
    assert.deepEqual(sequentialPublicGoods.toAct(s), [0]);
    assert.deepEqual(sequentialPublicGoods.observe(s, 2).history[0]!.contributions, [4, 7, 1]);
  });

  it("rotates the first mover each round with order: 'rotate'", () => {
    let s = start({ players: 3, rounds: 3, order: 'rotate' });
    const firsts: number[] = [];
    for (let r = 0; r < 3; r++) {
      firsts.push(sequentialPublicGoods.toAct(s)[0]!);
      for (let k = 0; k < 3; k++) s = move(s, 0);
    }
    assert.deepEqual(firsts, [0, 1, 2]);
    assert.ok(sequentialPublicGoods.isTerminal(s));
  });

  it('refuses a seat acting out of turn, and negative or over-endowment contributions', () => {
    const s = start({ players: 3 });
    const code = (joint: unknown[]) => {
      try {
        stepChecked(sequentialPublicGoods, s, joint);
      } catch (e) {
        return (e as GameError).code;
      }
      return 'accepted';
    };
    assert.equal(code([null, { type: 'contribute', amount: 1 }, null]), 'SCHEMA'); // seat 0 missing
    assert.equal(code([{ type: 'contribute', amount: 1 }, { type: 'contribute', amount: 1 }, null]), 'NOT_YOUR_TURN');
    assert.equal(code([{ type: 'contribute', amount: -2 }, null, null]), 'ILLEGAL_ACTION');
    assert.equal(code([{ type: 'contribute', amount: 21 }, null, null]), 'ILLEGAL_ACTION');
    assert.equal(code([{ type: 'punish', points: [0, 0, 0] }, null, null]), 'SCHEMA');
  });
});

describe('sequential-public-goods reward', () => {
  it('is the plain linear payoff e − c + MPCR·S under the linear preset', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 2, maxLength: 8 }), (c) => {
        const cfg = parseConfig(sequentialPublicGoods, { players: c.length });
        const s = c.reduce((a, b) => a + b, 0);
        const u = sequentialPayoffs({ ...cfg, endowment: 20 }, c);
        c.forEach((ci, k) => assert.ok(Math.abs(u[k]! - (20 - ci + 0.4 * s)) < 1e-9));
      }),
    );
  });

  it('adds effort cost, predecessor bonus and threshold penalty as documented (worked example)', () => {
    // e = 10, MPCR 0.5, κ 0.2, β 0.6, B 15, δ 4; contributions in order 10, 5, 0: S = 15 (no penalty).
    const p = { endowment: 10, mpcr: 0.5, effortCost: 0.2, predecessorBonus: 0.6, threshold: 15, penalty: 4 };
    // position 0: m = 1;       10 − 1.2·10 + 7.5 + 0.6·10·1    = 11.5
    // position 1: m = 10/10;   10 − 1.2·5  + 7.5 + 0.6·5·1     = 14.5
    // position 2: m = 15/20;   10 − 0      + 7.5 + 0           = 17.5
    assert.deepEqual(sequentialPayoffs(p, [10, 5, 0]), [11.5, 14.5, 17.5]);
    // One unit less in total: everyone pays δ = 4.
    assert.deepEqual(
      sequentialPayoffs(p, [10, 4, 0]).map((x) => +x.toFixed(9)),
      [11.5 - 0.5 - 4, 10 - 4.8 + 7 + 2.4 - 4, 10 + 7 - 4].map((x) => +x.toFixed(9)),
    );
  });

  it('credits each seat the payoff of its position in that round (returns = sum over rounds)', () => {
    let s = start({ players: 3, rounds: 2, preset: 'mac-spgg', endowment: 10, order: 'rotate' });
    for (let r = 0; r < 2; r++) for (const a of [10, 5, 0]) s = move(s, a);
    const { effortCost, predecessorBonus, threshold, penalty } = s.config;
    const u = sequentialPayoffs(
      { endowment: 10, mpcr: 0.4, effortCost, predecessorBonus, threshold, penalty },
      [10, 5, 0],
    );
    // round 1: seats 0, 1, 2 at positions 0, 1, 2; round 2: seats 1, 2, 0.
    assert.deepEqual(sequentialPublicGoods.result(s).returns, [u[0]! + u[2]!, u[1]! + u[0]!, u[2]! + u[1]!]);
  });

  it('resolves presets and lets single keys override them', () => {
    const c = parseConfig(sequentialPublicGoods, { players: 4, endowment: 10, preset: 'threshold' });
    assert.deepEqual([c.threshold, c.penalty, c.effortCost, c.predecessorBonus], [40, 10, 0, 0]);
    const o = parseConfig(sequentialPublicGoods, { preset: 'mac-spgg', penalty: 1 });
    assert.deepEqual([o.threshold, o.penalty, o.effortCost, o.predecessorBonus], [40, 1, 0.1, 0.9]);
    assert.deepEqual(parseConfig(sequentialPublicGoods, JSON.parse(JSON.stringify(o))), o);
    assert.throws(
      () => parseConfig(sequentialPublicGoods, { preset: 'utopia' }),
      (e: unknown) => e instanceof GameError && e.code === 'BAD_CONFIG',
    );
    assert.throws(
      () => parseConfig(sequentialPublicGoods, { penalty: -1 }),
      (e: unknown) => e instanceof GameError && e.code === 'BAD_CONFIG',
    );
  });
});
