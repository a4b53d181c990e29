/**
 * How a VGC-lite battle ends, and the audit case of issue 10 (fault 4): when both sides run out of
 * creatures in the same turn, the side that ran out first loses (Showdown ends the battle at that
 * moment, and gives a simultaneous KO to the side that fainted last); only end-of-turn damage that
 * takes both sides' last creatures at once is a draw.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { hashState, replay, stepChecked } from '../../games/core/kernel.ts';
import { adjudicate } from '../../games/core/standings.ts';
import type { Replay } from '../../games/core/types.ts';
import { vgc, type VgcState } from '../../games/vgc/index.ts';
import { PSN } from '../../games/vgc/state.ts';
import { battle, mon, mv, turn } from './helpers.ts';

const burl = { species: 'Burlhorn', moves: ['reckless-ram', 'quick-jab', 'battle-cry', 'bulwark'] };
const zappup = { species: 'Zappup', moves: ['volt-fang', 'arc-bolt', 'quick-jab', 'bulwark'] };
const oracle = { species: 'Oracleon', moves: ['mind-spike', 'bulwark', 'psi-storm', 'calm-focus'] };

/** Leave each side with only its slot-0 creature, at `hp[seat]` HP. */
function lastCreatures(s: VgcState, hp: [number, number]): VgcState {
  for (let seat = 0; seat < 2; seat++) {
    const side = s.sides[seat]!;
    for (const i of side.party) side.team[i]!.hp = 0;
    side.active[1] = -1;
    mon(s, seat, 0).hp = hp[seat]!;
  }
  return s;
}

describe('vgc: how a battle ends', () => {
  it('the side knocked out first loses, even if the winner falls to poison at the end of the same turn', () => {
    // Seat 1's last creature is poisoned at 1 HP (seat 0 did that earlier). It knocks out seat 0's
    // last creature with Quick Jab (priority +1) while seat 0 only boosts, then succumbs to poison
    // at the end of the turn. Before the fix this was a draw: a way to dodge a loss.
    let s = lastCreatures(battle([oracle], [burl]), [1, 1]);
    mon(s, 1, 0).status = PSN;
    s = turn(s, { a: mv(4), b: 'pass' }, { a: mv(2, 'foe1'), b: 'pass' });
    assert.ok(vgc.isTerminal(s));
    const faints = s.events.filter((e) => e.type === 'faint').map((e) => e.seat);
    assert.deepEqual(faints, [0, 1], 'seat 0 is knocked out, then seat 1 falls to poison');
    const r = vgc.result(s);
    assert.deepEqual(r, { returns: [-1, 1], winner: 1, reason: 'all-fainted' });
    assert.deepEqual(adjudicate(r).ranks, [2, 1]);
    assert.equal(vgc.observe(s, 'spectator').winner, 1);
  });

  it('a recoil KO right after knocking out the last foe wins (Showdown, gen ≥ 5)', () => {
    // Reckless Ram (accuracy 100) knocks out the last foe, and its recoil then fells the user.
    let s = lastCreatures(battle([burl], [oracle]), [1, 1]);
    s = turn(s, { a: mv(1, 'foe1'), b: 'pass' }, { a: mv(4), b: 'pass' });
    assert.ok(vgc.isTerminal(s));
    const ev = s.events
      .filter((e) => e.type === 'faint' || e.type === 'damage')
      .map((e) => `${e.type}:${e.seat}:${e.cause ?? ''}`);
    assert.deepEqual(ev, ['damage:1:hit', 'faint:1:', 'damage:0:recoil', 'faint:0:']);
    assert.deepEqual(vgc.result(s), { returns: [1, -1], winner: 0, reason: 'all-fainted' });
  });

  it('both last creatures falling to end-of-turn damage at the same moment is a draw', () => {
    let s = lastCreatures(battle([zappup], [burl]), [1, 1]);
    mon(s, 0, 0).status = PSN;
    mon(s, 1, 0).status = PSN;
    s = turn(s, { a: mv(4), b: 'pass' }, { a: mv(4), b: 'pass' }); // both protect; poison takes both
    assert.ok(vgc.isTerminal(s));
    assert.deepEqual(vgc.result(s), { returns: [0, 0], winner: null, reason: 'all-fainted' });
  });

  it('an unfinished battle reports reason in-progress, like every other game', () => {
    const s = battle([zappup], [burl]);
    assert.equal(vgc.result(s).reason, 'in-progress');
  });

  // Battles recorded (random and max-damage vs heuristic play) before this rule: each ended with both
  // sides out in one turn and was stored as a draw. They must still re-simulate to their recorded
  // hash (state.ts, hashedWinner), and now name the side that ran out last.
  const RECORDED = JSON.parse(
    readFileSync(new URL('./fixtures/double-ko-replays.json', import.meta.url), 'utf8'),
  ) as (Replay & { firstOut: number })[];
  it(`${RECORDED.length} replays recorded as double-KO draws re-simulate to their hash and go to the side that ran out last`, () => {
    for (const rec of RECORDED) {
      const { state, hash } = replay(vgc, {
        game: 'vgc',
        config: rec.config,
        seed: rec.seed,
        actions: rec.actions,
        finalHash: rec.finalHash,
      });
      assert.equal(hash, rec.finalHash);
      const r = vgc.result(state);
      assert.equal(r.reason, 'all-fainted');
      assert.equal(r.winner, 1 - rec.firstOut, `seed ${rec.seed}`);
      assert.equal(vgc.observe(state, 0).winner, r.winner, 'the view names the same winner');
      // The final step's rewards are the returns (the runner's sum of rewards).
      let s = vgc.init(vgc.configSchema.parse(rec.config), rec.seed);
      const sum = [0, 0];
      for (const joint of rec.actions) {
        const step = stepChecked(vgc, s, joint);
        s = step.state;
        sum[0] += step.rewards[0]!;
        sum[1] += step.rewards[1]!;
      }
      assert.deepEqual(sum, r.returns);
      assert.equal(hashState(vgc, s), rec.finalHash);
    }
  });
});
