/** Outcome rules after gym-compete's SumoEnv.goal_rewards, and their configurable variants. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { adjudicate } from '../../games/core/standings.ts';
import { hashState, replay, stepChecked } from '../../games/core/kernel.ts';
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

  it('ring-out without contact: the robot outside gets −1, the other 0 (gym-compete), and the robot that stayed wins the match (issue 10, fault 4)', () => {
    const cfg = config();
    const s = sceneState(cfg, 2, [body(1.2, 0, 0), body(-1.2, 0, 0)]);
    const { state, rewards } = runUntilEnd(s, [1, 0], [0, 0]);
    const r = sumo.result(state);
    assert.equal(state.touched, false);
    assert.equal(r.reason, 'ring-out-no-contact');
    assert.equal(r.winner, 1, 'leaving the ring on purpose is a loss, not a draw');
    assert.deepEqual(rewards, [-1, 0]);
    assert.deepEqual(r.returns, [-1, 0]);
    assert.deepEqual(sumo.observe(state, 0).outcome, { winner: 1, reason: 'ring-out-no-contact', out: [0] });
  });

  it('reversing out of the ring from the start loses for either seat, in every ring, and gives the stayer 0 reward', () => {
    for (let seed = 0; seed < 40; seed++) {
      for (const leaver of [0, 1] as const) {
        let s = sumo.init(config(), seed);
        const joint: [number, number][] =
          leaver === 0
            ? [
                [-1, 0],
                [0, 0],
              ]
            : [
                [0, 0],
                [-1, 0],
              ];
        while (!sumo.isTerminal(s)) s = stepChecked(sumo, s, joint).state;
        const r = sumo.result(s);
        assert.equal(r.reason, 'ring-out-no-contact', `seed ${seed}`);
        assert.equal(r.winner, 1 - leaver);
        assert.equal(r.returns[leaver], -1);
        assert.equal(r.returns[1 - leaver], 0);
        assert.deepEqual(adjudicate(r).ranks, leaver === 0 ? [2, 1] : [1, 2], 'ratings rank the stayer first');
      }
    }
  });

  it("ring-out without contact counts as a win when outcome.ringOutWithoutContact is 'win'", () => {
    const cfg = config({ outcome: { ringOutWithoutContact: 'win' } });
    const s = sceneState(cfg, 2, [body(1.2, 0, 0), body(-1.2, 0, 0)]);
    const { state, rewards } = runUntilEnd(s, [1, 0], [0, 0]);
    assert.equal(sumo.result(state).winner, 1);
    assert.equal(sumo.result(state).reason, 'ring-out');
    assert.deepEqual(rewards, [-1, 1]);
  });

  it("step cap: a draw with reason 'step-cap' (not 'timeout', the arena's outcome), both robots get timeoutReward (−1 by default, as gym-compete)", () => {
    const s = sceneState(config({ maxSteps: 30 }), 2, [body(-0.5, 0, 0), body(0.5, 0, Math.PI)]);
    const { state, rewards, steps } = runUntilEnd(s, [0, 0], [0, 0]);
    assert.equal(steps, 30);
    assert.deepEqual(sumo.result(state), { returns: [-1, -1], winner: null, reason: 'step-cap' });
    assert.deepEqual(rewards, [-1, -1]);
    assert.deepEqual(sumo.toAct(state), []);
  });

  it('the step-cap reward is configurable (e.g. 0 for a zero-sum game)', () => {
    const s = sceneState(config({ maxSteps: 5, outcome: { timeoutReward: 0 } }), 2, [
      body(-0.5, 0, 0),
      body(0.5, 0, Math.PI),
    ]);
    const { state } = runUntilEnd(s, [0, 0], [0, 0]);
    assert.deepEqual(sumo.result(state).returns, [0, 0]);
  });

  it('simultaneous ring-out (both leave at the same physics step): both −1 and a draw', () => {
    // Mirror-image robots drive out of opposite sides at the same time.
    const s = sceneState(config(), 2, [body(-1.5, 0, Math.PI), body(1.5, 0, 0)]);
    const { state, rewards } = runUntilEnd(s, [1, 0], [1, 0]);
    const r = sumo.result(state);
    assert.equal(r.reason, 'double-ring-out');
    assert.equal(r.winner, null);
    assert.deepEqual(rewards, [-1, -1]);
  });

  it('both out in one decision: both −1, and the robot that left at the later physics step wins (the same result as deciding every physics step)', () => {
    // With actions held, frameSkip k replays exactly the physics of frameSkip 1 with each action
    // repeated k times, where a decision is one physics step: that game names the first leaver.
    let decided = 0;
    for (let seed = 0; seed < 400 && decided < 6; seed++) {
      const run = (frameSkip: number, repeat: number) => {
        let s = sumo.init(config({ physics: { frameSkip } }), seed);
        while (!sumo.isTerminal(s))
          s = stepChecked(sumo, s, [
            [-1, 0],
            [-1, 0],
          ]).state;
        return { r: sumo.result(s), decisions: s.step * repeat };
      };
      const coarse = run(3, 3);
      if (coarse.r.reason !== 'double-ring-out') continue;
      const fine = run(1, 1);
      assert.deepEqual(coarse.r.returns, [-1, -1]);
      assert.equal(coarse.r.winner, fine.r.winner, `seed ${seed}: ${JSON.stringify(fine.r)}`);
      if (fine.r.winner !== null) {
        assert.equal(fine.r.reason, 'ring-out-no-contact');
        decided++;
      }
    }
    assert.ok(decided > 0, 'no seed made both robots leave in one decision at different physics steps');
  });

  it('a ring-out on the last allowed decision is a ring-out, not a step cap (gym-compete checks it first)', () => {
    const cfg = config();
    const probe = runUntilEnd(sceneState(cfg, 2, [body(1.2, 0, 0), body(-1.2, 0, 0)]), [1, 0], [0, 0]);
    const atCap = runUntilEnd(
      sceneState(config({ maxSteps: probe.steps }), 2, [body(1.2, 0, 0), body(-1.2, 0, 0)]),
      [1, 0],
      [0, 0],
    );
    assert.equal(atCap.steps, probe.steps);
    assert.equal(sumo.result(atCap.state).reason, 'ring-out-no-contact');
    assert.equal(sumo.result(atCap.state).winner, 1);
  });

  it('the outcome is decided by the robot centre crossing the ring radius', () => {
    const cfg = config();
    const s = sceneState(cfg, 2, [body(1.2, 0, 0), body(-1.2, 0, 0)]);
    let last = s.scene.bodies[0].getPosition().x;
    while (!sumo.isTerminal(s)) {
      assert.ok(last <= 2, 'still playing although the centre was out');
      sumo.step(s, [
        [1, 0],
        [0, 0],
      ]);
      last = s.scene.bodies[0].getPosition().x;
    }
    assert.ok(last > 2);
  });

  it('events name the contact start, the ring-out and the end', () => {
    const s = sceneState(config(), 2, [body(1.2, 0, Math.PI), body(0.6, 0, 0)]);
    const types: string[] = [];
    while (!sumo.isTerminal(s))
      for (const e of sumo.step(s, [
        [0, 0],
        [1, 0],
      ]).events)
        types.push(e.type);
    assert.equal(types[0], 'contact');
    assert.deepEqual(types.slice(-2), ['ring-out', 'end']);
  });

  it("events: 'step-cap' at the cap, then 'end' with the winner and reason", () => {
    const s = sceneState(config({ maxSteps: 3 }), 2, [body(-0.5, 0, 0), body(0.5, 0, Math.PI)]);
    const types: string[] = [];
    let last: unknown;
    while (!sumo.isTerminal(s))
      for (const e of sumo.step(s, [
        [0, 0],
        [0, 0],
      ]).events)
        types.push(e.type), (last = e);
    assert.deepEqual(types, ['step-cap', 'end']);
    assert.deepEqual(last, { type: 'end', winner: null, reason: 'step-cap' });
  });

  // Final hashes recorded before 'timeout' became 'step-cap' and before a ring-out without contact
  // named a winner: stored replays must keep re-simulating to them (state.ts, hashedOutcome).
  const RECORDED: {
    rule: [[number, number], [number, number]];
    config: Record<string, number>;
    seed: number;
    steps: number;
    hash: string;
    reason: string;
    winner: number | null;
  }[] = [
    {
      rule: [
        [0, 0],
        [0, 0],
      ],
      config: { maxSteps: 60 },
      seed: 0,
      steps: 60,
      hash: '5d44c8d8de8a1884d08d7baf5295270f',
      reason: 'step-cap',
      winner: null,
    },
    {
      rule: [
        [-1, 0],
        [0, 0],
      ],
      config: {},
      seed: 0,
      steps: 20,
      hash: '1a73e5e3dceb304c56fe294e5fa883b2',
      reason: 'ring-out-no-contact',
      winner: 1,
    },
    {
      rule: [
        [0, 0],
        [1, 0],
      ],
      config: {},
      seed: 0,
      steps: 52,
      hash: 'f22286cae5c236c8f119d247530d3fa7',
      reason: 'ring-out',
      winner: 1,
    },
    // Both robots left in decision 23, robot 0 two physics steps before robot 1.
    {
      rule: [
        [-1, 0],
        [-1, 0],
      ],
      config: {},
      seed: 20,
      steps: 23,
      hash: '2f257bdbe32dca8ac2bc3309541123d7',
      reason: 'double-ring-out',
      winner: 1,
    },
  ];
  it('replays recorded before the outcome changes still re-simulate to their recorded hash, with the new result', () => {
    for (const r of RECORDED) {
      const rep = {
        game: 'sumo',
        config: r.config,
        seed: r.seed,
        actions: Array.from({ length: r.steps }, () => r.rule),
        finalHash: r.hash,
      };
      const { state, hash } = replay(sumo, rep);
      assert.equal(hash, r.hash, r.reason);
      assert.equal(hashState(sumo, state), r.hash);
      assert.equal(sumo.result(state).reason, r.reason);
      assert.equal(sumo.result(state).winner, r.winner);
    }
  });
});
