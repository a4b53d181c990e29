/**
 * Potential-based reward shaping: the shaped rewards of an episode telescope to the game's return
 * (Φ is 0 at the start and at the end), the trajectory itself is unchanged, and an unknown or
 * foreign shaping id is a typed error.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { architectureFor } from '../../agents/policy/architecture.ts';
import { PlainPolicy } from '../../agents/policy/forward.ts';
import { initParams } from '../../agents/policy/params.ts';
import { DEFAULT_TRAIN } from '../../agents/train/ppo.ts';
import { VecRollout } from '../../agents/train/rollout.ts';
import { shapingFor } from '../../agents/train/shaping.ts';
import { parseConfig } from '../../games/core/kernel.ts';
import { GameError } from '../../games/core/errors.ts';
import { getGame } from '../../games/index.ts';

const game = getGame('vgc');
const config = parseConfig(game, {});
const hp = shapingFor('vgc', 'hp');

function collect(shaped: boolean) {
  const arch = architectureFor(game.obsSize(config), game.actionSpace(config), { hidden: [16] });
  const policy = new PlainPolicy(arch, initParams(arch, 5));
  const roll = new VecRollout({
    ...DEFAULT_TRAIN,
    game,
    config,
    envs: 1,
    stepsPerEnv: 400,
    seed: 11,
    history: 1,
    seatMode: 'all',
    gamma: 1,
    lambda: 1,
    normalizeObs: false,
    normalizeReward: false,
    ...(shaped ? { potential: hp.potential, shapingCoef: 1 } : {}),
  });
  return roll.collect(policy);
}

describe('reward shaping (potential-based)', () => {
  it('the vgc hp potential is 0 at team preview and moves with the HP balance', () => {
    let s = game.init(config, 3);
    assert.equal(hp.potential(s, 0), 0);
    let moved = 0;
    for (let i = 0; i < 40 && !game.isTerminal(s); i++) {
      const joint: unknown[] = [undefined, undefined];
      for (const seat of game.toAct(s)) joint[seat] = game.indexToAction(s, seat, game.mask(s, seat).indexOf(1));
      s = game.step(s, joint).state;
      assert.ok(Math.abs(hp.potential(s, 0) + hp.potential(s, 1)) < 1e-12, 'zero-sum between the seats');
      moved = Math.max(moved, Math.abs(hp.potential(s, 0)));
    }
    assert.ok(moved > 0, 'damage moves the potential');
  });

  it("shaped rewards telescope: with γ = λ = 1 each seat's return from the first turn is the game's return, while later returns differ", () => {
    const plain = collect(false);
    const shaped = collect(true);
    assert.ok(plain.episodes.length >= 1, 'at least one battle finished');
    assert.deepEqual(Array.from(shaped.actions), Array.from(plain.actions), 'shaping does not change what is played');
    const ep = plain.episodes[0]!;
    for (const seat of [0, 1]) {
      // Transitions 0 and 1 are the two seats' team-preview choices of the first battle.
      assert.ok(
        Math.abs(shaped.returns[seat]! - ep.returns[seat]!) < 1e-4,
        `seat ${seat}: ${shaped.returns[seat]} vs ${ep.returns[seat]}`,
      );
      assert.ok(Math.abs(plain.returns[seat]! - ep.returns[seat]!) < 1e-4);
    }
    assert.deepEqual(
      shaped.episodes.map((e) => e.returns),
      plain.episodes.map((e) => e.returns),
      'reported returns are the game reward only',
    );
    assert.ok(
      Array.from(shaped.returns).some((r, i) => Math.abs(r - plain.returns[i]!) > 1e-3),
      'mid-battle returns carry the potential',
    );
  });

  it('an unknown shaping, or one for another game, is a BAD_CONFIG error naming the available ones', () => {
    assert.throws(
      () => shapingFor('vgc', 'nope'),
      (e: unknown) => e instanceof GameError && e.code === 'BAD_CONFIG' && /available: hp/.test(e.message),
    );
    assert.throws(
      () => shapingFor('sumo', 'hp'),
      (e: unknown) => e instanceof GameError && /available: none/.test(e.message),
    );
  });
});
