/**
 * Issue 10, fault 8, for both public goods games: every config the schema accepts (2..32 players,
 * endowments 0.01..1000, any MPCR in (0, N], punishment and reward-redesign parameters within their
 * bounds) gives finite observations (raw and encoded), rewards and returns; values outside the
 * bounds are BAD_CONFIG; defaults are unchanged.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { GameError } from '../../games/core/errors.ts';
import { parseConfig } from '../../games/core/kernel.ts';
import { publicGoods, sequentialPublicGoods } from '../../games/public-goods/index.ts';
import { checkFinitePlayout, publicGoodsConfig, sequentialConfig } from '../support/config-bounds.ts';

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof GameError, String(e));
    return e.code;
  }
  return 'accepted';
}

describe('public goods config bounds', () => {
  for (const [game, arb] of [
    [publicGoods, publicGoodsConfig()],
    [sequentialPublicGoods, sequentialConfig()],
  ] as const) {
    it(`${game.id}: any config the schema accepts gives finite observations, encodings, rewards and returns over a random playout`, () => {
      let accepted = 0;
      fc.assert(
        fc.property(arb, fc.nat(), fc.nat(), (raw, seed, drv) => {
          fc.pre(game.configSchema.safeParse(raw).success);
          accepted++;
          checkFinitePlayout(game, raw, seed, drv, 80);
        }),
        { numRuns: 20 },
      );
      assert.ok(accepted >= 20);
    });
  }

  it('the corners: 32 players, the largest endowment and MPCR, the harshest punishment and reward parameters', () => {
    const corners: [typeof publicGoods | typeof sequentialPublicGoods, Record<string, unknown>][] = [
      [
        publicGoods,
        {
          players: 32,
          endowment: 1000,
          mpcr: 32,
          punishment: true,
          punishCost: 0.01,
          punishImpact: 100,
          maxPunish: 50,
          rounds: 3,
        },
      ],
      [
        publicGoods,
        {
          players: 2,
          endowment: 0.01,
          contributions: 'continuous',
          levels: 1001,
          mpcr: 1e-9,
          punishment: true,
          punishCost: 100,
          punishImpact: 0.01,
          probEnd: 1,
        },
      ],
      [
        sequentialPublicGoods,
        {
          players: 32,
          endowment: 1000,
          mpcr: 32,
          effortCost: 100,
          predecessorBonus: 100,
          threshold: 32000,
          penalty: 1e6,
          rounds: 2,
        },
      ],
      [
        sequentialPublicGoods,
        {
          players: 2,
          endowment: 0.01,
          contributions: 'continuous',
          effortCost: 100,
          predecessorBonus: 100,
          penalty: 1e6,
          threshold: 0.02,
        },
      ],
    ];
    for (const [game, raw] of corners)
      for (let seed = 0; seed < 3; seed++) checkFinitePlayout(game, raw, seed, seed, 400);
  });

  it('refuses values outside the bounds', () => {
    const bad: [typeof publicGoods | typeof sequentialPublicGoods, Record<string, unknown>][] = [
      [publicGoods, { endowment: 0.005, contributions: 'continuous' }],
      [publicGoods, { endowment: 1000.5, contributions: 'continuous' }],
      [publicGoods, { mpcr: 1e300 }],
      [publicGoods, { r: 1e300 }],
      [publicGoods, { r: -1 }],
      [publicGoods, { punishCost: 0.001 }],
      [publicGoods, { punishImpact: 1e6 }],
      [publicGoods, { maxPunish: 51 }],
      [publicGoods, { rounds: 10_001 }],
      [publicGoods, { levels: 1002, contributions: 'continuous' }],
      [sequentialPublicGoods, { effortCost: 101 }],
      [sequentialPublicGoods, { predecessorBonus: 1e300 }],
      [sequentialPublicGoods, { penalty: 1e7 }],
      [sequentialPublicGoods, { players: 4, endowment: 20, threshold: 80.5 }],
    ];
    for (const [game, raw] of bad)
      assert.equal(
        code(() => parseConfig(game, raw)),
        'BAD_CONFIG',
        `${game.id} ${JSON.stringify(raw)}`,
      );
    assert.equal(
      parseConfig(sequentialPublicGoods, { players: 4, endowment: 20, threshold: 80 }).threshold,
      80,
      'B = N·e is allowed',
    );
  });

  it('keeps the default configs exactly (stored replays re-parse them)', () => {
    assert.deepEqual(parseConfig(publicGoods, {}), {
      players: 4,
      endowment: 20,
      mpcr: 0.4,
      rounds: 10,
      contributions: 'integer',
      levels: 21,
      punishment: false,
      punishCost: 1,
      punishImpact: 3,
      maxPunish: 10,
    });
    assert.deepEqual(parseConfig(sequentialPublicGoods, {}), {
      players: 4,
      endowment: 20,
      mpcr: 0.4,
      rounds: 10,
      contributions: 'integer',
      levels: 21,
      order: 'fixed',
      preset: 'linear',
      effortCost: 0,
      predecessorBonus: 0,
      threshold: 0,
      penalty: 0,
    });
  });
});
