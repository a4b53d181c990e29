/** Axelrod-style tournaments: ranking, seeding, the fast loop, and equal appearances in group games. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig, playMatch } from '../../games/core/index.ts';
import { getGame } from '../../games/index.ts';
import { ipd } from '../../games/dilemmas/index.ts';
import { agentsFor, getAgent, instantiate, resolveAgents } from '../../agents/registry.ts';
import { playFast, tournament, tournamentSize } from '../../agents/eval/tournament.ts';

describe('round-robin tournament', () => {
  const config = parseConfig(ipd, {});
  const result = tournament(ipd, agentsFor('ipd'), { config, repetitions: 4, seed: 1 });
  const rankOf = (id: string) => result.lines.find((l) => l.agent === id)!.rank;

  it('with the default payoffs, TFT and WSLS finish above ALLD and Random', () => {
    for (const good of ['tft', 'wsls'])
      for (const bad of ['alld', 'random'])
        assert.ok(rankOf(good) < rankOf(bad), `${good} #${rankOf(good)} vs ${bad} #${rankOf(bad)}`);
  });

  it('plays every pair including self-play, `repetitions` times, and ranks by median score', () => {
    const k = agentsFor('ipd').length;
    assert.equal(result.matches, ((k * (k + 1)) / 2) * 4);
    assert.equal(result.matches, tournamentSize(ipd, config, k, 4));
    assert.ok(result.lines.every((l) => l.matches === k * 4));
    for (let i = 1; i < result.lines.length; i++) assert.ok(result.lines[i - 1]!.median >= result.lines[i]!.median);
    assert.equal(result.turns, result.matches * 200);
  });

  it('scores ALLC exactly: per opponent it earns R, S or mixtures, and against ALLD exactly S', () => {
    const i = result.agents.indexOf('allc');
    const j = result.agents.indexOf('alld');
    assert.equal(result.payoffMatrix![i]![j], 0);
    assert.equal(result.payoffMatrix![j]![i], 5);
    assert.equal(result.payoffMatrix![i]![i], 3);
  });

  it('is reproducible from its seed, and the seed matters under noise', () => {
    const specs = resolveAgents('ipd', 'tft,wsls,random,gtft');
    const noisy = parseConfig(ipd, { noise: 0.05, turns: 50 });
    const a = tournament(ipd, specs, { config: noisy, repetitions: 3, seed: 9 });
    const b = tournament(ipd, specs, { config: noisy, repetitions: 3, seed: 9 });
    const c = tournament(ipd, specs, { config: noisy, repetitions: 3, seed: 10 });
    assert.deepEqual(a, b);
    assert.notDeepEqual(
      a.lines.map((l) => l.scores),
      c.lines.map((l) => l.scores),
    );
  });

  it('the fast loop gives exactly what the validated match runner gives', () => {
    const specs = [getAgent('ipd', 'gtft'), getAgent('ipd', 'adaptive')];
    const cfg = parseConfig(ipd, { noise: 0.1, probEnd: 0.02 });
    for (const seed of [1, 2, 3]) {
      const fast = playFast(ipd, cfg, seed, instantiate(ipd, cfg, seed, specs));
      const slow = playMatch(ipd, cfg, seed, instantiate(ipd, cfg, seed, specs));
      assert.deepEqual(fast.returns, slow.result.returns);
      assert.equal(fast.steps, slow.steps);
    }
  });
});

describe('group tournament (more than two seats)', () => {
  it('deals every agent into the same number of seats and ranks by median payoff per round', () => {
    const game = getGame('public-goods');
    const config = parseConfig(game, {});
    const specs = agentsFor('public-goods');
    const seats = game.numSeats(config);
    const r = tournament(game, specs, { config, repetitions: 3, seed: 1 });
    assert.equal(r.mode, 'groups');
    assert.equal(r.matches, specs.length * 3);
    assert.ok(r.lines.every((l) => l.matches === seats * 3 && Number.isFinite(l.median)));
    for (let i = 1; i < r.lines.length; i++) assert.ok(r.lines[i - 1]!.median >= r.lines[i]!.median);
  });
});
