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
const ludus = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, LUDUS_PROGRESS: '0' } });

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
      const { params } = behaviourClone(arch, initParams(arch, 1), train, {
        epochs: 12,
        batchSize: 64,
        lr: 3e-3,
        seed: 1,
      });
      return imitationAccuracy(arch, params, heldout);
    };
    const space = game.actionSpace(config);
    const today = clone(architectureFor(game.obsSize(config), space));
    const features = clone(actionFeatureArchitecture('vgc-features-v1', space));
    // Same battles for both encodings (same seeds, same teacher rng): the same held-out choices.
    assert.equal(features.samples, today.samples);
    const fm = features.byPhase.move!,
      tm = today.byPhase.move!;
    assert.ok(fm.samples > 100);
    // max-damage's move choice is a deterministic function of what it sees (up to ties); its
    // preview and replacements are uniform draws, which no policy can predict.
    assert.ok(fm.accuracy >= 0.5, `action features: held-out move accuracy ${fm.accuracy.toFixed(3)}`);
    assert.ok(
      fm.accuracy >= tm.accuracy + 0.25,
      `action features ${fm.accuracy.toFixed(3)} vs today's encoding ${tm.accuracy.toFixed(3)}`,
    );
    assert.ok(features.accuracy > today.accuracy);
  });
});

describe('ludus imitate (CLI)', () => {
  it('writes a behaviour-cloned checkpoint with held-out accuracy; PPO resumes from it with a KL penalty toward it', () => {
    const out = mkdtempSync(join(tmpdir(), 'ludus-imitate-'));
    const a = ludus(
      'imitate',
      '--game',
      'vgc',
      '--teacher',
      'heuristic',
      '--games',
      '6',
      '--heldout-games',
      '3',
      '--epochs',
      '2',
      '--set',
      'pool=0-3',
      '--out',
      out,
      '--json',
    );
    assert.equal(a.status, 0, a.stderr);
    const s = JSON.parse(a.stdout);
    assert.equal(s.architecture, 'ludus-actfeat-v1');
    assert.ok(s.heldoutSamples > 0 && s.accuracy.heldout.accuracy >= 0 && s.accuracy.heldout.accuracy <= 1);
    assert.ok(s.accuracy.heldout.byPhase.move.samples > 0);
    const rec = parseCheckpoint(JSON.parse(readFileSync(s.checkpoint, 'utf8')));
    assert.equal((rec.training as { algo: string }).algo, 'bc');
    assert.deepEqual((rec.config as { pool: string }).pool, '0-3');

    const b = ludus(
      'train',
      '--game',
      'vgc',
      '--resume',
      s.checkpoint,
      '--kl',
      '0.5',
      '--iterations',
      '1',
      '--envs',
      '2',
      '--steps',
      '32',
      '--eval',
      'max-damage',
      '--eval-matches',
      '2',
      '--out',
      out,
      '--json',
    );
    assert.equal(b.status, 0, b.stderr);
    const t = JSON.parse(b.stdout);
    assert.equal(t.config.klCoef, 0.5);
    assert.equal(t.config.normalizeObs, false, 'the KL run keeps the cloned normaliser');
    const ck = JSON.parse(readFileSync(t.checkpoints.at(-1).path, 'utf8'));
    assert.equal(ck.parent, rec.id);
    assert.equal(ck.architecture.format, 'ludus-actfeat-v1');
    const curve = readFileSync(t.curve.csv, 'utf8');
    assert.match(curve.split('\n')[0]!, /ref_kl/);

    // The league (PFSP over snapshots, exploiters) starts every player from the cloned policy.
    const lg = ludus(
      'league',
      '--game',
      'vgc',
      '--start',
      s.checkpoint,
      '--iterations',
      '4',
      '--envs',
      '2',
      '--steps',
      '16',
      '--min-snapshot-steps',
      '32',
      '--references',
      'max-damage',
      '--eval-matches',
      '2',
      '--out',
      join(out, 'league'),
      '--json',
    );
    assert.equal(lg.status, 0, lg.stderr);
    const league = JSON.parse(lg.stdout);
    assert.ok(league.snapshots.length >= 1);
    for (const snap of league.snapshots as { path: string }[])
      assert.equal(JSON.parse(readFileSync(snap.path, 'utf8')).architecture.format, 'ludus-actfeat-v1');

    const bad = ludus('train', '--game', 'vgc', '--kl', '0.5', '--iterations', '1', '--out', out);
    assert.notEqual(bad.status, 0);
    assert.match(bad.stderr, /--kl needs --resume/);
  });
});

describe('PPO toward a reference, and fictitious play', () => {
  it('the KL penalty pulls the policy toward the reference: KL(π_ref ‖ π) falls when advantages carry no signal', async () => {
    const tf = await import('@tensorflow/tfjs');
    const { TfPolicy } = await import('../../agents/policy/tf-policy.ts');
    const { ppoUpdate } = await import('../../agents/train/ppo-update.ts');
    const { DEFAULT_TRAIN } = await import('../../agents/train/ppo.ts');
    const { Rng } = await import('../../games/core/rng.ts');
    const { paramLayout } = await import('../../agents/policy/architecture.ts');
    const game = getGame('vgc');
    const config = parseConfig(game, {});
    const arch = actionFeatureArchitecture('vgc-features-v1', game.actionSpace(config), {
      hidden: [16],
      actionHidden: 8,
    });
    const encoder = inputEncoder(arch, game, config);
    const demos = recordDemonstrations({
      game,
      config,
      teacher: getAgent('vgc', 'max-damage'),
      matches: 4,
      seed: 3,
      encoder,
    });
    const n = demos.size;
    const rng = Rng.seeded(9);
    const total = paramLayout(arch).total;
    const start = initParams(arch, 1);
    const refParams = Float32Array.from(start, (v, i) => (i >= arch.obsSize * 2 ? v + 0.5 * rng.normal() : v));
    const batch = {
      size: n,
      inputSize: arch.obsSize,
      obs: demos.obs,
      actions: demos.actions,
      vectors: new Float32Array(0),
      masks: demos.masks,
      logProbs: new Float32Array(n),
      values: new Float32Array(n),
      advantages: new Float32Array(n),
      returns: new Float32Array(n),
      episodes: [],
      envSteps: n,
    };
    const run = (klCoef: number) => {
      const policy = new TfPolicy(arch, start);
      const ref = new TfPolicy(arch, refParams);
      const opt = tf.train.adam(3e-3);
      const h = { ...DEFAULT_TRAIN, clip: 1e9, entCoef: 0, normalizeAdvantages: false, klCoef };
      const first = ppoUpdate(
        policy,
        opt,
        batch,
        { ...h, klCoef: 1, epochs: 1, minibatches: 1 },
        Rng.seeded(1),
        ref,
      ).refKl;
      for (let i = 0; i < 6; i++) ppoUpdate(policy, opt, batch, h, Rng.seeded(i), ref);
      const last = ppoUpdate(
        policy,
        tf.train.sgd(0),
        batch,
        { ...h, klCoef: 1, epochs: 1, minibatches: 1 },
        Rng.seeded(1),
        ref,
      ).refKl;
      policy.dispose();
      ref.dispose();
      return { first, last };
    };
    assert.equal(total, start.length);
    const pulled = run(1);
    assert.ok(pulled.first > 0.01, `the reference differs at the start (KL ${pulled.first})`);
    assert.ok(pulled.last < pulled.first / 2, `KL ${pulled.first} → ${pulled.last}`);
  });

  it("fictitious play ('uniform') draws every kept snapshot with equal probability", async () => {
    const { OpponentPool } = await import('../../agents/train/selfplay.ts');
    const pool = new OpponentPool([], {
      sampling: 'uniform',
      window: 2,
      weighting: 'squared',
      baselineShare: 0,
      maxSnapshots: 50,
    });
    const spec = getAgent('vgc', 'random');
    for (let i = 0; i < 7; i++) pool.add({ id: `s${i}`, spec });
    const d = pool.snapshotDistribution();
    assert.equal(d.candidates.length, 7, 'all snapshots, not a recent window');
    for (const p of d.probs) assert.ok(Math.abs(p - 1 / 7) < 1e-12);
  });
});

describe('ludus eval-vgc (CLI)', () => {
  it('trains each method on the team set, plays every pair on seen and held-out teams, ranks with α-Rank, writes the tables', () => {
    const out = mkdtempSync(join(tmpdir(), 'ludus-eval-vgc-'));
    const r = ludus(
      'eval-vgc',
      '--sets',
      '1',
      '--methods',
      'bc,ppo-kl',
      '--iterations',
      '1',
      '--envs',
      '2',
      '--steps',
      '16',
      '--battles',
      '4',
      '--bc-games',
      '4',
      '--bc-epochs',
      '1',
      '--baselines',
      'random,max-damage',
      '--out',
      out,
      '--json',
    );
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.deepEqual(
      j.tables.map((t: { split: string; pool: string }) => `${t.split}:${t.pool}`),
      ['seen:0', 'held-out:56-71'],
    );
    for (const t of j.tables as {
      agents: string[];
      payoff: number[][];
      alphaRank: number[];
      pairs: { battles: number }[];
    }[]) {
      assert.deepEqual(t.agents, ['random', 'max-damage', 'bc', 'ppo-kl']);
      assert.equal(t.pairs.length, 6);
      for (const p of t.pairs) assert.equal(p.battles, 4);
      for (let i = 0; i < 4; i++)
        for (let k = 0; k < 4; k++) if (i !== k) assert.ok(Math.abs(t.payoff[i]![k]! + t.payoff[k]![i]! - 1) < 1e-12);
      assert.ok(Math.abs(t.alphaRank.reduce((a, b) => a + b, 0) - 1) < 1e-9);
    }
    assert.match(
      readFileSync(join(out, 'eval-vgc.md'), 'utf8'),
      /\| agent \| vs random \| vs max-damage \| vs bc \| vs ppo-kl \| mean \| α-Rank \|/,
    );
    const bad = ludus('eval-vgc', '--sets', '16', '--heldout', '10-20', '--out', out);
    assert.notEqual(bad.status, 0);
    assert.match(bad.stderr, /overlaps the team set of 16/);
  });
});

describe('ludus train --features (CLI)', () => {
  it('trains a fresh action-feature network, in-process and in 2 worker threads, and refuses an unknown encoder', () => {
    const out = mkdtempSync(join(tmpdir(), 'ludus-features-'));
    for (const workers of ['1', '2']) {
      const r = ludus(
        'train',
        '--game',
        'vgc',
        '--features',
        'vgc-features-v1',
        '--workers',
        workers,
        '--iterations',
        '2',
        '--envs',
        '2',
        '--steps',
        '16',
        '--eval',
        'max-damage',
        '--eval-matches',
        '2',
        '--out',
        out,
        '--json',
      );
      assert.equal(r.status, 0, r.stderr);
      const s = JSON.parse(r.stdout);
      assert.equal(s.iterations, 2);
      assert.equal(s.envSteps, 64);
      const ck = JSON.parse(readFileSync(s.checkpoints.at(-1).path, 'utf8'));
      assert.equal(ck.architecture.format, 'ludus-actfeat-v1');
      assert.equal(ck.architecture.encoder, 'vgc-features-v1');
    }
    const bad = ludus('train', '--game', 'vgc', '--features', 'vgc-features-v0', '--iterations', '1', '--out', out);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--features vgc-features-v0: vgc has vgc-features-v1/);
  });
});
