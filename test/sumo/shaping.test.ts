/** Reward shaping: sparse by default; dense terms only when switched on. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sumo } from '../../games/sumo/index.ts';
import { body, config, sceneState } from './scene.ts';

describe('sumo rewards', () => {
  it('default rewards are sparse: zero until the end', () => {
    const s = sumo.init(config(), 2);
    for (let i = 0; i < 20; i++)
      assert.deepEqual(
        sumo.step(s, [
          [0.5, 0.1],
          [-0.3, 1],
        ]).rewards,
        [0, 0],
      );
  });

  it('centre term: −weight × distance from the centre after the decision', () => {
    const s = sceneState(config({ shaping: { centre: 0.5 } }), 2, [body(-1, 0, 0), body(1, 0, 0)]);
    const r = sumo.step(s, [
      [0, 0],
      [0, 0],
    ]).rewards;
    assert.equal(r[0], -0.5 * 1);
    assert.equal(r[1], -0.5 * 1);
  });

  it('contact term: added in decisions where the robots touch (negative weight = cost)', () => {
    const s = sceneState(config({ shaping: { contact: -0.25 } }), 2, [body(-0.2505, 0, 0), body(0.2505, 0, Math.PI)]);
    assert.deepEqual(
      sumo.step(s, [
        [1, 0],
        [1, 0],
      ]).rewards,
      [-0.25, -0.25],
    );
    const far = sceneState(config({ shaping: { contact: -0.25 } }), 2, [body(-1, 0, 0), body(1, 0, Math.PI)]);
    assert.deepEqual(
      sumo.step(far, [
        [0, 0],
        [0, 0],
      ]).rewards,
      [0, 0],
    );
  });

  it('the return in result() is the sum of step rewards, terminal reward included', () => {
    const s = sceneState(config({ shaping: { centre: 0.1, control: 0.1 } }), 2, [
      body(1.2, 0, Math.PI),
      body(0.6, 0, 0),
    ]);
    const sum = [0, 0];
    while (!sumo.isTerminal(s)) {
      const r = sumo.step(s, [
        [0, 0],
        [1, 0],
      ]).rewards;
      sum[0] += r[0]!;
      sum[1] += r[1]!;
    }
    assert.deepEqual(sumo.result(s).returns, sum);
    assert.equal(sumo.result(s).winner, 1);
  });
});
