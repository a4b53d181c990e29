import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseConfig, stepChecked } from '../../games/core/kernel.ts';
import { Rng } from '../../games/core/rng.ts';
import { vgc, type VgcState } from '../../games/vgc/index.ts';
import { aliveCount } from '../../games/vgc/state.ts';

function checkInvariants(s: VgcState): void {
  for (const side of s.sides) {
    for (const m of side.team) {
      assert.ok(m.hp >= 0 && m.hp <= m.maxHp && Number.isInteger(m.hp), 'HP within [0, max]');
      assert.ok(
        m.boosts.every((b) => b >= -6 && b <= 6),
        'stages within ±6',
      );
    }
    if (s.phase === 'preview') continue;
    assert.equal(new Set(side.party).size, 4, 'four distinct creatures brought');
    const act = side.active.filter((p) => p >= 0);
    assert.equal(new Set(act).size, act.length, 'a creature is in at most one slot');
    for (const p of act) assert.ok(side.team[side.party[p]!]!.hp > 0, 'no fainted creature stays on the field');
    if (s.phase === 'move')
      assert.ok(act.length > 0 || aliveCount(side) === 0, 'a side with creatures left has one on the field');
  }
  if (s.phase === 'over') {
    const left = s.sides.map(aliveCount);
    if (s.reason !== 'all-fainted') assert.equal(s.turn, s.config.turnCap);
    else if (left[0] !== left[1]) assert.equal(s.winner, left[0]! > left[1]! ? 0 : 1);
    else {
      // Both sides ran out in this turn: the side that ran out first loses; a draw only when
      // end-of-turn damage (burn, poison) took both last creatures (docs/vgc.md).
      const last = lastFaints(s);
      const w = s.winner ?? null;
      if (w === null)
        assert.ok(
          last.every((f) => f.cause === 'burn' || f.cause === 'poison'),
          JSON.stringify(last),
        );
      else assert.ok(last[w]!.at > last[1 - w]!.at, JSON.stringify(last));
    }
  } else assert.ok(s.turn < s.config.turnCap);
}

/** Per seat, where in this step's events its last creature fainted, and the damage that did it. */
function lastFaints(s: VgcState): { at: number; cause: unknown }[] {
  const out = [0, 1].map(() => ({ at: -1, cause: undefined as unknown }));
  s.events.forEach((e, i) => {
    if (e.type !== 'faint') return;
    const hit = s.events
      .slice(0, i)
      .reverse()
      .find((d) => d.type === 'damage' && d.seat === e.seat && d.slot === e.slot);
    out[e.seat as number] = { at: i, cause: hit?.cause };
  });
  return out;
}

describe('vgc invariants under random play', () => {
  it('HP, stages, party, slots and the end condition stay consistent at every step', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.constantFrom('pool', 'random'),
        fc.integer({ min: 1, max: 12 }),
        (seed, teamSource, turnCap) => {
          const rng = Rng.seeded(seed ^ 0x5bd1e995);
          let s = vgc.init(parseConfig(vgc, { teamSource, turnCap }), seed);
          while (!vgc.isTerminal(s)) {
            const joint = [0, 1].map((seat) =>
              vgc.toAct(s).includes(seat) ? rng.pick(vgc.legal(s, seat)!) : undefined,
            );
            s = stepChecked(vgc, s, joint).state;
            checkInvariants(s);
          }
          assert.deepEqual(vgc.toAct(s), []);
        },
      ),
      { numRuns: 60 },
    );
  });
});
