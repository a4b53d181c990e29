import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { selectBackend } from '../../agents/policy/backend.ts';
import { getAgent } from '../../agents/registry.ts';
import { compareAttacks } from '../../agents/adversary/compare.ts';
import type { AttackPoint } from '../../agents/adversary/attack.ts';
import { DEFAULT_TRAIN } from '../../agents/train/ppo.ts';
import { runTraining } from '../../agents/train/session.ts';
import { parseConfig } from '../../games/core/kernel.ts';
import { getGame } from '../../games/index.ts';

before(async () => {
  await selectBackend({ log: null });
});

const BIN = new URL('../../bin/ludus.js', import.meta.url).pathname;
const ludus = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

const pt = (envSteps: number, score: number): AttackPoint => ({
  iteration: envSteps / 100,
  envSteps,
  seconds: 0,
  score: { estimate: score, low: score - 0.05, high: score + 0.05 },
  payoff: 0,
  victimPayoff: 0,
});
const attack = (curve: AttackPoint[], final: number, half = 0.05) => ({
  game: 'sumo',
  budget: { envSteps: 1000 },
  curve,
  final: {
    matches: 200,
    score: { estimate: final, low: final - half, high: final + half },
    payoff: { estimate: 0, low: 0, high: 0 },
    victimPayoff: 0,
  },
});

describe('defence by adversarial training', () => {
  it('compares two attacks with the same budget: a lower final value, or more budget to reach the same value', () => {
    const before = attack([pt(0, 0.3), pt(500, 0.9), pt(1000, 0.9)], 0.9);
    const lower = compareAttacks(before, attack([pt(0, 0.3), pt(1000, 0.6)], 0.6));
    assert.equal(lower.harder, true);
    assert.match(lower.verdict, /fell from 0\.900 to 0\.600/);
    const slower = compareAttacks(before, attack([pt(0, 0.3), pt(500, 0.5), pt(1000, 0.9)], 0.88));
    assert.equal(slower.harder, true);
    assert.deepEqual(slower.stepsToReach, { before: 500, after: 1000 });
    const never = compareAttacks(before, attack([pt(0, 0.3), pt(1000, 0.85)], 0.87));
    assert.equal(never.harder, true);
    assert.equal(never.stepsToReach.after, null);
    const same = compareAttacks(before, attack([pt(0, 0.3), pt(500, 0.9), pt(1000, 0.9)], 0.9));
    assert.equal(same.harder, false);
    assert.equal(same.sameBudget, true);
  });

  it('a training run with adversaries draws them for their share of episodes and records them in the checkpoint', async () => {
    const ipd = getGame('ipd');
    const config = parseConfig(ipd, { turns: 10 });
    const out = mkdtempSync(join(tmpdir(), 'ludus-defence-'));
    const opponents = new Set<string>();
    const summary = await runTraining({
      game: ipd,
      config,
      train: { ...DEFAULT_TRAIN, envs: 4, stepsPerEnv: 30, hidden: [8] },
      minutes: Infinity,
      maxIterations: 3,
      selfplay: 'none',
      window: 1,
      weighting: 'squared',
      baselineShare: 0,
      opponents: [getAgent('ipd', 'tft')],
      adversaries: {
        specs: [{ ...getAgent('ipd', 'alld'), id: 'adv-x', meta: { checkpoint: 'adv-x-ck' } }],
        share: 0.5,
      },
      evalAgainst: [],
      evalEvery: { iterations: 100 },
      evalMatches: 1,
      snapshotEvery: { iterations: 100 },
      out,
      run: 'defence-test',
      onIteration: (m) => m.episodes.forEach((e) => opponents.add(e.opponent!)),
    });
    assert.deepEqual([...opponents].sort(), ['adv-x', 'tft']);
    const rec = JSON.parse(readFileSync(summary.checkpoints.at(-1)!.path, 'utf8'));
    assert.equal(rec.training.role, 'adversarial-training');
    assert.deepEqual(rec.training.adversaries, ['adv-x-ck']);
  });

  it('CLI: attack a victim, defend it with ludus train --adversarial, re-attack with the same budget and compare', () => {
    const out = mkdtempSync(join(tmpdir(), 'ludus-defence-'));
    const small = ['--envs', '2', '--steps', '20', '--turns', '10', '--out', out, '--json'];
    const t = ludus('train', '--game', 'ipd', '--iterations', '2', '--eval', 'tft', '--eval-matches', '2', ...small);
    assert.equal(t.status, 0, t.stderr);
    const victim = JSON.parse(t.stdout).checkpoints.at(-1).path as string;
    const atk = [
      'attack',
      '--game',
      'ipd',
      '--budget',
      '2it',
      '--eval-matches',
      '4',
      '--eval-points',
      '2',
      '--final-matches',
      '20',
      ...small,
    ];
    const a1 = ludus(...atk, '--victim', victim);
    assert.equal(a1.status, 0, a1.stderr);
    const first = JSON.parse(a1.stdout);
    assert.ok(first.budgetFraction > 0, 'the victim checkpoint records its training steps');
    const d = ludus(
      'train',
      '--game',
      'ipd',
      '--iterations',
      '2',
      '--resume',
      victim,
      '--adversarial',
      first.adversary.path,
      '--eval-matches',
      '2',
      ...small,
    );
    assert.equal(d.status, 0, d.stderr);
    const defended = JSON.parse(d.stdout);
    assert.ok(
      defended.finalEval.some((l: { opponent: string }) => l.opponent === first.adversary.name),
      'evaluated against its adversary too',
    );
    const a2 = ludus(...atk, '--victim', defended.checkpoints.at(-1).path, '--compare', first.result);
    assert.equal(a2.status, 0, a2.stderr);
    const second = JSON.parse(a2.stdout);
    assert.equal(second.comparison.sameBudget, true);
    assert.equal(typeof second.comparison.harder, 'boolean');
    const noResume = ludus(
      'train',
      '--game',
      'ipd',
      '--iterations',
      '1',
      '--adversarial',
      first.adversary.path,
      ...small,
    );
    assert.equal(noResume.status, 2);
    assert.match(noResume.stderr, /--resume/);
  });
});
