import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../../games/core/rng.ts';
import { architectureFor, paramLayout } from '../../agents/policy/architecture.ts';
import { selectBackend } from '../../agents/policy/backend.ts';
import { PlainPolicy } from '../../agents/policy/forward.ts';
import { initParams } from '../../agents/policy/params.ts';
import { TfPolicy } from '../../agents/policy/tf-policy.ts';

before(async () => {
  await selectBackend({ log: null });
});

/** Random weights everywhere (not the near-zero policy init), so that the comparison means something. */
function randomWeights(n: number, seed: number): Float32Array {
  const rng = Rng.seeded(seed);
  return Float32Array.from({ length: n }, () => 0.5 * rng.normal());
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
}

describe('plain-array forward pass', () => {
  for (const [label, space, history] of [
    ['categorical head', { kind: 'discrete', n: 5 }, 1],
    ['gaussian head with a 3-frame history', { kind: 'box', shape: [2], low: [-1, -1], high: [1, 1] }, 3],
  ] as const) {
    it(`matches the tfjs graph to 1e-5 (${label})`, () => {
      const arch = architectureFor(7, space as any, { hidden: [32, 16], history });
      const params = randomWeights(paramLayout(arch).total, 11);
      const plain = new PlainPolicy(arch, params);
      const tfp = new TfPolicy(arch, params);
      const rng = Rng.seeded(5);
      const B = 20;
      const xs = Float32Array.from({ length: B * plain.inputSize }, () => rng.normal());
      const x = tf.tensor2d(xs, [B, plain.inputSize]);
      const headTf = tfp.head(x).dataSync();
      const valueTf = tfp.value(x).dataSync();
      for (let b = 0; b < B; b++) {
        const row = xs.subarray(b * plain.inputSize, (b + 1) * plain.inputSize);
        const h = plain.head(row);
        assert.ok(maxDiff(h, headTf.subarray(b * plain.headSize, (b + 1) * plain.headSize)) < 1e-5);
        assert.ok(Math.abs(plain.value(row) - valueTf[b]!) < 1e-5);
      }
      tfp.dispose();
    });
  }

  it('writeTo/readFrom move the trainable weights between tfjs and the flat array unchanged', () => {
    const arch = architectureFor(4, { kind: 'box', shape: [2], low: [-1, -1], high: [1, 1] }, { hidden: [8] });
    const a = randomWeights(paramLayout(arch).total, 2);
    const tfp = new TfPolicy(arch, a);
    const b = new Float32Array(a.length);
    tfp.writeTo(b);
    const l = paramLayout(arch);
    // Everything except the normaliser segments is copied.
    assert.deepEqual(b.subarray(l.actor[0]!.w.offset), a.subarray(l.actor[0]!.w.offset));
    tfp.dispose();
  });

  it('initial weights are a function of the seed only', () => {
    const arch = architectureFor(6, { kind: 'discrete', n: 3 });
    assert.deepEqual(initParams(arch, 9), initParams(arch, 9));
    assert.notDeepEqual(initParams(arch, 9), initParams(arch, 10));
  });
});
