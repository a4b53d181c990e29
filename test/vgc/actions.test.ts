import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { GameError } from '../../games/core/errors.ts';
import { parseConfig, stepChecked, validateAction } from '../../games/core/kernel.ts';
import { Rng } from '../../games/core/rng.ts';
import { vgc } from '../../games/vgc/index.ts';
import { PREVIEW } from '../../games/vgc/actions.ts';
import { battle, mv } from './helpers.ts';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof GameError) return e.code;
    throw e;
  }
  return 'accepted';
};

describe('vgc team preview', () => {
  it('offers C(6,2)·C(4,2) = 90 choices: distinct (lead pair, back pair) combinations, all in the mask', () => {
    const s = vgc.init(parseConfig(vgc, {}), 3);
    const legal = vgc.legal(s, 0)!;
    assert.equal(legal.length, 90);
    assert.equal(PREVIEW.length, 90);
    const keys = new Set(PREVIEW.map((p) => `${[p[0], p[1]].sort()}|${[p[2], p[3]].sort()}`));
    assert.equal(keys.size, 90);
    const m = vgc.mask(s, 0);
    assert.equal(
      m.reduce((a, b) => a + b, 0),
      90,
    );
    for (let i = 0; i < 90; i++) assert.equal(m[i], 1);
  });

  it('the order within the lead pair and within the back pair does not matter', () => {
    const s = vgc.init(parseConfig(vgc, {}), 3);
    assert.equal(vgc.actionToIndex(s, 0, { bring: [4, 2, 6, 1] }), vgc.actionToIndex(s, 0, { bring: [2, 4, 1, 6] }));
    assert.notEqual(vgc.actionToIndex(s, 0, { bring: [1, 2, 3, 4] }), vgc.actionToIndex(s, 0, { bring: [3, 4, 1, 2] }));
  });

  it('refuses repeated or missing team members', () => {
    const s = vgc.init(parseConfig(vgc, {}), 3);
    assert.equal(
      code(() => validateAction(vgc, s, 0, { bring: [1, 1, 2, 3] })),
      'ILLEGAL_ACTION',
    );
    assert.equal(
      code(() => validateAction(vgc, s, 0, { bring: [1, 2, 3, 7] })),
      'ILLEGAL_ACTION',
    );
    assert.equal(
      code(() => validateAction(vgc, s, 0, { bring: [1, 2, 3] })),
      'SCHEMA',
    );
  });
});

describe('vgc action space', () => {
  it('the mask is exact: an index is marked iff its action is legal, and legal actions round-trip', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 0, max: 30 }), (seed, steps) => {
        const rng = Rng.seeded(seed);
        let s = vgc.init(parseConfig(vgc, { teamSource: 'random' }), seed);
        for (let i = 0; i < steps && !vgc.isTerminal(s); i++) {
          const joint = [0, 1].map((seat) => (vgc.toAct(s).includes(seat) ? rng.pick(vgc.legal(s, seat)!) : undefined));
          s = stepChecked(vgc, s, joint).state;
        }
        if (vgc.isTerminal(s)) return;
        for (const seat of vgc.toAct(s)) {
          const m = vgc.mask(s, seat);
          const legal = vgc.legal(s, seat)!;
          assert.equal(
            m.reduce((a, b) => a + b, 0),
            legal.length,
          );
          for (let k = 0; k < m.length; k++) {
            let ok: boolean;
            try {
              vgc.check(s, seat, vgc.indexToAction(s, seat, k));
              ok = true;
            } catch (e) {
              assert.ok(e instanceof GameError);
              ok = false;
            }
            assert.equal(ok, m[k] === 1, `index ${k}`);
          }
        }
      }),
      { numRuns: 25 },
    );
  });

  it('near misses are refused with a reason: move 5, switching to an active or fainted creature, a missing or needless target', () => {
    const s = battle(
      [{ species: 'Zappup', moves: ['volt-fang', 'spark-rain', 'quick-jab', 'bulwark'] }],
      [{ species: 'Pixiebell', moves: ['bulwark', 'moon-ray', 'mend', 'fae-kiss'] }],
    );
    const bad = (a: unknown) => {
      try {
        validateAction(vgc, s, 0, a);
      } catch (e) {
        assert.ok(e instanceof GameError && e.code === 'ILLEGAL_ACTION', String(e));
        return e.message;
      }
      assert.fail(`accepted ${JSON.stringify(a)}`);
    };
    assert.match(bad({ a: mv(5, 'foe1'), b: mv(4) }), /4 moves/);
    assert.match(bad({ a: { switch: 2 }, b: mv(4) }), /already active/);
    s.sides[0]!.team[s.sides[0]!.party[2]!]!.hp = 0;
    assert.match(bad({ a: { switch: 3 }, b: mv(4) }), /fainted/);
    assert.match(bad({ a: mv(1), b: mv(4) }), /needs a target/);
    assert.match(bad({ a: mv(2, 'foe1'), b: mv(4) }), /takes no target/);
    assert.match(bad({ a: 'pass', b: mv(4) }), /cannot pass/);
    assert.match(bad({ a: { switch: 4 }, b: { switch: 4 } }), /same creature/);
  });
});

describe('vgc text actions', () => {
  const s = battle(
    [{ species: 'Zappup', moves: ['volt-fang', 'spark-rain', 'quick-jab', 'bulwark'] }],
    [{ species: 'Pixiebell', moves: ['bulwark', 'moon-ray', 'mend', 'fae-kiss'] }],
  );
  it('parses the documented form and move names', () => {
    assert.deepEqual(vgc.parseAction('a: move 1 -> foe 2; b: switch 3', s, 0), {
      a: { move: 1, target: 'foe2' },
      b: { switch: 3 },
    });
    assert.deepEqual(vgc.parseAction('a: spark rain; b: move 4', s, 0), { a: { move: 2 }, b: { move: 4 } });
    assert.deepEqual(vgc.parseAction('b: bulwark; a: quick jab -> ally', s, 0), {
      a: { move: 3, target: 'ally' },
      b: { move: 1 },
    });
  });
  it('gives helpful errors', () => {
    assert.throws(() => vgc.parseAction('a: move 1; b: move 4', s, 0), /needs a target/);
    assert.throws(
      () => vgc.parseAction('a: fly away', s, 0),
      (e: unknown) => e instanceof GameError && e.code === 'PARSE',
    );
    assert.throws(() => vgc.parseAction('a: moon ray -> foe 1; b: move 4', s, 0), /does not know Moon Ray/);
    assert.throws(() => vgc.parseAction('a: move 1 -> foe 1', s, 0), /missing a choice for slot b/);
    assert.throws(
      () => vgc.parseAction('a: move 7 -> foe 1; b: move 4', s, 0),
      (e: unknown) => e instanceof GameError && e.code === 'ILLEGAL_ACTION',
    );
  });
  it('reads team preview choices', () => {
    const p = vgc.init(parseConfig(vgc, {}), 1);
    assert.deepEqual(vgc.parseAction('bring 1 4 2 6', p, 0), { bring: [1, 4, 2, 6] });
    assert.deepEqual(vgc.parseAction('lead 1 4 back 2 6', p, 0), { bring: [1, 4, 2, 6] });
    assert.equal(vgc.actionText({ bring: [1, 4, 2, 6] }), 'bring 1 4 2 6');
  });
});
