import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { selectBackend } from '../../agents/policy/backend.ts';
import { loadCheckpointFile } from '../../agents/policy/checkpoint.ts';
import { getAgent } from '../../agents/registry.ts';
import { DEFAULT_TRAIN } from '../../agents/train/ppo.ts';
import {
  resumeStatePath,
  runTraining,
  type SessionResumeState,
  type TrainSessionOptions,
} from '../../agents/train/session.ts';
import { parseConfig } from '../../games/core/kernel.ts';
import { getGame } from '../../games/index.ts';

before(async () => {
  await selectBackend({ log: null });
});

const ipd = getGame('ipd');
// 7 turns and 30 steps per env: episodes straddle the rollouts, so a resume must restore open episodes.
const config = parseConfig(ipd, { turns: 7, noise: 0.05 });

function options(out: string, run: string, maxIterations: number): TrainSessionOptions {
  return {
    game: ipd,
    config,
    train: { ...DEFAULT_TRAIN, envs: 3, stepsPerEnv: 30, hidden: [16], lr: 3e-3, seed: 11 },
    minutes: Infinity,
    maxIterations,
    selfplay: 'none',
    window: 1,
    weighting: 'squared',
    baselineShare: 0,
    opponents: [getAgent('ipd', 'tft'), getAgent('ipd', 'random')],
    evalAgainst: [getAgent('ipd', 'tft')],
    evalEvery: { iterations: 2 },
    evalMatches: 2,
    snapshotEvery: { iterations: 2 },
    out,
    run,
  };
}

const rows = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, number>[];

describe('exact resume (ludus train --resume)', () => {
  it('a run stopped at iteration 3 and resumed to 6 matches an uninterrupted 6-iteration run exactly', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ludus-resume-'));
    const whole = await runTraining(options(out, 'whole', 6));
    const first = await runTraining(options(out, 'first', 3));
    const last = first.checkpoints.at(-1)!.path;
    const state = JSON.parse(readFileSync(resumeStatePath(last), 'utf8')) as SessionResumeState;
    assert.equal(state.learner.iteration, 3);
    assert.ok(
      state.learner.rollout.slots.some((s) => s.actions.length > 0),
      'open episodes are part of the state',
    );
    const second = await runTraining({
      ...options(out, 'second', 6),
      resume: loadCheckpointFile(last),
      resumeState: state,
    });
    assert.equal(second.iterations, 6);
    assert.equal(second.envSteps, whole.envSteps);
    const a = loadCheckpointFile(whole.checkpoints.at(-1)!.path);
    const b = loadCheckpointFile(second.checkpoints.at(-1)!.path);
    assert.equal(b.weights, a.weights, 'the same weights, bit for bit');
    assert.equal(
      loadCheckpointFile(second.checkpoints[0]!.path).parent,
      loadCheckpointFile(last).id,
      'the lineage goes through the resumed checkpoint',
    );
    // The curve and the schedules continue: same rows for iterations 4..6, snapshots at the same iterations.
    const pick = (r: Record<string, number>[]) =>
      r
        .filter((x) => x.iteration > 3)
        .map((x) => [x.iteration, x.env_steps, x.mean_return, x.policy_loss, x.score_vs_tft]);
    assert.deepEqual(pick(rows(second.curve.json)), pick(rows(whole.curve.json)));
    const iters = (s: typeof whole) =>
      s.checkpoints.map((c) => (loadCheckpointFile(c.path).training as { iterations: number }).iterations);
    assert.deepEqual(iters(whole), [2, 4, 6, 6]);
    assert.deepEqual(iters(second), [4, 6, 6]);
  });

  it('every checkpoint gets its own name, across snapshots, the final one, and runs', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ludus-resume-'));
    const a = await runTraining(options(out, 'run-a', 2));
    const b = await runTraining(options(out, 'run-b', 2));
    const names = [...a.checkpoints, ...b.checkpoints].map((c) => loadCheckpointFile(c.path).name);
    assert.equal(new Set(names).size, names.length, names.join(' '));
    assert.ok(names.includes('run-a-i2-final'));
  });
});

describe('ludus train --resume (CLI)', () => {
  const BIN = new URL('../../bin/ludus.js', import.meta.url).pathname;
  const ludus = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  const common = [
    '--game',
    'ipd',
    '--turns',
    '7',
    '--envs',
    '2',
    '--steps',
    '20',
    '--hidden',
    '8',
    '--eval',
    'tft',
    '--eval-every',
    '1it',
    '--eval-matches',
    '2',
    '--snapshot-every',
    '2it',
    '--opponents',
    'tft,random',
    '--json',
  ];

  it('continues the run with its settings and counters, exactly, and says so; an override is announced', () => {
    const out = mkdtempSync(join(tmpdir(), 'ludus-resume-cli-'));
    const whole = JSON.parse(
      ludus('train', ...common, '--lr', '0.003', '--seed', '4', '--iterations', '4', '--out', out).stdout,
    );
    const half = JSON.parse(
      ludus('train', ...common, '--lr', '0.003', '--seed', '4', '--iterations', '2', '--out', out).stdout,
    );
    // No --lr, no --seed: the checkpoint's own settings are used.
    const r = ludus('train', ...common, '--iterations', '2', '--resume', half.checkpoints.at(-1).path, '--out', out);
    assert.equal(r.status, 0, r.stderr);
    const rest = JSON.parse(r.stdout);
    assert.equal(rest.iterations, 4);
    assert.equal(rest.config.lr, 0.003);
    assert.equal(rest.config.seed, 4);
    assert.ok(
      rest.notes.some((n: string) => /exact/.test(n) && !/NOT/.test(n)),
      rest.notes.join('\n'),
    );
    assert.ok(rest.notes.some((n: string) => /2 more iterations \(to 4\)/.test(n)));
    const w = (s: { checkpoints: { path: string }[] }) => loadCheckpointFile(s.checkpoints.at(-1)!.path).weights;
    assert.equal(w(rest), w(whole));
    const o = ludus(
      'train',
      ...common,
      '--iterations',
      '1',
      '--lr',
      '0.001',
      '--resume',
      half.checkpoints.at(-1).path,
      '--out',
      out,
    );
    assert.equal(o.status, 0, o.stderr);
    assert.ok(
      JSON.parse(o.stdout).notes.some((n: string) => /--lr overrides the checkpoint's lr 0\.003 → 0\.001/.test(n)),
    );
  });

  it('an explicit iteration budget cut by an explicit --minutes says so loudly', () => {
    const out = mkdtempSync(join(tmpdir(), 'ludus-resume-cli-'));
    const r = ludus('train', ...common, '--iterations', '3', '--minutes', '0', '--out', out);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).stoppedBy, 'minutes');
    assert.match(r.stderr, /STOPPED EARLY at iteration 0 of 3: the --minutes 0 budget ran out first/);
    const full = JSON.parse(ludus('train', ...common, '--iterations', '3', '--out', out).stdout);
    assert.equal(full.stoppedBy, 'iterations');
  });
});
