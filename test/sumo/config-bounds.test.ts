/**
 * Issue 10, fault 8: a challenger sent {"physics":{"maxForce":1e200,"mass":1e-200}}; observations
 * filled with NaN and the rusher, answering NaN, was charged a crash. Every sumo config the schema
 * accepts keeps states, observations, rewards and returns finite; anything outside the bounds is
 * BAD_CONFIG; the defaults (and so stored replays) are unchanged.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { GameError } from '../../games/core/errors.ts';
import { parseConfig } from '../../games/core/kernel.ts';
import { SUMO_BOUNDS, sumo, type Bound } from '../../games/sumo/index.ts';
import { checkFinitePlayout, SUMO_CORNERS, sumoConfig } from '../support/config-bounds.ts';

function refused(raw: unknown): boolean {
  try {
    parseConfig(sumo, raw);
    return false;
  } catch (e) {
    assert.ok(e instanceof GameError && e.code === 'BAD_CONFIG', String(e));
    return true;
  }
}

/** Every numeric key as a path into the config, with its bound. */
function numericKeys(): { path: string[]; bound: Bound }[] {
  const out: { path: string[]; bound: Bound }[] = [];
  for (const [k, v] of Object.entries(SUMO_BOUNDS)) {
    if ('min' in v) out.push({ path: [k], bound: v as Bound });
    else for (const [k2, b] of Object.entries(v)) out.push({ path: [k, k2], bound: b as Bound });
  }
  return out;
}

function withValue(path: string[], value: unknown): Record<string, unknown> {
  return path.length === 1 ? { [path[0]!]: value } : { [path[0]!]: { [path[1]!]: value } };
}

describe('sumo config bounds', () => {
  it("refuses the issue's config, {physics: {maxForce: 1e200, mass: 1e-200}}, with BAD_CONFIG", () => {
    assert.ok(refused({ physics: { maxForce: 1e200, mass: 1e-200 } }));
    assert.ok(refused({ physics: { maxForce: 1e200 } }));
    assert.ok(refused({ physics: { mass: 1e-200 } }));
  });

  it('refuses every numeric key just outside its bounds, far outside, and at non-integers where whole numbers are required', () => {
    const keys = numericKeys();
    assert.ok(keys.length >= 20, `${keys.length} numeric keys`);
    for (const { path, bound } of keys) {
      const span = bound.max - bound.min || 1;
      for (const bad of [bound.min - span * 1e-6, bound.max + span * 1e-6, 1e300, -1e300, bound.min - 1]) {
        assert.ok(refused(withValue(path, bad)), `${path.join('.')} = ${bad}`);
      }
      if (bound.int) assert.ok(refused(withValue(path, bound.min + 0.5)), `${path.join('.')} must be whole`);
    }
  });

  it('refuses cross-field contradictions: radiusMin > radiusMax, and robots that would start overlapping', () => {
    assert.ok(refused({ radiusMin: 3, radiusMax: 2 }));
    // radiusMin 1.0: each start x is at least min(0.3, 1.0/2 − 0.3) = 0.2 from the centre line.
    assert.ok(refused({ radiusMin: 1, radiusMax: 2, physics: { robotRadius: 0.2 } }));
    assert.ok(!refused({ radiusMin: 1, radiusMax: 2, physics: { robotRadius: 0.19 } }));
    assert.ok(refused({ physics: { robotRadius: 0.3 } }), 'default ring (radiusMin 1.5): robotRadius < 0.3');
  });

  it('keeps the default config exactly (stored replays re-parse it)', () => {
    assert.deepEqual(parseConfig(sumo, {}), {
      maxSteps: 500,
      radiusMin: 1.5,
      radiusMax: 3.5,
      curriculumVersion: null,
      actionMode: 'continuous',
      physics: {
        dt: 1 / 60,
        frameSkip: 3,
        robotRadius: 0.25,
        mass: 1,
        maxForce: 3,
        maxTorque: 0.6,
        linearDamping: 1.5,
        angularDamping: 8,
        friction: 0.5,
        restitution: 0.2,
        velocityIterations: 8,
        positionIterations: 3,
      },
      outcome: { ringOutWithoutContact: 'no-win', timeoutReward: -1 },
      shaping: { centre: 0, control: 0, contact: 0 },
    });
  });

  it('the corners of the bounds (strongest force on the lightest robot, longest steps, biggest shaping...) stay finite', () => {
    for (const [i, raw] of SUMO_CORNERS.entries()) {
      for (let seed = 0; seed < 3; seed++) checkFinitePlayout(sumo, raw, seed, 100 * i + seed, 400);
    }
  });

  it('any config the schema accepts gives finite observations (raw and encoded), rewards and returns over a random playout', () => {
    let accepted = 0;
    fc.assert(
      fc.property(sumoConfig(), fc.nat(), fc.nat(), (raw, seed, drv) => {
        const ok = sumo.configSchema.safeParse(raw).success;
        fc.pre(ok);
        accepted++;
        checkFinitePlayout(sumo, raw, seed, drv, 250);
      }),
      { numRuns: 60 },
    );
    assert.ok(accepted >= 60, 'the generator draws accepted configs');
  });
});
