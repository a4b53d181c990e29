/** Observations: egocentric, identical in form for both seats, invariant under a half-turn of the arena. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { encodeSumo, OBS_SIZE, sumo } from '../../games/sumo/index.ts';
import { body, config, sceneState } from './scene.ts';

const near = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) < 1e-9, `${what}: ${a} vs ${b}`);

describe('sumo observations', () => {
  it('mirroring the scene (half-turn about the centre) and swapping seats gives the same observations', () => {
    const coord = fc.double({ min: -1.2, max: 1.2, noNaN: true });
    const angle = fc.double({ min: -10, max: 10, noNaN: true });
    const speed = fc.double({ min: -2, max: 2, noNaN: true });
    fc.assert(
      fc.property(
        coord,
        coord,
        angle,
        speed,
        speed,
        speed,
        coord,
        coord,
        angle,
        speed,
        speed,
        speed,
        (x0, y0, a0, vx0, vy0, w0, x1, y1, a1, vx1, vy1, w1) => {
          const cfg = config();
          const s = sceneState(cfg, 2.5, [
            body(x0, y0, a0, { vx: vx0, vy: vy0, omega: w0 }),
            body(x1, y1, a1, { vx: vx1, vy: vy1, omega: w1 }),
          ]);
          // Rotating by π maps (x, y) → (−x, −y) and heading a → a + π; seat 0 becomes seat 1.
          const m = sceneState(cfg, 2.5, [
            body(-x1, -y1, a1 + Math.PI, { vx: -vx1, vy: -vy1, omega: w1 }),
            body(-x0, -y0, a0 + Math.PI, { vx: -vx0, vy: -vy0, omega: w0 }),
          ]);
          for (const seat of [0, 1]) {
            const v = sumo.encode(sumo.observe(s, seat));
            const w = sumo.encode(sumo.observe(m, 1 - seat));
            for (let i = 0; i < OBS_SIZE; i++) near(v[i]!, w[i]!, `seat ${seat} feature ${i}`);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('both seats see the same fields; the spectator sees the scene without an ego part', () => {
    const s = sumo.init(config(), 4);
    const o0 = sumo.observe(s, 0);
    const o1 = sumo.observe(s, 1);
    const sp = sumo.observe(s, 'spectator');
    assert.deepEqual(Object.keys(o0.ego!).sort(), Object.keys(o1.ego!).sort());
    assert.equal(sp.ego, undefined);
    assert.deepEqual(sp.robots, o0.robots);
    assert.equal(sumo.encode(sp).length, OBS_SIZE);
  });

  it('ego facts: opponent ahead/left in the own frame, edge distances, radius, steps remaining', () => {
    // Robot 0 at (−1, 0) facing +y; robot 1 at (1, 0). In robot 0's frame the opponent is 2 m to its right.
    const s = sceneState(config({ maxSteps: 50 }), 2, [body(-1, 0, Math.PI / 2, { vx: 0, vy: 0.5 }), body(1, 0, 0)]);
    const e = sumo.observe(s, 0).ego!;
    near(e.opponent[0], 0, 'opponent ahead');
    near(e.opponent[1], -2, 'opponent left');
    near(e.velocity[0], 0.5, 'forward speed');
    near(e.velocity[1], 0, 'left speed');
    near(e.centre[0], 0, 'centre ahead');
    near(e.centre[1], -1, 'centre left');
    near(e.opponentHeading, -Math.PI / 2, 'opponent heading');
    near(e.edge, 1, 'own edge');
    near(e.opponentEdge, 1, 'opponent edge');
    assert.equal(e.radius, 2);
    assert.equal(e.stepsRemaining, 50);
    sumo.step(s, [
      [0, 0],
      [0, 0],
    ]);
    assert.equal(sumo.observe(s, 1).ego!.stepsRemaining, 49);
  });

  it('the spectator view exposes positions, angles, radius and contact for replay drawing, and renders as an ASCII frame', () => {
    const s = sceneState(config(), 2, [body(-0.2505, 0, 0), body(0.2505, 0, Math.PI)]);
    sumo.step(s, [
      [1, 0],
      [1, 0],
    ]);
    const o = sumo.observe(s, 'spectator');
    assert.equal(o.contact, true);
    assert.equal(o.radius, 2);
    assert.equal(typeof o.robots[1].angle, 'number');
    const text = sumo.render(o);
    assert.match(text, /contact yes/);
    assert.match(text, /0X1|X/);
    assert.ok(text.split('\n').length > 15);
  });
});

describe('sumo fast encoder', () => {
  it('encodeSumo(state, seat) equals encode(observe(state, seat)) exactly, for seats and the spectator', () => {
    let s = sumo.init(config(), 21);
    for (let i = 0; i < 200 && !sumo.isTerminal(s); i++) {
      for (const who of [0, 1, 'spectator'] as const)
        assert.deepEqual(encodeSumo(s, who), sumo.encode(sumo.observe(s, who)));
      s = sumo.step(s, [
        [Math.sin(i), Math.cos(i / 3)],
        [0.8, Math.sin(i / 7)],
      ]).state;
    }
  });
});
