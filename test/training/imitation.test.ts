import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { parseConfig } from '../../games/core/kernel.ts';
import { getGame } from '../../games/index.ts';
import { architectureFor, type PolicyArchitecture } from '../../agents/policy/architecture.ts';
import { selectBackend } from '../../agents/policy/backend.ts';
import { actionFeatureArchitecture, inputEncoder } from '../../agents/policy/encoders.ts';
import { initParams } from '../../agents/policy/params.ts';
import { getAgent } from '../../agents/registry.ts';
import { behaviourClone, imitationAccuracy, recordDemonstrations } from '../../agents/train/imitate.ts';
import { parseCheckpoint } from '../../agents/policy/checkpoint.ts';

const BIN = new URL('../../bin/ludus.js', import.meta.url).pathname;
const ludus = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, LUDUS_PROGRESS: '0' } });

before(async () => {
  await selectBackend({ log: null });
});

describe('behaviour cloning (issue 19 acceptance)', () => {
  it("on one fixed seed, the action-feature policy imitates max-damage's move choices far better than today's encoding", () => {
    const game = getGame('vgc');
    const config = parseConfig(game, {});
    const teacher = getAgent('vgc', 'max-damage');
    const clone = (arch: PolicyArchitecture) => {
      const encoder = inputEncoder(arch, game, config);
      const train = recordDemonstrations({ game, config, teacher, matches: 30, seed: 1, encoder });
      const heldout = recordDemonstrations({ game, config, teacher, matches: 15, seed: 2, encoder });
      const { params } = behaviourClone(arch, initParams(arch, 1), train, { epochs: 12, batchSize: 64, lr: 3e-3, seed: 1 });
      return imitationAccuracy(arch, params, heldout);
    };
    const space = game.actionSpace(config);
    const today = clone(architectureFor(game.obsSize(config), space));
    const features = clone(actionFeatureArchitecture('vgc-features-v1', space));
    // Same battles for both encodings (same seeds, same teacher rng): the same held-out choices.
    assert.equal(features.samples, today.samples);
    const fm = features.byPhase.move!, tm = today.byPhase.move!;
    assert.ok(fm.samples > 100);
    // max-damage's move choice is a deterministic function of what it sees (up to ties); its
    // preview and replacements are uniform draws, which no policy can predict.
    assert.ok(fm.accuracy >= 0.5, `action features: held-out move accuracy ${fm.accuracy.toFixed(3)}`);
    assert.ok(fm.accuracy >= tm.accuracy + 0.25, `action features ${fm.accuracy.toFixed(3)} vs today's encoding ${tm.accuracy.toFixed(3)}`);
    assert.ok(features.accuracy > today.accuracy);
  });
});

describe('ludus imitate (CLI)', () => {
  it('writes a behaviour-cloned checkpoint with held-out accuracy; PPO resumes from it with a KL penalty toward it', () => {
    const out = mkdtempSync(join(tmpdir(), 'ludus-imitate-'));
    const a = ludus('imitate', '--game', 'vgc', '--teacher', 'heuristic', '--games', '6', '--heldout-games', '3', '--epochs', '2', '--set', 'pool=0-3', '--out', out, '--json');
    assert.equal(a.status, 0, a.stderr);
    const s = JSON.parse(a.stdout);
    assert.equal(s.architecture, 'ludus-actfeat-v1');
    assert.ok(s.heldoutSamples > 0 && s.accuracy.heldout.accuracy >= 0 && s.accuracy.heldout.accuracy <= 1);
    assert.ok(s.accuracy.heldout.byPhase.move.samples > 0);
    const rec = parseCheckpoint(JSON.parse(readFileSync(s.checkpoint, 'utf8')));
    assert.equal((rec.training as { algo: string }).algo, 'bc');
    assert.deepEqual((rec.config as { pool: string }).pool, '0-3');

    const b = ludus('train', '--game', 'vgc', '--resume', s.checkpoint, '--kl', '0.5', '--iterations', '1', '--envs', '2', '--steps', '32', '--eval', 'max-damage', '--eval-matches', '2', '--out', out, '--json');
    assert.equal(b.status, 0, b.stderr);
    const t = JSON.parse(b.stdout);
    assert.equal(t.config.klCoef, 0.5);
    assert.equal(t.config.normalizeObs, false, 'the KL run keeps the cloned normaliser');
    const ck = JSON.parse(readFileSync(t.checkpoints.at(-1).path, 'utf8'));
    assert.equal(ck.parent, rec.id);
    assert.equal(ck.architecture.format, 'ludus-actfeat-v1');
    const curve = readFileSync(t.curve.csv, 'utf8');
    assert.match(curve.split('\n')[0]!, /ref_kl/);

    const bad = ludus('train', '--game', 'vgc', '--kl', '0.5', '--iterations', '1', '--out', out);
    assert.notEqual(bad.status, 0);
    assert.match(bad.stderr, /--kl needs --resume/);
  });
});
