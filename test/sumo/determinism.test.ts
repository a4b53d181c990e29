/** Same seed + same actions → same hash; serialise is plain JSON; clone rebuilds the world exactly. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { hashState } from '../../games/core/kernel.ts';
import { Rng } from '../../games/core/rng.ts';
import { sumo, type SumoAction } from '../../games/sumo/index.ts';
import { body, config, sceneState } from './scene.ts';

function randomActions(rng: Rng, n: number): [SumoAction, SumoAction][] {
  const a = (): SumoAction => [rng.uniform(-1, 1), rng.uniform(-1, 1)];
  return Array.from({ length: n }, () => [a(), a()]);
}

describe('sumo determinism', () => {
  it('the seed and the actions reproduce the final hash', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 0, max: 2 ** 31 }), (seed, drv) => {
        const run = () => {
          const acts = randomActions(Rng.seeded(drv), 200);
          let s = sumo.init(config(), seed);
          for (const j of acts) if (!sumo.isTerminal(s)) s = sumo.step(s, j).state;
          return hashState(sumo, s);
        };
        assert.equal(run(), run());
      }),
      { numRuns: 8 },
    );
  });

  it('different seeds give different rings and starts', () => {
    const hashes = new Set(Array.from({ length: 20 }, (_, seed) => hashState(sumo, sumo.init(config(), seed))));
    assert.equal(hashes.size, 20);
  });

  it('serialize is plain JSON that survives a round trip unchanged (exact numbers, no rounding)', () => {
    let s = sumo.init(config(), 5);
    for (const j of randomActions(Rng.seeded(2), 50)) s = sumo.step(s, j).state;
    const ser = sumo.serialize(s);
    assert.deepEqual(JSON.parse(JSON.stringify(ser)), ser);
    const robots = (ser as any).robots;
    assert.equal(robots[0].x, s.scene.bodies[0].getPosition().x);
  });

  it('a clone steps exactly like the original (the rebuilt world loses nothing: no warm start, no sleep)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 0, max: 60 }), (seed, at) => {
        const acts = randomActions(Rng.seeded(seed ^ 0x5bd1), 300);
        // Rushing at each other makes contacts likely, which is where Box2D keeps internal caches.
        for (let i = 0; i < acts.length; i += 3)
          acts[i] = [
            [1, acts[i]![0][1]],
            [1, acts[i]![1][1]],
          ];
        let a = sumo.init(config(), seed);
        for (let i = 0; i < at && !sumo.isTerminal(a); i++) a = sumo.step(a, acts[i]!).state;
        let b = sumo.clone(a);
        for (let i = at; i < acts.length && !sumo.isTerminal(a); i++) {
          a = sumo.step(a, acts[i]!).state;
          b = sumo.step(b, acts[i]!).state;
          assert.equal(hashState(sumo, b), hashState(sumo, a), `diverged ${i - at} steps after the clone`);
        }
      }),
      { numRuns: 12 },
    );
  });

  it('a clone taken in the middle of a shoving match (robots in contact) still steps exactly like the original', () => {
    let a = sceneState(config(), 3, [body(-0.3, 0.05, 0), body(0.3, -0.05, Math.PI)]);
    const shove: [SumoAction, SumoAction] = [
      [1, 0.3],
      [1, -0.2],
    ];
    for (let i = 0; i < 10; i++) a = sumo.step(a, shove).state;
    assert.ok(a.contact, 'the robots should be pushing each other');
    let b = sumo.clone(a);
    for (let i = 0; i < 100 && !sumo.isTerminal(a); i++) {
      a = sumo.step(a, shove).state;
      b = sumo.step(b, shove).state;
      assert.equal(hashState(sumo, b), hashState(sumo, a), `diverged ${i} steps after the clone`);
    }
  });

  it('a clone is independent of the original', () => {
    const a = sumo.init(config(), 3);
    const h = hashState(sumo, a);
    const b = sumo.clone(a);
    sumo.step(b, [
      [1, 1],
      [1, -1],
    ]);
    assert.equal(hashState(sumo, a), h);
    assert.notEqual(hashState(sumo, b), h);
  });
});
