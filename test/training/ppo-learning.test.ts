import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { selectBackend } from '../../agents/policy/backend.ts';
import { policyAgent } from '../../agents/policy/checkpoint.ts';
import { randomAgent } from '../../agents/core/random.ts';
import { evaluateAgainst } from '../../agents/train/evaluate.ts';
import { DEFAULT_TRAIN, PpoLearner, type TrainConfig } from '../../agents/train/ppo.ts';
import { OpponentPool } from '../../agents/train/selfplay.ts';
import { League } from '../../agents/train/league.ts';
import { getGame } from '../../games/index.ts';
import { tinyGame } from '../support/tiny-game.ts';

before(async () => {
  await selectBackend({ log: null });
});

// "Secret guess": seat 0 sees the secret and can learn to always score; random guessing wins
// 1/4 of the rounds. Small and fast, so learning shows within seconds.
const config = tinyGame.configSchema.parse({ rounds: 3 });
const random = randomAgent(['tiny']);
const cfg: TrainConfig = { ...DEFAULT_TRAIN, envs: 8, stepsPerEnv: 32, lr: 3e-3, hidden: [32], seed: 3 };

function train(iterations: number, c = cfg) {
  const learner = new PpoLearner(tinyGame, config, c, { pickOpponent: () => ({ id: 'random', spec: random }) });
  const log = Array.from({ length: iterations }, () => learner.iterate());
  return { learner, log };
}

describe('PPO', () => {
  it('learns on a fixed seed: the loss falls and the win rate against random rises above chance', () => {
    const { learner, log } = train(25);
    const before = evaluateAgainst(
      tinyGame,
      config,
      policyAgent(learner.arch, initialOf(cfg), { id: 'init', game: 'tiny' }),
      [random],
      200,
      1,
    )[0]!;
    const after = evaluateAgainst(
      tinyGame,
      config,
      policyAgent(learner.arch, learner.snapshot(), { id: 'ppo', game: 'tiny' }),
      [random],
      200,
      1,
    )[0]!;
    // Chance level: the initial (near-uniform) policy is no better than random.
    assert.ok(before.score.high > 0.4 && before.score.low < 0.6, `initial score ${JSON.stringify(before.score)}`);
    // Ceiling ≈ 0.72: as seat 1 the secret is hidden and the best policy is a coin flip.
    assert.ok(after.score.low > 0.55, `trained score ${JSON.stringify(after.score)}`);
    const early = log.slice(0, 3).reduce((a, m) => a + m.lossFirst, 0) / 3;
    const late = log.slice(-3).reduce((a, m) => a + m.lossLast, 0) / 3;
    assert.ok(late < early, `loss ${early} → ${late}`);
    assert.ok(log[log.length - 1]!.entropy < log[0]!.entropy, 'the policy becomes more decided');
    learner.dispose();
  });

  it('repeats exactly for the same seed, and differs for another', () => {
    const a = train(3).learner;
    const b = train(3).learner;
    const c = train(3, { ...cfg, seed: 4 }).learner;
    assert.deepEqual(a.snapshot(), b.snapshot());
    assert.notDeepEqual(a.snapshot(), c.snapshot());
    [a, b, c].forEach((l) => l.dispose());
  });

  it('trains a Gaussian policy on a box action space (sumo, continuous) without NaNs', () => {
    const sumo = getGame('sumo');
    const sc = sumo.configSchema.parse({ maxSteps: 40 });
    const learner = new PpoLearner(
      sumo,
      sc,
      { ...cfg, envs: 4, stepsPerEnv: 40 },
      { pickOpponent: () => ({ id: 'random', spec: randomAgent(['sumo']) }) },
    );
    const m = learner.iterate();
    assert.equal(learner.arch.head.kind, 'gaussian');
    assert.ok(Number.isFinite(m.policyLoss) && Number.isFinite(m.valueLoss) && Number.isFinite(m.approxKl));
    assert.ok(learner.snapshot().every(Number.isFinite));
    learner.dispose();
  });
});

describe('self-play and league plumbing', () => {
  it('self-play draws past snapshots uniformly from the recent window', () => {
    const pool = new OpponentPool([], {
      sampling: 'window',
      window: 2,
      weighting: 'squared',
      baselineShare: 0,
      maxSnapshots: 10,
    });
    for (const id of ['s1', 's2', 's3']) pool.add({ id, spec: random });
    const d = pool.snapshotDistribution();
    assert.deepEqual(
      d.candidates.map((c) => c.id),
      ['s2', 's3'],
    );
    assert.deepEqual(d.probs, [0.5, 0.5]);
  });

  it('a tiny league runs, fills the payoff table and takes snapshots under the step rule', () => {
    const league = new League(tinyGame, config, {
      mains: 1,
      mainExploiters: 1,
      leagueExploiters: 1,
      minSnapshotSteps: 100,
      train: { ...cfg, envs: 4, stepsPerEnv: 16 },
      seed: 1,
      run: 't',
      references: [random],
      evalMatches: 10,
    });
    assert.deepEqual(
      league.players.map((p) => p.kind),
      ['main', 'main-exploiter', 'league-exploiter', 'historical'],
    );
    const steps = Array.from({ length: 12 }, () => league.step());
    const snaps = steps.filter((s) => s.snapshot);
    assert.ok(snaps.length >= 1, 'at 64 env steps per iteration, each learner passes 2×100 steps by its 4th turn');
    for (const s of snaps) {
      if (s.role === 'main-exploiter') assert.equal(s.snapshot!.reset, true);
      if (s.role === 'main') {
        assert.equal(s.snapshot!.reset, false);
        assert.equal(s.snapshot!.evaluation![0]!.opponent, 'random');
      }
    }
    assert.deepEqual(new Set(snaps.map((s) => s.role)), new Set(['main', 'main-exploiter', 'league-exploiter']));
    const played = Object.entries(league.payoff.toJSON()).filter(([k]) => k.startsWith('main0 vs '));
    // The main agent's own matches: against itself or frozen snapshots (exploiters' games against
    // it appear as 'main0 vs mx0' from the other side and are allowed too).
    assert.ok(
      played.some(([k, v]) => /^main0 vs (main0|t-\w+-s\d+)$/.test(k) && v.games > 0),
      played.map(([k]) => k).join(', ') || 'no games',
    );
    assert.ok(
      played.every(([k]) => /^main0 vs (main0|mx0|lx0|t-\w+-s\d+)$/.test(k)),
      played.map(([k]) => k).join(', '),
    );
    league.dispose();
  });
});

describe('league exploiters', () => {
  it("with exploiterStart 'main', a reset exploiter restarts as a copy of the main agent, and every exploiter snapshot is scored against the main agent", () => {
    const league = new League(tinyGame, config, {
      mains: 1,
      mainExploiters: 1,
      leagueExploiters: 0,
      minSnapshotSteps: 100,
      train: { ...cfg, envs: 4, stepsPerEnv: 16 },
      seed: 2,
      run: 'x',
      references: [random],
      evalMatches: 12,
      exploiterStart: 'main',
    });
    const main = league.learning.find((l) => l.player.kind === 'main')!;
    const mx = league.learning.find((l) => l.player.kind === 'main-exploiter')!;
    let checked = 0;
    for (let i = 0; i < 16; i++) {
      const s = league.step();
      if (s.role !== 'main-exploiter' || !s.snapshot) continue;
      assert.equal(s.snapshot.reset, true);
      assert.equal(s.snapshot.vsMain!.opponent, 'main0');
      assert.equal(s.snapshot.vsMain!.matches, 12);
      assert.deepEqual(
        (s.snapshot.record.training as { vsMain: { score: number } }).vsMain.score,
        s.snapshot.vsMain!.score.estimate,
      );
      assert.deepEqual(
        Array.from(mx.learner.params),
        Array.from(main.learner.snapshot()),
        'restarted from the main agent (weights and normaliser)',
      );
      checked++;
    }
    assert.ok(checked >= 1, 'the main exploiter took a snapshot');
    league.dispose();
  });
});

function initialOf(c: TrainConfig): Float32Array {
  const l = new PpoLearner(tinyGame, config, c, { pickOpponent: () => ({ id: 'random', spec: random }) });
  const p = l.snapshot();
  l.dispose();
  return p;
}
