/** Action handling: the box, the discrete variant, text actions, typed errors. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { GameError } from '../../games/core/errors.ts';
import { hashState, stepChecked } from '../../games/core/kernel.ts';
import { DISCRETE_LABELS, sumo } from '../../games/sumo/index.ts';
import { config } from './scene.ts';

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof GameError);
    return e.code;
  }
  return 'accepted';
}

describe('sumo actions', () => {
  it('actions outside the box [−1, 1]² are SCHEMA errors, in both modes, and leave the state unchanged (issue 10, fault 6)', () => {
    for (const actionMode of ['continuous', 'discrete'] as const) {
      const s = sumo.init(config({ actionMode }), 9);
      const h = hashState(sumo, s);
      for (const bad of [
        [2, 0],
        [-5, 7],
        [0, 1.0000001],
        [-1.5, -1],
        [1e9, 0],
        [0, -1.0000000001],
      ]) {
        assert.equal(
          code(() => stepChecked(sumo, s, [bad, [0, 0]])),
          'SCHEMA',
          `${actionMode} ${JSON.stringify(bad)}`,
        );
        assert.equal(
          code(() => stepChecked(sumo, s, [[0, 0], bad])),
          'SCHEMA',
          `${actionMode} ${JSON.stringify(bad)} from seat 1`,
        );
      }
      assert.equal(hashState(sumo, s), h);
      // The edges of the box are inside it.
      assert.equal(
        code(() =>
          stepChecked(sumo, sumo.clone(s), [
            [1, -1],
            [-1, 1],
          ]),
        ),
        'accepted',
      );
    }
  });

  it('any pair of finite numbers is accepted exactly when both lie in [−1, 1]', () => {
    const s = sumo.init(config(), 3);
    const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
    const near = fc.double({ min: -1.5, max: 1.5, noNaN: true });
    fc.assert(
      fc.property(fc.oneof(finite, near), fc.oneof(finite, near), (t, r) => {
        const inside = t >= -1 && t <= 1 && r >= -1 && r <= 1;
        assert.equal(
          code(() =>
            stepChecked(sumo, sumo.clone(s), [
              [t, r],
              [0, 0],
            ]),
          ),
          inside ? 'accepted' : 'SCHEMA',
        );
      }),
      { numRuns: 300 },
    );
  });

  it('without validation (trusted training loops), a NaN control acts as 0 instead of poisoning the physics', () => {
    const a = sumo.init(config(), 4);
    const b = sumo.init(config(), 4);
    for (let i = 0; i < 20; i++) {
      sumo.step(a, [
        [NaN, 0.5],
        [1, NaN],
      ]);
      sumo.step(b, [
        [0, 0.5],
        [1, 0],
      ]);
    }
    assert.equal(hashState(sumo, a), hashState(sumo, b));
  });

  it('control cost is computed on the clamped action', () => {
    const cfg = config({ shaping: { control: 0.1 } });
    const r = sumo.step(sumo.init(cfg, 1), [
      [3, -2],
      [0, 0],
    ]).rewards; // unvalidated: the engine clamps
    assert.equal(r[0], -0.1 * 2);
    assert.equal(r[1], 0);
  });

  it('non-finite or malformed actions are schema errors', () => {
    const s = sumo.init(config(), 1);
    assert.equal(
      code(() =>
        stepChecked(sumo, s, [
          [NaN, 0],
          [0, 0],
        ]),
      ),
      'SCHEMA',
    );
    assert.equal(
      code(() =>
        stepChecked(sumo, s, [
          [Infinity, 0],
          [0, 0],
        ]),
      ),
      'SCHEMA',
    );
    assert.equal(
      code(() => stepChecked(sumo, s, [[0], [0, 0]])),
      'SCHEMA',
    );
    assert.equal(
      code(() => stepChecked(sumo, s, [{ thrust: 1, turn: 0 }, [0, 0]])),
      'SCHEMA',
    );
  });

  it('the discrete variant has 9 actions, all legal, and rejects other values', () => {
    const cfg = config({ actionMode: 'discrete' });
    const s = sumo.init(cfg, 1);
    assert.deepEqual(sumo.actionSpace(cfg), { kind: 'discrete', n: 9, labels: DISCRETE_LABELS });
    assert.equal(sumo.legal(s, 0)!.length, 9);
    assert.deepEqual([...sumo.mask(s, 1)], new Array(9).fill(1));
    for (let i = 0; i < 9; i++) assert.equal(sumo.actionToIndex(s, 0, sumo.indexToAction(s, 0, i)), i);
    assert.deepEqual(sumo.indexToAction(s, 0, 4), [0, 0]);
    assert.deepEqual(sumo.indexToAction(s, 0, 7), [1, 0]);
    assert.equal(
      code(() =>
        stepChecked(sumo, s, [
          [0.5, 0],
          [0, 0],
        ]),
      ),
      'ILLEGAL_ACTION',
    );
    assert.equal(
      code(() => sumo.indexToAction(s, 0, 9)),
      'ILLEGAL_ACTION',
    );
  });

  it('the continuous variant is the box [−1, 1]² with no legal list', () => {
    const cfg = config();
    assert.deepEqual(sumo.actionSpace(cfg), { kind: 'box', shape: [2], low: [-1, -1], high: [1, 1] });
    assert.equal(sumo.legal(sumo.init(cfg, 1), 0), undefined);
  });

  it('text actions: "thrust 0.8 turn -0.2", either order, one part, or a discrete label', () => {
    const s = sumo.init(config(), 1);
    assert.deepEqual(sumo.parseAction('thrust 0.8 turn -0.2', s, 0), [0.8, -0.2]);
    assert.deepEqual(sumo.parseAction('  TURN .5, thrust -1 ', s, 0), [-1, 0.5]);
    assert.deepEqual(sumo.parseAction('thrust 1', s, 0), [1, 0]);
    assert.deepEqual(sumo.parseAction('turn -1e-1', s, 0), [0, -0.1]);
    assert.deepEqual(sumo.parseAction('forward-left', s, 0), [1, 1]);
    assert.equal(
      code(() => sumo.parseAction('jump', s, 0)),
      'PARSE',
    );
    assert.equal(
      code(() => sumo.parseAction('thrust fast turn 0', s, 0)),
      'PARSE',
    );
  });

  it('actionText and parseAction round-trip every finite pair exactly', () => {
    const s = sumo.init(config(), 1);
    const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(finite, finite, (t, r) => {
        assert.deepEqual(sumo.parseAction(sumo.actionText([t, r]), s, 0), [t, r]);
      }),
    );
  });
});
