/** The Trust-and-Split baselines do what their descriptions say, through the real engine. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { agentsFor, getAgent, instantiate } from '../../agents/registry.ts';
import { handIn } from '../../agents/trust-and-split/index.ts';
import { parseConfig } from '../../games/core/kernel.ts';
import { playMatch } from '../../games/core/runner.ts';
import { trustAndSplit as game, type TrustSplitState } from '../../games/trust-and-split/index.ts';

function play(a: string, b: string, seed: number, config: object = {}): TrustSplitState {
  const c = parseConfig(game, config);
  const specs = [getAgent(game.id, a), getAgent(game.id, b)];
  return playMatch(game, c, seed, instantiate(game, c, seed, specs), { validate: true }).state as TrustSplitState;
}

describe('trust-and-split baselines', () => {
  it('are registered for the game, random included', () => {
    assert.deepEqual(
      agentsFor(game.id)
        .map((s) => s.id)
        .sort(),
      ['fair', 'greedy', 'random', 'reciprocal', 'trusting'],
    );
  });

  it('greedy claims every coin and fair claims half, rounded down, in every round', () => {
    const s = play('greedy', 'fair', 1, { coins: 9 });
    for (const r of s.history) assert.deepEqual(r.claims, [9, 4]);
  });

  it("reciprocal claims half first, then the other's last claim", () => {
    const s = play('reciprocal', 'greedy', 2);
    assert.equal(s.history[0]!.claims[0], 5);
    for (let t = 1; t < s.history.length; t++) assert.equal(s.history[t]!.claims[0], s.history[t - 1]!.claims[1]);
    const r = play('random', 'reciprocal', 3);
    for (let t = 1; t < r.history.length; t++) assert.equal(r.history[t]!.claims[1], r.history[t - 1]!.claims[0]);
  });

  it('two trusting agents tell their hands and reach the efficient split every round: all coins to the winning hand', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const s = play('trusting', 'trusting', seed);
      for (const r of s.history) {
        const high = r.values[0] > r.values[1] ? 0 : 1;
        assert.equal(r.claims[high], 10);
        assert.equal(r.claims[1 - high], 0);
      }
      assert.equal(s.scores[0] + s.scores[1], 10 * 10 * 10, 'welfare 100 a round, the optimum');
    }
  });

  it('trusting claims everything in the round after the other grabbed while its hand lost', () => {
    const s = play('trusting', 'greedy', 4);
    let checked = 0;
    for (let t = 1; t < s.history.length; t++) {
      const prev = s.history[t - 1]!;
      if (prev.values[1] < prev.values[0] && prev.claims[1] > 0) {
        assert.equal(s.history[t]!.claims[0], 10);
        checked++;
      }
    }
    assert.ok(checked > 0);
  });

  it('reads a hand out of a message only when exactly one hand is named', () => {
    assert.equal(handIn('My hand is Rock.'), 'rock');
    assert.equal(handIn('rock beats scissors'), null);
    assert.equal(handIn('I will not say'), null);
    assert.equal(handIn('rocky'), null);
  });
});
