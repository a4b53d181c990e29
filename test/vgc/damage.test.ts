/**
 * Worked damage examples, computed by hand from the reference formula (REFERENCES.md, Showdown
 * sim/battle-actions.ts): base = floor(floor(floor(2·50/5 + 2) · P · A / D) / 50) + 2, then spread,
 * crit, roll, STAB, type, burn, with Showdown's 4096-based rounding for 0.75, 1.5 and 0.5.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyModifiers, baseDamage, modify } from '../../games/vgc/damage.ts';
import { hpStat, otherStat, statsFromBase } from '../../games/vgc/stats.ts';
import { battle, eventsOf, mon, mv, team, turn } from './helpers.ts';

const none = { spread: false, crit: false, rollDraw: 0, stab: false, effectiveness: 1, burned: false, physical: true };

describe('vgc damage formula', () => {
  it('base damage: 80 power, A = D = 100 at level 50 gives floor(floor(22·80·100/100)/50) + 2 = 37', () => {
    assert.equal(baseDamage(50, 80, 100, 100), 37);
  });

  it('each modifier alone, from a base of 37', () => {
    assert.equal(applyModifiers(37, none), 37); // top roll
    assert.equal(applyModifiers(37, { ...none, rollDraw: 15 }), 31); // floor(37·85/100)
    assert.equal(applyModifiers(37, { ...none, stab: true }), 55); // (37·6144 + 2047) >> 12 = 55 (half rounds down)
    assert.equal(applyModifiers(37, { ...none, spread: true }), 28); // (37·3072 + 2047) >> 12
    assert.equal(applyModifiers(37, { ...none, crit: true }), 55); // floor(37·1.5)
    assert.equal(applyModifiers(37, { ...none, burned: true }), 18); // (37·2048 + 2047) >> 12
    assert.equal(applyModifiers(37, { ...none, burned: true, physical: false }), 37); // burn spares special moves
    assert.equal(applyModifiers(37, { ...none, effectiveness: 2 }), 74);
    assert.equal(applyModifiers(37, { ...none, effectiveness: 4 }), 148);
    assert.equal(applyModifiers(37, { ...none, effectiveness: 0.5 }), 18);
    assert.equal(applyModifiers(37, { ...none, effectiveness: 0.25 }), 9);
    assert.equal(applyModifiers(37, { ...none, effectiveness: 0 }), 0);
  });

  it('modifiers chain in the reference order: spread, crit, roll, STAB, type', () => {
    // 37 → spread 28 → crit 42 → roll 85 %: 35 → STAB (35·6144 + 2047) >> 12 = 52 → ×2 = 104
    assert.equal(
      applyModifiers(37, { ...none, spread: true, crit: true, rollDraw: 15, stab: true, effectiveness: 2 }),
      104,
    );
  });

  it('a hit that is not an immunity does at least 1', () => {
    assert.equal(applyModifiers(2, { ...none, effectiveness: 0.25 }), 1);
  });

  it("Showdown's modify rounds half down: 1.5 × 37 = 55, 1.5 × 39 = 58", () => {
    assert.equal(modify(37, 1.5), 55);
    assert.equal(modify(39, 1.5), 58);
  });

  it('level-50 stats: 31 IVs, no EVs, neutral nature', () => {
    assert.equal(hpStat(110), 185); // floor((220 + 31)·50/100) + 60
    assert.equal(otherStat(125), 145); // floor((250 + 31)·50/100) + 5
    assert.equal(otherStat(85), 105);
    assert.deepEqual(statsFromBase([100, 100, 100, 100, 100, 100]), [175, 120, 120, 120, 120, 120]);
  });
});

describe('vgc damage in battle', () => {
  // Brawlbuck (Fighting, Atk 145) uses Palm Strike (Fighting, 75) on Burlhorn (Normal, HP 185, Def 105):
  // base = floor(floor(22·75·145/105)/50) + 2 = floor(2278/50) + 2 = 47.
  // Top roll: 47 → STAB 70 → ×2 = 140.  Bottom roll: floor(47·0.85) = 39 → STAB 58 → ×2 = 116.
  const attacker = { species: 'Brawlbuck', moves: ['palm-strike', 'tiger-knee', 'counter-jab', 'bulwark'] };
  const defender = { species: 'Burlhorn', moves: ['battle-cry', 'reckless-ram', 'quick-jab', 'bulwark'] };
  const expected = Array.from({ length: 16 }, (_, r) => {
    const rolled = Math.trunc((47 * (100 - r)) / 100);
    return modify(rolled, 1.5) * 2;
  });

  it('every non-critical Palm Strike on Burlhorn does one of the 16 hand-computed rolls, from 116 to 140', () => {
    assert.equal(expected[0], 140);
    assert.equal(expected[15], 116);
    const seen = new Set<number>();
    for (let seed = 1; seed <= 250; seed++) {
      let s = battle(team(attacker), team(defender), seed);
      const hp0 = mon(s, 1, 0).maxHp;
      assert.equal(hp0, 185);
      s = turn(s, { a: mv(1, 'foe1'), b: mv(4) }, { a: mv(1), b: mv(4) });
      const hit = eventsOf(s, 'damage').find((e) => e.seat === 1 && e.slot === 0);
      if (!hit || hit.crit) continue;
      const dmg = hp0 - s.sides[1]!.team[0]!.hp;
      assert.ok(expected.includes(dmg), `damage ${dmg} is not one of the rolls`);
      seen.add(dmg);
    }
    // 16 rolls give 9 distinct values (47·0.99 and 47·0.98 both floor to 46, ...); 250 seeds show them all.
    assert.deepEqual(
      [...seen].sort((a, b) => a - b),
      [...new Set(expected)].sort((a, b) => a - b),
    );
  });
});
