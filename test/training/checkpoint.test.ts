import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { GameError } from '../../games/core/errors.ts';
import { playMatch } from '../../games/core/runner.ts';
import { architectureFor, paramLayout } from '../../agents/policy/architecture.ts';
import {
  checkpointAgent,
  decodeWeights,
  encodeWeights,
  loadCheckpointFile,
  makeCheckpoint,
  parseCheckpoint,
  saveCheckpointFile,
} from '../../agents/policy/checkpoint.ts';
import { initParams } from '../../agents/policy/params.ts';
import { instantiate } from '../../agents/registry.ts';
import { randomAgent } from '../../agents/core/random.ts';
import { tinyGame } from '../support/tiny-game.ts';

function tinyCheckpoint(seed = 1, history = 1) {
  const config = tinyGame.configSchema.parse({ rounds: 12 });
  const arch = architectureFor(tinyGame.obsSize(config), tinyGame.actionSpace(config), { hidden: [16], history });
  const params = initParams(arch, seed);
  return {
    config,
    arch,
    params,
    rec: makeCheckpoint({
      id: `ck-${seed}`,
      name: `ppo-tiny-${seed}`,
      game: 'tiny',
      config,
      architecture: arch,
      params,
      training: { algo: 'ppo', seed },
    }),
  };
}

describe('checkpoints', () => {
  it('weights survive the base64 float32 round trip bit for bit', () => {
    fc.assert(
      fc.property(fc.array(fc.float({ noNaN: true }), { maxLength: 200 }), (xs) => {
        const w = Float32Array.from(xs);
        assert.deepEqual(decodeWeights(encodeWeights(w)), w);
      }),
    );
  });

  it('are little-endian float32: 1.0 is 00 00 80 3f', () => {
    assert.deepEqual([...Buffer.from(encodeWeights(Float32Array.of(1)), 'base64')], [0, 0, 0x80, 0x3f]);
  });

  it('a saved file loads back as the same record', () => {
    const { rec } = tinyCheckpoint();
    const dir = mkdtempSync(join(tmpdir(), 'ludus-ck-'));
    const path = saveCheckpointFile(dir, rec);
    assert.deepEqual(loadCheckpointFile(path), rec);
  });

  it('a record whose weights do not fit its architecture is rejected with BAD_CONFIG', () => {
    const { rec } = tinyCheckpoint();
    const bad = { ...rec, weights: encodeWeights(new Float32Array(3)) };
    assert.throws(
      () => parseCheckpoint(bad),
      (e: unknown) => e instanceof GameError && e.code === 'BAD_CONFIG',
    );
    const dir = mkdtempSync(join(tmpdir(), 'ludus-ck-'));
    writeFileSync(join(dir, 'x.json'), '{not json');
    assert.throws(
      () => loadCheckpointFile(join(dir, 'x.json')),
      (e: unknown) => e instanceof GameError && e.code === 'BAD_CONFIG',
    );
  });

  it('checkpointAgent plays legal actions in a real match and repeats exactly for the same seed', () => {
    for (const history of [1, 3]) {
      const { rec, config, arch } = tinyCheckpoint(4, history);
      assert.equal(decodeWeights(rec.weights).length, paramLayout(arch).total);
      const spec = checkpointAgent(rec);
      const run = (seed: number) =>
        playMatch(tinyGame, config, seed, instantiate(tinyGame, config, seed, [spec, randomAgent(['tiny'])]));
      const a = run(7);
      const b = run(7);
      assert.deepEqual(a.replay.actions, b.replay.actions);
      assert.equal(a.steps, 12);
    }
  });

  it('a checkpoint for another game refuses to play', () => {
    const { rec } = tinyCheckpoint();
    const spec = checkpointAgent({ ...rec, game: 'ipd' });
    assert.throws(() => instantiate(tinyGame, tinyGame.configSchema.parse({}), 1, [spec, spec]), /plays ipd/);
  });
});
