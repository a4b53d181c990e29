import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const BIN = new URL('../../bin/ludus.js', import.meta.url).pathname;
const ludus = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, LUDUS_PROGRESS: '0' } });

describe('ludus train (CLI)', () => {
  it('writes a checkpoint and a curve, and --resume continues from it with the parent recorded', () => {
    const out = mkdtempSync(join(tmpdir(), 'ludus-train-'));
    const small = [
      '--game',
      'ipd',
      '--iterations',
      '2',
      '--envs',
      '2',
      '--steps',
      '16',
      '--turns',
      '10',
      '--eval',
      'tft',
      '--eval-matches',
      '2',
      '--out',
      out,
      '--json',
    ];
    const a = ludus('train', ...small);
    assert.equal(a.status, 0, a.stderr);
    const first = JSON.parse(a.stdout);
    assert.equal(first.iterations, 2);
    const ckPath = first.checkpoints.at(-1).path as string;
    const rec = JSON.parse(readFileSync(ckPath, 'utf8'));
    assert.equal(rec.game, 'ipd');
    assert.equal((rec.config as { turns: number }).turns, 10);
    assert.match(readFileSync(first.curve.csv, 'utf8'), /^iteration,seconds,env_steps,mean_return/);
    const b = ludus('train', ...small, '--resume', ckPath);
    assert.equal(b.status, 0, b.stderr);
    const second = JSON.parse(b.stdout);
    const rec2 = JSON.parse(readFileSync(second.checkpoints.at(-1).path, 'utf8'));
    assert.equal(rec2.parent, rec.id);
  });

  it('with iteration schedules, a self-play run is a pure function of its seed: two runs give identical checkpoints', () => {
    type Ck = { weights: string; training: { iterations: number } };
    const run = (): Ck[] => {
      const out = mkdtempSync(join(tmpdir(), 'ludus-train-'));
      const r = ludus(
        'train',
        '--game',
        'ipd',
        '--selfplay',
        'window',
        '--iterations',
        '4',
        '--snapshot-every',
        '1it',
        '--eval-every',
        '2it',
        '--envs',
        '2',
        '--steps',
        '16',
        '--turns',
        '10',
        '--eval',
        'tft',
        '--eval-matches',
        '2',
        '--seed',
        '7',
        '--out',
        out,
        '--json',
      );
      assert.equal(r.status, 0, r.stderr);
      const summary = JSON.parse(r.stdout);
      return summary.checkpoints.map((c: { path: string }) => JSON.parse(readFileSync(c.path, 'utf8')) as Ck);
    };
    const a = run();
    const b = run();
    assert.deepEqual(
      a.map((c) => c.training.iterations),
      [1, 2, 3, 4, 4],
      'a snapshot every iteration, plus the final one',
    );
    assert.deepEqual(
      a.map((c) => c.weights),
      b.map((c) => c.weights),
    );
  });

  it('league: --iterations bounds the learner iterations', () => {
    const out = mkdtempSync(join(tmpdir(), 'ludus-league-'));
    const r = ludus(
      'league',
      '--game',
      'ipd',
      '--set',
      'turns=10',
      '--iterations',
      '3',
      '--envs',
      '2',
      '--steps',
      '16',
      '--min-snapshot-steps',
      '1000000',
      '--references',
      'tft',
      '--eval-matches',
      '2',
      '--out',
      out,
      '--json',
    );
    assert.equal(r.status, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.equal(json.turns, 3);
    // The arena's estimates of the frozen players are part of the summary.
    assert.ok(json.ratings.rows.some((x: { agentId: string }) => x.agentId === 'tft'));
  });

  it('bad input is one line on stderr and exit code 2', () => {
    const r = ludus('train', '--game', 'ipd', '--algo', 'dqn');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^ludus: --algo dqn is not available/);
    const e = ludus('train', '--game', 'ipd', '--eval-every', 'soon');
    assert.equal(e.status, 2);
    assert.match(e.stderr, /^ludus: --eval-every must be seconds .* or iterations/);
  });
});
