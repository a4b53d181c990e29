import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Rng } from '../../games/core/rng.ts';
import { gaussianLogProb, maskedSoftmax, sampleIndex } from '../../agents/policy/heads.ts';
import { ObsStack } from '../../agents/policy/history.ts';
import { gae } from '../../agents/train/gae.ts';

describe('action heads', () => {
  it('masked softmax gives illegal actions probability 0 and never samples them', () => {
    fc.assert(
      fc.property(
        fc.array(fc.float({ min: -20, max: 20, noNaN: true }), { minLength: 2, maxLength: 9 }),
        fc.integer(),
        (logits, seed) => {
          const mask = Uint8Array.from(logits, (_, i) => (i % 2 === 0 ? 1 : 0));
          const p = maskedSoftmax(logits, mask, new Float32Array(logits.length));
          let sum = 0;
          p.forEach((x, i) => {
            if (!mask[i]) assert.equal(x, 0);
            sum += x;
          });
          assert.ok(Math.abs(sum - 1) < 1e-5);
          const rng = Rng.seeded(seed >>> 0);
          for (let k = 0; k < 20; k++) assert.equal(mask[sampleIndex(p, rng)], 1);
        },
      ),
    );
  });

  it('Gaussian log-density is the normal density (standard normal at 0: −½ log 2π)', () => {
    assert.ok(Math.abs(gaussianLogProb([0], [0], () => 0) + 0.5 * Math.log(2 * Math.PI)) < 1e-12);
    // log N(1; 0, e^{-1}) = −½·e² + 1 − ½ log 2π
    assert.ok(
      Math.abs(gaussianLogProb([1], [0], () => -1) - (-0.5 * Math.E ** 2 + 1 - 0.5 * Math.log(2 * Math.PI))) < 1e-9,
    );
  });

  it('the history stack puts the newest frame first and zero-pads the start of a match', () => {
    const s = new ObsStack(2, 3);
    assert.deepEqual([...s.push([1, 2])], [1, 2, 0, 0, 0, 0]);
    assert.deepEqual([...s.push([3, 4])], [3, 4, 1, 2, 0, 0]);
    assert.deepEqual([...s.push([5, 6])], [5, 6, 3, 4, 1, 2]);
    assert.deepEqual([...s.push([7, 8])], [7, 8, 5, 6, 3, 4]);
    s.reset();
    assert.deepEqual([...s.buffer], [0, 0, 0, 0, 0, 0]);
  });
});

describe('GAE', () => {
  it('with λ = 1 gives discounted return minus value; with λ = 0 the one-step TD error', () => {
    const r = [1, 0, 2];
    const v = [0.5, 0.2, 0.1];
    const adv = new Float32Array(3);
    const ret = new Float32Array(3);
    gae(r, v, false, 3, 0.9, 1, adv, ret);
    const G2 = 2 + 0.9 * 3;
    const G1 = 0 + 0.9 * G2;
    const G0 = 1 + 0.9 * G1;
    assert.ok(Math.abs(ret[0]! - G0) < 1e-5 && Math.abs(ret[1]! - G1) < 1e-5 && Math.abs(ret[2]! - G2) < 1e-5);
    gae(r, v, true, 3, 0.9, 0, adv, ret);
    assert.ok(Math.abs(adv[0]! - (1 + 0.9 * 0.2 - 0.5)) < 1e-6);
    assert.ok(Math.abs(adv[2]! - (2 - 0.1)) < 1e-6, 'terminal: no bootstrap');
  });
});
