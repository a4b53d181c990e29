/** Outcome rules after gym-compete's SumoEnv.goal_rewards, and their configurable variants. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sumo } from '../../games/sumo/index.ts';
import { body, config, runUntilEnd, sceneState } from './scene.ts';

describe('sumo outcome', () => {
  it('ring-out after contact: the robot outside loses (−1) and the pusher wins (+1)', () => {
    const cfg = config();
    // Robot 0 sits still near the +x edge; robot 1 is right behind it, facing +x, and pushes.
    const s = sceneState(cfg, 2, [body(1.2, 0, Math.PI), body(0.6, 0, 0)]);
    const { state, rewards } = runUntilEnd(s, [0, 0], [1, 0]);
    const r = sumo.result(state);
    assert.equal(r.reason, 'ring-out');
    assert.equal(r.winner, 1);
    assert.deepEqual(rewards, [-1, 1]);
    assert.deepEqual(r.returns, [-1, 1]);
    assert.ok(state.touched);
  });

  it('ring-out without contact: the robot outside loses, the other does not win (gym-compete default)', () => {
    const cfg = config();
    const s = sceneState(cfg, 2, [body(1.2, 0, 0), body(-1.2, 0, 0)]);
    const { state, rewards } = runUntilEnd(s, [1, 0], [0, 0]);
    const r = sumo.result(state);
    assert.equal(state.touched, false);
    assert.equal(r.reason, 'ring-out-no-contact');
    assert.equal(r.winner, null);
    assert.deepEqual(rewards, [-1, 0]);
  });

  it("ring-out without contact counts as a win when outcome.ringOutWithoutContact is 'win'", () => {
    const cfg = config({ outcome: { ringOutWithoutContact: 'win' } });
    const s = sceneState(cfg, 2, [body(1.2, 0, 0), body(-1.2, 0, 0)]);
    const { state, rewards } = runUntilEnd(s, [1, 0], [0, 0]);
    assert.equal(sumo.result(state).winner, 1);
    assert.equal(sumo.result(state).reason, 'ring-out');
    assert.deepEqual(rewards, [-1, 1]);
  });

  it('timeout: a draw, both robots get timeoutReward (−1 by default, as gym-compete)', () => {
    const s = sceneState(config({ maxSteps: 30 }), 2, [body(-0.5, 0, 0), body(0.5, 0, Math.PI)]);
    const { state, rewards, steps } = runUntilEnd(s, [0, 0], [0, 0]);
    assert.equal(steps, 30);
    assert.deepEqual(sumo.result(state), { returns: [-1, -1], winner: null, reason: 'timeout' });
    assert.deepEqual(rewards, [-1, -1]);
    assert.deepEqual(sumo.toAct(state), []);
  });

  it('timeout reward is configurable (e.g. 0 for a zero-sum game)', () => {
    const s = sceneState(config({ maxSteps: 5, outcome: { timeoutReward: 0 } }), 2, [body(-0.5, 0, 0), body(0.5, 0, Math.PI)]);
    const { state } = runUntilEnd(s, [0, 0], [0, 0]);
    assert.deepEqual(sumo.result(state).returns, [0, 0]);
  });

  it('simultaneous ring-out: both −1 and a draw', () => {
    // Mirror-image robots drive out of opposite sides at the same time.
    const s = sceneState(config(), 2, [body(-1.5, 0, Math.PI), body(1.5, 0, 0)]);
    const { state, rewards } = runUntilEnd(s, [1, 0], [1, 0]);
    const r = sumo.result(state);
    assert.equal(r.reason, 'double-ring-out');
    assert.equal(r.winner, null);
    assert.deepEqual(rewards, [-1, -1]);
  });

  it('a ring-out on the last allowed decision is a ring-out, not a timeout (gym-compete checks it first)', () => {
    const cfg = config();
    const probe = runUntilEnd(sceneState(cfg, 2, [body(1.2, 0, 0), body(-1.2, 0, 0)]), [1, 0], [0, 0]);
    const atCap = runUntilEnd(sceneState(config({ maxSteps: probe.steps }), 2, [body(1.2, 0, 0), body(-1.2, 0, 0)]), [1, 0], [0, 0]);
    assert.equal(atCap.steps, probe.steps);
    assert.equal(sumo.result(atCap.state).reason, 'ring-out-no-contact');
  });

  it('the outcome is decided by the robot centre crossing the ring radius', () => {
    const cfg = config();
    const s = sceneState(cfg, 2, [body(1.2, 0, 0), body(-1.2, 0, 0)]);
    let last = s.scene.bodies[0].getPosition().x;
    while (!sumo.isTerminal(s)) {
      assert.ok(last <= 2, 'still playing although the centre was out');
      sumo.step(s, [[1, 0], [0, 0]]);
      last = s.scene.bodies[0].getPosition().x;
    }
    assert.ok(last > 2);
  });

  it('events name the contact start, the ring-out and the end', () => {
    const s = sceneState(config(), 2, [body(1.2, 0, Math.PI), body(0.6, 0, 0)]);
    const types: string[] = [];
    while (!sumo.isTerminal(s)) for (const e of sumo.step(s, [[0, 0], [1, 0]]).events) types.push(e.type);
    assert.equal(types[0], 'contact');
    assert.deepEqual(types.slice(-2), ['ring-out', 'end']);
  });
});
