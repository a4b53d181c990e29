import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { selectBackend } from '../../agents/policy/backend.ts';
import { architectureFor } from '../../agents/policy/architecture.ts';
import { makeCheckpoint } from '../../agents/policy/checkpoint.ts';
import { initParams } from '../../agents/policy/params.ts';
import { getAgent } from '../../agents/registry.ts';
import { parseBudget, runAttack, type AttackSpec } from '../../agents/adversary/attack.ts';
import { publicGoodsBestResponse } from '../../agents/adversary/best-response.ts';
import { parseConfig } from '../../games/core/kernel.ts';
import { getGame } from '../../games/index.ts';
import { actInfo } from '../../agents/train/rollout.ts';
import { Rng } from '../../games/core/rng.ts';

before(async () => {
  await selectBackend({ log: null });
});

const ipd = getGame('ipd');
const ipd20 = parseConfig(ipd, { turns: 20 });
const small = { envs: 8, stepsPerEnv: 64, lr: 3e-3, hidden: [32] };
const spec = (victim: string, iterations: number, seed = 1): AttackSpec => ({
  game: ipd,
  config: ipd20,
  victim: { kind: 'builtin', spec: getAgent('ipd', victim) },
  budget: { iterations },
  seed,
  train: small,
  evalMatches: 40,
  evalPoints: 4,
  finalMatches: 100,
});

describe('adversarial attack (agents/adversary)', () => {
  it('acceptance: against a weak, exploitable victim (ALLC) the adversary rises above its start and the victim’s own value, to within 5 % of the exact best response', async () => {
    const r = await runAttack(spec('allc', 16));
    assert.equal(r.stopped, 'budget');
    assert.equal(r.iterations, 16);
    assert.equal(r.envSteps, 16 * 8 * 64);
    // The untrained adversary cooperates about half the time: ≈ 20 × (3 + 5) / 2 = 80.
    assert.ok(r.initial.payoff < 90, `initial payoff ${r.initial.payoff}`);
    // ALLC against itself earns 3 a turn = 60; the best response (always D) earns 5 a turn = 100.
    assert.equal(r.victimSelfPlay.payoff, 60);
    assert.equal(r.bestResponse!.payoff, 100);
    assert.ok(
      r.final.payoff.low > r.initial.payoff,
      `final ${JSON.stringify(r.final.payoff)} vs initial ${r.initial.payoff}`,
    );
    assert.ok(r.final.payoff.low > r.victimSelfPlay.payoff);
    assert.ok(r.bestResponse!.relativeGap < 0.05, `gap ${r.bestResponse!.relativeGap}`);
    // The curve rises: its last point is above its first, every point has a Wilson interval.
    assert.ok(r.curve.at(-1)!.payoff > r.curve[0]!.payoff);
    for (const p of r.curve) assert.ok(p.score.low <= p.score.estimate && p.score.estimate <= p.score.high);
    // The adversary's lineage names its victim.
    const t = r.adversary.training as Record<string, any>;
    assert.equal(t.role, 'adversary');
    assert.equal(t.victim.id, 'allc');
    assert.equal(t.victim.kind, 'builtin');
    assert.equal(r.budgetFraction, null);
  });

  it('a seed repeats the attack exactly; every adversary gets its own checkpoint identity', async () => {
    const a = await runAttack(spec('tft', 2, 5));
    const b = await runAttack(spec('tft', 2, 5));
    assert.equal(a.adversary.weights, b.adversary.weights);
    assert.deepEqual(
      a.curve.map((p) => p.payoff),
      b.curve.map((p) => p.payoff),
    );
    assert.notEqual(a.adversary.id, b.adversary.id);
    assert.notEqual(a.adversary.name, b.adversary.name);
  });

  it('an aborted job returns a resume state; resuming spends exactly the rest of the budget and ends with the uninterrupted adversary', async () => {
    const ac = new AbortController();
    const part = await runAttack(spec('tft', 6), {
      signal: ac.signal,
      onProgress: (p) => p.iteration >= 2 && ac.abort(),
    });
    assert.equal(part.stopped, 'aborted');
    assert.equal(part.iterations, 2);
    assert.ok(part.resume);
    const rest = await runAttack(spec('tft', 6), { resumeFrom: part.resume });
    assert.equal(rest.stopped, 'budget');
    assert.equal(rest.iterations, 6);
    assert.equal(rest.envSteps, 6 * 8 * 64);
    assert.deepEqual(rest.curve.slice(0, part.curve.length), part.curve);
    const whole = await runAttack(spec('tft', 6));
    assert.equal(rest.adversary.weights, whole.adversary.weights, 'resumed = uninterrupted, bit for bit');
    assert.deepEqual(
      rest.curve.map((p) => p.payoff),
      whole.curve.map((p) => p.payoff),
    );
    assert.equal(rest.adversary.id.split('-i')[0], part.adversary.id.split('-i')[0], 'the same job keeps its identity');
  });

  it('against a checkpoint victim, the budget is reported as a fraction of the victim’s training steps', async () => {
    const arch = architectureFor(ipd.obsSize(ipd20), ipd.actionSpace(ipd20), { hidden: [8], history: 1 });
    const record = makeCheckpoint({
      id: 'victim-1',
      name: 'ppo-ipd-victim',
      game: 'ipd',
      config: ipd20,
      architecture: arch,
      params: initParams(arch, 3),
      training: { algo: 'ppo', envSteps: 100_000 },
    });
    const r = await runAttack({ ...spec('tft', 1), victim: { kind: 'checkpoint', record }, finalMatches: 10 });
    assert.equal(r.envSteps, 512);
    assert.equal(r.victimTrainingSteps, 100_000);
    assert.equal(r.budgetFraction, 512 / 100_000);
    assert.equal((r.adversary.training as any).victim.checkpoint, 'victim-1');
    assert.equal(r.bestResponse, null, 'a network is not a memory-one strategy: no exact reference');
  });

  for (const [gameId, victim] of [
    ['sumo', 'rusher'],
    ['vgc', 'heuristic'],
    ['public-goods', 'conditional-cooperator'],
  ] as const) {
    it(`runs on ${gameId} (a family of its own) against ${victim}`, async () => {
      const game = getGame(gameId);
      const config = parseConfig(game, {});
      const r = await runAttack({
        game,
        config,
        victim: { kind: 'builtin', spec: getAgent(gameId, victim) },
        budget: { envSteps: 32 },
        seed: 1,
        train: { envs: 2, stepsPerEnv: 16, hidden: [8] },
        evalMatches: 2,
        evalPoints: 1,
        finalMatches: 2,
      });
      assert.equal(r.envSteps, 32);
      assert.equal(r.curve.length, 2);
      assert.equal((r.adversary.training as any).victim.id, victim);
      assert.equal(
        r.bestResponse === null,
        gameId !== 'public-goods',
        'an exact reference exactly where one is computable',
      );
    });
  }

  it('refuses a victim of another game with a typed error', async () => {
    await assert.rejects(
      runAttack({ ...spec('tft', 1), victim: { kind: 'builtin', spec: getAgent('sumo', 'rusher') } }),
      (e: any) => e.code === 'UNKNOWN_AGENT',
    );
  });

  it('parses budgets in env steps, iterations and minutes', () => {
    assert.deepEqual(parseBudget('200000'), { envSteps: 200000 });
    assert.deepEqual(parseBudget('200k'), { envSteps: 200000 });
    assert.deepEqual(parseBudget('2M'), { envSteps: 2e6 });
    assert.deepEqual(parseBudget('50it'), { iterations: 50 });
    assert.deepEqual(parseBudget('1.5min'), { minutes: 1.5 });
    for (const bad of ['', '0', '-5', '1.5it', 'ten', '5m']) assert.equal(parseBudget(bad), null, bad);
  });
});

describe('exact best response in public goods', () => {
  const pg = getGame('public-goods');
  // Every contribution sequence of seat 0 against the victim in the other seats, simulated.
  function bruteForce(config: any, victimId: string): number {
    const victim = getAgent('public-goods', victimId);
    const n = pg.numSeats(config);
    const levels = pg.mask(pg.init(config, 1), 0).length;
    let best = -Infinity;
    const total = levels ** config.rounds;
    for (let code = 0; code < total; code++) {
      let state = pg.init(config, 1);
      const cs = Array.from({ length: n }, (_, s) => victim.create({ game: pg, config, seat: s, rng: Rng.seeded(s) }));
      let k = code;
      let mine = 0;
      while (!pg.isTerminal(state)) {
        const joint = cs.map((c, s) => (s === 0 ? undefined : c.act(pg.observe(state, s), actInfo(pg, state, s, 0))));
        joint[0] = pg.indexToAction(state, 0, k % levels);
        k = Math.floor(k / levels);
        const r = pg.step(state, joint);
        mine += r.rewards[0]!;
        state = r.state;
      }
      best = Math.max(best, mine);
    }
    return best;
  }

  for (const victim of ['conditional-cooperator', 'tit-for-tat-group', 'free-rider']) {
    it(`dynamic programming equals exhaustive search against ${victim} (3 players, 4 rounds, endowment 3)`, () => {
      const config = parseConfig(pg, { players: 3, rounds: 4, endowment: 3, mpcr: 0.5 });
      const br = publicGoodsBestResponse(pg, config, getAgent('public-goods', victim))!;
      assert.ok(Math.abs(br.payoff - bruteForce(config, victim)) < 1e-9, `${br.payoff}`);
    });
  }

  it('refuses what it cannot solve exactly: a punishment stage, probEnd, or a victim that is not a last-round strategy', () => {
    const cc = getAgent('public-goods', 'conditional-cooperator');
    assert.equal(publicGoodsBestResponse(pg, parseConfig(pg, { punishment: true }), cc), null);
    assert.equal(publicGoodsBestResponse(pg, parseConfig(pg, { probEnd: 0.1 }), cc), null);
    assert.equal(publicGoodsBestResponse(pg, parseConfig(pg, {}), getAgent('public-goods', 'punisher')), null);
  });
});

describe('ludus attack (CLI)', () => {
  it('trains, prints the result as JSON, and writes the adversary checkpoint and the result file', () => {
    const out = mkdtempSync(join(tmpdir(), 'ludus-attack-'));
    const bin = new URL('../../bin/ludus.js', import.meta.url).pathname;
    const r = spawnSync(
      process.execPath,
      [
        bin,
        'attack',
        '--game',
        'ipd',
        '--victim',
        'alld',
        '--turns',
        '10',
        '--budget',
        '2it',
        '--envs',
        '2',
        '--steps',
        '16',
        '--eval-matches',
        '4',
        '--final-matches',
        '10',
        '--out',
        out,
        '--json',
      ],
      { encoding: 'utf8' },
    );
    assert.equal(r.status, 0, r.stderr);
    const res = JSON.parse(r.stdout);
    assert.equal(res.iterations, 2);
    assert.equal(res.victim.id, 'alld');
    const rec = JSON.parse(readFileSync(res.adversary.path, 'utf8'));
    assert.equal(rec.training.victim.id, 'alld');
    assert.equal(JSON.parse(readFileSync(res.result, 'utf8')).envSteps, 64);
    const bad = spawnSync(process.execPath, [bin, 'attack', '--game', 'ipd', '--victim', 'alld', '--budget', 'lots'], {
      encoding: 'utf8',
    });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--budget must be/);
  });
});
