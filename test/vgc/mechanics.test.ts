import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stepChecked } from '../../games/core/kernel.ts';
import { vgc } from '../../games/vgc/index.ts';
import { effectiveSpeed } from '../../games/vgc/battle.ts';
import { modify } from '../../games/vgc/damage.ts';
import { PAR } from '../../games/vgc/state.ts';
import { battle, eventsOf, mon, mv, turn } from './helpers.ts';

const zappup = { species: 'Zappup', moves: ['volt-fang', 'arc-bolt', 'quick-jab', 'bulwark'] };
const pixie = { species: 'Pixiebell', moves: ['bulwark', 'moon-ray', 'mend', 'fae-kiss'] };
const aegis = { species: 'Aegisteel', moves: ['bulwark', 'iron-knuckle', 'mud-lance', 'iron-wall'] };
const dune = { species: 'Dunequake', moves: ['quake-stomp', 'mud-lance', 'crag-spear', 'bulwark'] };
const brawl = { species: 'Brawlbuck', moves: ['palm-strike', 'startle-clap', 'counter-jab', 'bulwark'] };

describe('vgc Protect', () => {
  it('blocks a single-target attack and a spread attack, and the creature takes no damage', () => {
    let s = battle([dune, pixie], [aegis, zappup]);
    s = turn(s, { a: mv(2, 'foe1'), b: mv(3) }, { a: mv(1), b: mv(4) });
    assert.ok(eventsOf(s, 'protected').some((e) => e.seat === 1 && e.slot === 0));
    assert.equal(mon(s, 1, 0).hp, mon(s, 1, 0).maxHp);
    s = battle([dune, pixie], [aegis, zappup]);
    s = turn(s, { a: mv(1), b: mv(3) }, { a: mv(1), b: mv(4) }); // Quake Stomp into two Protects
    assert.equal(eventsOf(s, 'protected').filter((e) => e.seat === 1).length, 2);
    assert.equal(mon(s, 1, 0).hp + mon(s, 1, 1).hp, mon(s, 1, 0).maxHp + mon(s, 1, 1).maxHp);
  });

  it('a second Protect in a row succeeds about a third of the time (chance 1/3)', () => {
    let ok = 0;
    const n = 120;
    for (let seed = 1; seed <= n; seed++) {
      let s = battle(
        [aegis, pixie],
        [zappup, { species: 'Oracleon', moves: ['mind-spike', 'bulwark', 'psi-storm', 'mend'] }],
        seed,
      );
      s = turn(s, { a: mv(1), b: mv(3) }, { a: mv(4), b: mv(4) });
      assert.ok(mon(s, 0, 0).protectChain === 1);
      s = turn(s, { a: mv(1), b: mv(3) }, { a: mv(4), b: mv(4) });
      if (eventsOf(s, 'protect').some((e) => e.seat === 0 && e.slot === 0)) ok++;
    }
    // Binomial(120, 1/3): mean 40, sd 5.2; these seeds are fixed, the bounds are ±4 sd.
    assert.ok(ok > 19 && ok < 61, `second Protect succeeded ${ok}/${n} times`);
  });
});

describe('vgc spread moves', () => {
  // Dunequake (Atk 140) Quake Stomp (Ground 100, STAB) on Aegisteel (Steel, Def 150): base 43.
  // Spread (3 targets): modify(43, 0.75) = 32 → top roll STAB 48 → ×2 = 96.  Alone: STAB 64 → ×2 = 128.
  const rolls = (base: number) =>
    Array.from({ length: 16 }, (_, r) => modify(Math.trunc((base * (100 - r)) / 100), 1.5) * 2);
  it('do 0.75× damage when they hit more than one target, full damage on a lone target', () => {
    const spread = rolls(modify(43, 0.75));
    const single = rolls(43);
    assert.equal(spread[0], 96);
    assert.equal(single[0], 128);
    for (let seed = 1; seed <= 30; seed++) {
      let s = battle(
        [dune, pixie],
        [aegis, { species: 'Oracleon', moves: ['mind-spike', 'bulwark', 'psi-storm', 'mend'] }],
        seed,
      );
      s = turn(s, { a: mv(1), b: mv(3) }, { a: mv(4), b: mv(4) });
      const hit = eventsOf(s, 'damage').find((e) => e.seat === 1 && e.slot === 0);
      if (hit && !hit.crit) assert.ok(spread.includes(mon(s, 1, 0).maxHp - mon(s, 1, 0).hp), 'spread damage');
      // Alone on the field: the ally and the other foe are gone.
      let t = battle(
        [dune, pixie],
        [aegis, { species: 'Oracleon', moves: ['mind-spike', 'bulwark', 'psi-storm', 'mend'] }],
        seed,
      );
      t.sides[0]!.active[1] = -1;
      t.sides[1]!.active[1] = -1;
      t = vgc.step(t, [
        { a: mv(1), b: 'pass' },
        { a: mv(4), b: 'pass' },
      ]).state;
      const lone = eventsOf(t, 'damage').find((e) => e.seat === 1 && e.slot === 0);
      if (lone && !lone.crit)
        assert.ok(single.includes(t.sides[1]!.team[0]!.maxHp - t.sides[1]!.team[0]!.hp), 'single-target damage');
    }
  });

  it('an all-others move also hits the ally; a both-foes move does not', () => {
    let s = battle([dune, pixie], [aegis, zappup]);
    s = turn(s, { a: mv(1), b: mv(3) }, { a: mv(4), b: mv(4) });
    assert.ok(
      eventsOf(s, 'damage').some((e) => e.seat === 0 && e.slot === 1),
      'Quake Stomp hit the ally',
    );
  });
});

describe('vgc forced switches', () => {
  it('after a faint, only the side with an empty slot acts, and only by sending in a replacement', () => {
    let s = battle([brawl, pixie], [zappup, aegis]);
    mon(s, 1, 0).hp = 1;
    s = turn(s, { a: mv(3, 'foe1'), b: mv(3) }, { a: mv(2, 'foe1'), b: mv(1) }); // Counter Jab (+1) knocks Zappup out first
    assert.equal(s.phase, 'switch');
    assert.deepEqual(vgc.toAct(s), [1]);
    const legal = vgc.legal(s, 1)!;
    assert.deepEqual(legal, [
      { a: { switch: 3 }, b: 'pass' },
      { a: { switch: 4 }, b: 'pass' },
    ]);
    assert.throws(() => stepChecked(vgc, s, [undefined, { a: 'pass', b: 'pass' }]), /ILLEGAL|replacement|empty/i);
    s = stepChecked(vgc, s, [undefined, { a: { switch: 4 }, b: 'pass' }]).state;
    assert.equal(s.phase, 'move');
    assert.equal(s.sides[1]!.active[0], 3);
  });

  it('with two empty slots and one creature left, one slot sends it in and the other passes', () => {
    let s = battle([brawl, pixie], [zappup, aegis]);
    const foe = s.sides[1]!;
    foe.team[foe.party[2]!]!.hp = 0;
    mon(s, 1, 0).hp = 1;
    mon(s, 1, 1).hp = 1;
    s = turn(s, { a: mv(3, 'foe1'), b: mv(4, 'foe2') }, { a: mv(2, 'foe1'), b: mv(2, 'foe1') });
    assert.equal(s.phase, 'switch');
    assert.deepEqual(vgc.legal(s, 1), [
      { a: { switch: 4 }, b: 'pass' },
      { a: 'pass', b: { switch: 4 } },
    ]);
  });

  it('the battle ends when a side has nothing left', () => {
    let s = battle([brawl, pixie], [zappup, aegis]);
    const foe = s.sides[1]!;
    for (const p of [2, 3]) foe.team[foe.party[p]!]!.hp = 0;
    mon(s, 1, 0).hp = 1;
    mon(s, 1, 1).hp = 1;
    s = turn(s, { a: mv(3, 'foe1'), b: mv(4, 'foe2') }, { a: mv(2, 'foe1'), b: mv(2, 'foe1') });
    assert.equal(vgc.isTerminal(s), true);
    assert.deepEqual(vgc.result(s), { returns: [1, -1], winner: 0, reason: 'all-fainted' });
    assert.deepEqual(vgc.toAct(s), []);
  });
});

describe('vgc effects', () => {
  it('the first-turn flinch move flinches a slower target on turn 1 and fails afterwards', () => {
    const slow = { species: 'Cragolem', moves: ['crag-spear', 'pebble-shot', 'warp-zone', 'bulwark'] };
    let s = battle([brawl, pixie], [slow, aegis]);
    s = turn(s, { a: mv(2, 'foe1'), b: mv(3) }, { a: mv(1, 'foe1'), b: mv(4) });
    assert.ok(eventsOf(s, 'flinch').some((e) => e.seat === 1 && e.slot === 0));
    s = turn(s, { a: mv(2, 'foe1'), b: mv(3) }, { a: mv(4), b: mv(4) });
    assert.ok(eventsOf(s, 'fail').some((e) => e.seat === 0 && e.slot === 0 && /first turn/.test(String(e.why))));
  });

  it('paralysis halves speed, and an Electric creature cannot be paralysed', () => {
    let s = battle(
      [{ species: 'Voltide', moves: ['static-field', 'arc-bolt', 'hydro-lance', 'bulwark'] }, pixie],
      [zappup, aegis],
    );
    const z = mon(s, 1, 0);
    const before = effectiveSpeed(s.sides[1]!, z);
    z.status = PAR;
    assert.equal(effectiveSpeed(s.sides[1]!, z), Math.floor(before / 2));
    z.status = 0;
    for (let i = 0; i < 3 && !eventsOf(s, 'fail').length; i++)
      s = turn(s, { a: mv(1, 'foe1'), b: mv(3) }, { a: mv(3, 'foe2'), b: mv(4) });
    assert.equal(mon(s, 1, 0).status, 0);
    assert.ok(eventsOf(s, 'fail').some((e) => /immune/.test(String(e.why))));
  });

  it('burn takes 1/16 of max HP at the end of each turn', () => {
    let s = battle(
      [aegis, pixie],
      [zappup, { species: 'Oracleon', moves: ['mind-spike', 'bulwark', 'psi-storm', 'mend'] }],
    );
    const m = mon(s, 0, 0);
    m.status = 1;
    s = turn(s, { a: mv(4), b: mv(3) }, { a: mv(4), b: mv(2) });
    assert.equal(m.maxHp - m.hp, Math.floor(m.maxHp / 16));
  });

  it('at the turn cap the side with more creatures left wins, then the higher HP fraction', () => {
    let s = battle(
      [aegis, pixie],
      [zappup, { species: 'Oracleon', moves: ['mind-spike', 'bulwark', 'psi-storm', 'mend'] }],
      1,
      { turnCap: 1 },
    );
    s.sides[1]!.team[s.sides[1]!.party[3]!]!.hp = 0;
    s = turn(s, { a: mv(4), b: mv(3) }, { a: mv(4), b: mv(2) });
    assert.deepEqual(vgc.result(s), { returns: [1, -1], winner: 0, reason: 'turn-cap' });
    let t = battle(
      [aegis, pixie],
      [zappup, { species: 'Oracleon', moves: ['mind-spike', 'bulwark', 'psi-storm', 'mend'] }],
      1,
      { turnCap: 1 },
    );
    t.sides[0]!.team[t.sides[0]!.party[3]!]!.hp = 1;
    t = turn(t, { a: mv(4), b: mv(3) }, { a: mv(4), b: mv(2) });
    assert.equal(vgc.result(t).winner, 1);
  });
});

describe('vgc more effects', () => {
  const oracle = { species: 'Oracleon', moves: ['mind-spike', 'bulwark', 'psi-storm', 'mend'] };

  it('redirection draws a single-target move aimed at the partner', () => {
    const lure = { species: 'Zappup', moves: ['lure-call', 'volt-fang', 'arc-bolt', 'bulwark'] };
    let s = battle([brawl, aegis], [oracle, lure]);
    s = turn(s, { a: mv(1, 'foe1'), b: mv(4) }, { a: mv(4), b: mv(1) });
    const hits = eventsOf(s, 'damage').filter((e) => e.seat === 1);
    assert.ok(hits.length > 0 && hits.every((e) => e.slot === 1), 'Palm Strike aimed at Oracleon hit Zappup');
    assert.equal(mon(s, 1, 0).hp, mon(s, 1, 0).maxHp);
  });

  it('recoil takes back a third of the damage dealt; drain restores three quarters of it', () => {
    const ram = { species: 'Burlhorn', moves: ['reckless-ram', 'quick-jab', 'battle-cry', 'bulwark'] };
    const kiss = { species: 'Pixiebell', moves: ['fae-kiss', 'moon-ray', 'mend', 'bulwark'] };
    for (let seed = 1; seed <= 10; seed++) {
      const wall = { species: 'Beetalon', moves: ['iron-wall', 'sting-volley', 'alloy-crash', 'bulwark'] };
      let s = battle([ram, kiss], [aegis, wall], seed);
      const user = mon(s, 0, 0),
        drainer = mon(s, 0, 1),
        foeA = mon(s, 1, 0),
        foeB = mon(s, 1, 1);
      drainer.hp = 10;
      // Nobody attacks p1's side: Aegisteel and Beetalon raise their Defense.
      s = turn(s, { a: mv(1, 'foe2'), b: mv(1, 'foe1') }, { a: mv(4), b: mv(1) });
      const dealtB = foeB.maxHp - foeB.hp,
        dealtA = foeA.maxHp - foeA.hp;
      assert.ok(dealtB > 0 && dealtA > 0);
      assert.equal(user.maxHp - user.hp, Math.max(1, Math.round(dealtB / 3)), 'recoil');
      assert.equal(drainer.hp - 10, Math.max(1, Math.round(dealtA * 0.75)), 'drain');
    }
  });

  it('sleep makes a creature skip 1 to 3 turns, then it wakes and acts', () => {
    const singer = { species: 'Pixiebell', moves: ['lullaby', 'moon-ray', 'mend', 'bulwark'] };
    const skips = new Set<number>();
    for (let seed = 1; seed <= 40; seed++) {
      let s = battle([singer, aegis], [oracle, zappup], seed);
      s = turn(s, { a: mv(1, 'foe1'), b: mv(4) }, { a: mv(4), b: mv(4) }); // Oracleon's Mend fails, Lullaby may miss
      if (mon(s, 1, 0).status !== 4) continue;
      // On a speed tie the sleeper may already have tried to move this turn.
      let skipped = eventsOf(s, 'asleep').length;
      for (let t = 0; t < 5; t++) {
        s = turn(s, { a: mv(3), b: mv(4) }, { a: mv(4), b: mv(1, 'foe2') });
        if (eventsOf(s, 'asleep').some((e) => e.seat === 1 && e.slot === 0)) skipped++;
        else {
          assert.ok(eventsOf(s, 'wake').some((e) => e.seat === 1 && e.slot === 0));
          break;
        }
      }
      skips.add(skipped);
    }
    assert.deepEqual([...skips].sort(), [1, 2, 3]);
  });
});
