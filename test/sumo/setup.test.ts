/** Episode start after gym-compete: radius range, curriculum formula, start positions. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { curriculumMaxRadius, sumo } from '../../games/sumo/index.ts';
import { GameError } from '../../games/core/errors.ts';
import { parseConfig } from '../../games/core/kernel.ts';
import { config } from './scene.ts';

describe('sumo setup', () => {
  it('curriculum: current max = min(MAX, MIN + 0.1·e^(0.001·version))', () => {
    assert.equal(curriculumMaxRadius(1.5, 3.5, 0), 1.5 + 0.1);
    assert.equal(curriculumMaxRadius(1.5, 3.5, 1000), 1.5 + 0.1 * Math.E);
    assert.equal(curriculumMaxRadius(1.5, 3.5, 2000), 1.5 + 0.1 * Math.exp(2));
    assert.equal(curriculumMaxRadius(1.5, 3.5, 3000), 3.5, 'capped at MAX');
    assert.equal(curriculumMaxRadius(1.5, 3.5, 10_000), 3.5);
    assert.equal(curriculumMaxRadius(1.5, 3.5, null), 3.5);
  });

  it('the radius is drawn in [radiusMin, current max], over the whole range', () => {
    const radii = Array.from({ length: 400 }, (_, s) => sumo.init(config(), s).radius);
    assert.ok(radii.every((r) => r >= 1.5 && r <= 3.5));
    assert.ok(Math.min(...radii) < 1.6 && Math.max(...radii) > 3.4, 'spread over the range');
    // Neighbouring small seeds give unrelated rings: every fifth of the range gets a fair share.
    const bins = new Array(5).fill(0);
    for (const r of radii) bins[Math.min(4, Math.floor((r - 1.5) / 0.4))]++;
    assert.ok(
      bins.every((b) => b > 50),
      `radius histogram ${bins.join(',')}`,
    );
    const early = Array.from({ length: 200 }, (_, s) => sumo.init(config({ curriculumVersion: 500 }), s).radius);
    const cap = 1.5 + 0.1 * Math.exp(0.5);
    assert.ok(early.every((r) => r >= 1.5 && r <= cap));
  });

  it('start positions: agent 0 at x in [−R+gap, −0.3], agent 1 at x in [0.3, R−gap], y within the ring, facing each other', () => {
    for (const raw of [{}, { radiusMin: 2.5, radiusMax: 4.5 }]) {
      const cfg = config(raw);
      const gap = 0.3 + cfg.radiusMin / 2;
      for (let seed = 0; seed < 300; seed++) {
        const s = sumo.init(cfg, seed);
        const R = s.radius;
        const [p0, p1] = s.scene.bodies.map((b) => b.getPosition());
        assert.ok(p0!.x >= -R + gap && p0!.x <= -0.3, `x0 ${p0!.x}`);
        assert.ok(p1!.x >= 0.3 && p1!.x <= R - gap, `x1 ${p1!.x}`);
        for (const p of [p0!, p1!]) {
          const lim = Math.sqrt(R * R - p.x * p.x);
          assert.ok(Math.abs(p.y) <= Math.max(lim - gap, gap - lim) + 1e-12, `y ${p.y} within the ring band`);
          assert.ok(Math.hypot(p.x, p.y) < R);
        }
        assert.ok(Math.hypot(p1!.x - p0!.x, p1!.y - p0!.y) >= 2 * cfg.physics.robotRadius, 'robots do not overlap');
        const face0 = sumo.observe(s, 0).ego!.opponent;
        assert.ok(face0[0] > 0 && Math.abs(face0[1]) < 1e-9, 'robot 0 faces robot 1');
        assert.equal(s.step, 0);
        assert.equal(s.touched, false);
      }
    }
  });

  it('bad configs are BAD_CONFIG: unknown keys, radiusMin > radiusMax, a ring too small for two robots', () => {
    for (const raw of [
      { radius: 3 },
      { radiusMin: 3, radiusMax: 2 },
      { radiusMin: 0.9, radiusMax: 1, physics: { robotRadius: 0.5 } },
      { physics: { frameSkip: 0 } },
    ]) {
      assert.throws(
        () => parseConfig(sumo, raw),
        (e: unknown) => e instanceof GameError && e.code === 'BAD_CONFIG',
      );
    }
  });
});
