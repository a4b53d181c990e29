import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { selectBackend } from '../../agents/policy/backend.ts';
import { policyAgent } from '../../agents/policy/checkpoint.ts';
import { randomAgent } from '../../agents/core/random.ts';
import { evaluateAgainst } from '../../agents/train/evaluate.ts';
import { DEFAULT_TRAIN, PpoLearner, type TrainConfig } from '../../agents/train/ppo.ts';
import { fixedOpponents, OpponentPool } from '../../agents/train/selfplay.ts';
import { splitEnvs } from '../../agents/train/workers.ts';
import { ppoConfigFrom } from '../../cli/commands/train.ts';
import { UsageError } from '../../cli/output.ts';
import { tinyGame } from '../support/tiny-game.ts';

before(async () => {
  await selectBackend({ log: null });
});

// The tiny game is not in the registry: workers import it from its module.
const gameModule = { url: new URL('../support/tiny-game.ts', import.meta.url).href, name: 'tinyGame' };
const config = tinyGame.configSchema.parse({ rounds: 3 });
const random = randomAgent(['tiny']);
// As in ppo-learning.test.ts, with the envs split over 2 worker threads.
const cfg: TrainConfig = { ...DEFAULT_TRAIN, envs: 8, stepsPerEnv: 32, lr: 3e-3, hidden: [32], seed: 3, workers: 2 };

function learner(c = cfg) {
  return new PpoLearner(tinyGame, config, c, {
    opponents: fixedOpponents([random]),
    pickOpponent: () => ({ id: 'random', spec: random }),
    gameModule,
  });
}

describe('rollouts in worker threads', () => {
  it('splits the envs as evenly as possible and refuses more workers than envs', () => {
    assert.deepEqual(splitEnvs(16, 2), [8, 8]);
    assert.deepEqual(splitEnvs(5, 2), [3, 2]);
    assert.throws(() => splitEnvs(1, 2), /at least 2 envs/);
  });

  it('two runs with the same seed and 2 workers give identical weights; env steps per iteration = envs × steps', () => {
    const runs = [learner(), learner()];
    try {
      const logs = runs.map((l) => Array.from({ length: 3 }, () => l.iterate()));
      assert.deepEqual(
        logs[0]!.map((m) => m.envSteps),
        [8 * 32, 8 * 32, 8 * 32],
      );
      assert.deepEqual(runs[0]!.snapshot(), runs[1]!.snapshot());
      assert.deepEqual(
        logs[0]!.map((m) => m.policyLoss),
        logs[1]!.map((m) => m.policyLoss),
      );
    } finally {
      runs.forEach((l) => l.dispose());
    }
  });

  it('learns on the tiny game as in-process collection does: the score against random rises above chance', () => {
    const l = learner();
    try {
      const log = Array.from({ length: 25 }, () => l.iterate());
      const after = evaluateAgainst(
        tinyGame,
        config,
        policyAgent(l.arch, l.snapshot(), { id: 'ppo', game: 'tiny' }),
        [random],
        200,
        1,
      )[0]!;
      assert.ok(after.score.low > 0.55, `trained score ${JSON.stringify(after.score)}`);
      assert.ok(log.at(-1)!.entropy < log[0]!.entropy, 'the policy becomes more decided');
      assert.ok(log.every((m) => m.episodes.length > 0 && m.episodes.every((e) => e.opponent === 'random')));
    } finally {
      l.dispose();
    }
  });

  it('self-play with a window pool: snapshots reach the workers as weights and are drawn; outcomes flow back', () => {
    const pool = new OpponentPool([random], {
      sampling: 'window',
      window: 2,
      weighting: 'squared',
      baselineShare: 0.2,
      maxSnapshots: 3,
    });
    // 5 envs: an uneven split (3 + 2) that must still collect every env.
    const l = new PpoLearner(
      tinyGame,
      config,
      { ...cfg, envs: 5, stepsPerEnv: 16 },
      { opponents: pool, pickOpponent: (r) => pool.pick(r), gameModule },
    );
    try {
      const seen = new Set<string>();
      for (let k = 1; k <= 6; k++) {
        const m = l.iterate();
        assert.equal(m.envSteps, 5 * 16);
        pool.record(m.episodes);
        for (const e of m.episodes) seen.add(e.opponent!);
        const weights = l.snapshot();
        pool.add({ id: `s${k}`, spec: policyAgent(l.arch, weights, { id: `s${k}`, game: 'tiny' }), weights });
      }
      const snapshotsPlayed = [...seen].filter((id) => id !== 'random');
      assert.ok(snapshotsPlayed.length >= 2, `opponents seen: ${[...seen].join(', ')}`);
      assert.ok(
        snapshotsPlayed.every((id) => /^s[1-5]$/.test(id)),
        [...seen].join(', '),
      );
      assert.ok(
        pool.payoff.toJSON()[`learner vs ${snapshotsPlayed[0]}`]!.games > 0,
        "PFSP statistics get the workers' outcomes",
      );
    } finally {
      l.dispose();
    }
  });

  it('a worker that cannot start fails the iteration with its error instead of hanging', () => {
    const l = new PpoLearner(tinyGame, config, cfg, {
      opponents: fixedOpponents([random]),
      gameModule: { ...gameModule, name: 'noSuchGame' },
    });
    try {
      assert.throws(() => l.iterate(), /worker 0: .*could not load game tiny/s);
    } finally {
      l.dispose();
    }
  });
});

const BIN = new URL('../../bin/ludus.js', import.meta.url).pathname;
const env = { ...process.env, LUDUS_PROGRESS: '0' };
const ludus = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env });
/** The same, several at once (the bad-input cases fail fast; their cost is starting node). */
const ludusAsync = (...args: string[]) =>
  new Promise<{ status: number | null; stderr: string }>((resolve) => {
    execFile(process.execPath, [BIN, ...args], { encoding: 'utf8', env }, (e, _out, stderr) =>
      resolve({ status: e ? (e.code as number) : 0, stderr }),
    );
  });

describe('ludus train --workers (CLI)', () => {
  it('trains with 2 workers and self-play; the curve has collect_ms and update_ms', () => {
    const out = mkdtempSync(join(tmpdir(), 'ludus-workers-'));
    const r = ludus(
      'train',
      '--game',
      'ipd',
      '--workers',
      '2',
      '--selfplay',
      'window',
      '--iterations',
      '3',
      '--snapshot-every',
      '1it',
      '--eval-every',
      '3it',
      '--envs',
      '3',
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
    );
    assert.equal(r.status, 0, r.stderr);
    const summary = JSON.parse(r.stdout);
    assert.equal(summary.envSteps, 3 * 3 * 16);
    assert.equal(summary.config.workers, 2);
    const csv = readFileSync(summary.curve.csv, 'utf8').split('\n');
    assert.match(csv[0]!, /,collect_ms,update_ms,/);
    assert.equal(csv.filter(Boolean).length, 4);
  });

  it('a bad --workers is one line on stderr and exit code 2; ludus league refuses --workers > 1', async () => {
    const cases = [
      [['train', '--game', 'ipd', '--workers', '0'], /^ludus: --workers must be at least 1, got 0\n$/],
      [['train', '--game', 'ipd', '--workers', 'x'], /^ludus: --workers must be a number, got "x"\n$/],
      [['league', '--game', 'ipd', '--workers', '2'], /^ludus: --workers is not available for ludus league: .*\n$/],
    ] as const;
    const results = await Promise.all(cases.map(([args]) => ludusAsync(...args)));
    results.forEach((r, i) => {
      assert.equal(r.status, 2, `${cases[i]![0].join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, cases[i]![1]);
    });
    assert.throws(
      () => ppoConfigFrom({ workers: '17' }),
      (e: Error) => e instanceof UsageError && /--workers 17 exceeds --envs 16/.test(e.message),
    );
    assert.equal(
      ppoConfigFrom({ workers: '1' }).workers,
      undefined,
      'in-process runs record the same config as before',
    );
    assert.equal(ppoConfigFrom({ workers: '4', envs: '8' }).workers, 4);
  });
});
