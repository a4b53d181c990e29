/**
 * Issue 10, fault 8, for VGC-lite: every config the schema accepts gives finite observations (raw
 * and encoded), rewards and returns; untrusted strings and lists in a config are bounded; defaults
 * are unchanged.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { GameError } from '../../games/core/errors.ts';
import { parseConfig } from '../../games/core/kernel.ts';
import { vgc } from '../../games/vgc/index.ts';
import { SAMPLE_POOL } from '../../games/vgc/pool.ts';
import { checkFinitePlayout, vgcConfig } from '../support/config-bounds.ts';

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof GameError, String(e));
    return e.code;
  }
  return 'accepted';
}

describe('vgc config bounds', () => {
  it('any config the schema accepts gives finite observations, encodings, rewards and returns over a random playout', () => {
    let accepted = 0;
    fc.assert(
      fc.property(vgcConfig(), fc.nat(), fc.nat(), (raw, seed, drv) => {
        fc.pre(vgc.configSchema.safeParse(raw).success);
        accepted++;
        checkFinitePlayout(vgc, raw, seed, drv, 120);
      }),
      { numRuns: 30 },
    );
    assert.ok(accepted >= 30);
  });

  it('refuses oversized or unstorable strings and lists in a config with BAD_CONFIG', () => {
    const team = SAMPLE_POOL[0]!;
    const withCreature = (c: object) => ({ teamSource: 'explicit', teams: [[c, ...team.slice(1)]] });
    for (const raw of [
      { turnCap: 0 },
      { turnCap: 1001 },
      { pool: '0,'.repeat(600) },
      { pool: Array.from({ length: 1001 }, () => 0) },
      { pool: '0\u0000' },
      withCreature({ ...team[0], species: 'x'.repeat(65) }),
      withCreature({ ...team[0], species: `${team[0]!.species}\u0000` }),
      withCreature({ ...team[0], species: '\uD800' }),
      withCreature({ ...team[0], moves: Array.from({ length: 25 }, () => 'bulwark') }),
      withCreature({ ...team[0], item: 'i'.repeat(65) }),
      { teamSource: 'explicit', teams: [Array.from({ length: 25 }, () => team[0])] },
    ]) {
      assert.equal(
        code(() => parseConfig(vgc, raw)),
        'BAD_CONFIG',
        JSON.stringify(raw).slice(0, 80),
      );
    }
  });

  it('keeps the default config exactly (stored replays re-parse it)', () => {
    assert.deepEqual(parseConfig(vgc, {}), { turnCap: 100, teamSource: 'pool' });
  });
});
