import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { BACKEND_ORDER, selectBackend } from '../../agents/policy/backend.ts';

const missing = (name: string) => async (spec: string) => {
  if (spec === name) throw new Error(`Cannot find module '${spec}'`);
  return import(spec);
};

describe('tfjs backend selection', () => {
  it('prefers tfjs-node, then wasm, then cpu', () => {
    assert.deepEqual(
      BACKEND_ORDER.map((c) => c.name),
      ['tensorflow', 'wasm', 'cpu'],
    );
  });

  it('falls back to wasm when @tensorflow/tfjs-node cannot load, and says why', async () => {
    const lines: string[] = [];
    const choice = await selectBackend({ importer: missing('@tensorflow/tfjs-node'), log: (l) => lines.push(l) });
    assert.equal(choice.name, 'wasm');
    assert.equal(tf.getBackend(), 'wasm');
    assert.deepEqual(
      choice.skipped.map((s) => s.name),
      ['tensorflow'],
    );
    assert.match(choice.skipped[0]!.reason, /Cannot find module/);
    assert.match(lines.join('\n'), /tfjs backend wasm/);
  });

  it('falls back to cpu when neither tfjs-node nor wasm can load', async () => {
    const importer = async (spec: string) => {
      throw new Error(`Cannot find module '${spec}'`);
    };
    const choice = await selectBackend({ importer, log: null });
    assert.equal(choice.name, 'cpu');
    assert.equal(tf.getBackend(), 'cpu');
    assert.deepEqual(
      choice.skipped.map((s) => s.name),
      ['tensorflow', 'wasm'],
    );
    // The fallback backend really computes.
    assert.deepEqual(Array.from(tf.add(tf.tensor1d([1, 2]), 1).dataSync()), [2, 3]);
  });

  it('a forced backend that cannot start is an error, not a silent fallback', async () => {
    await assert.rejects(
      selectBackend({ force: 'tensorflow', importer: missing('@tensorflow/tfjs-node'), log: null }),
      /no tfjs backend could start/,
    );
  });
});
