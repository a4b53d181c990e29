import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { vgc } from '../../games/vgc/index.ts';
import { effectiveSpeed } from '../../games/vgc/battle.ts';
import { modify } from '../../games/vgc/damage.ts';
import { teamErrors } from '../../games/vgc/teams.ts';
import { battle, eventsOf, mon, mv, team, turn } from './helpers.ts';

const dune = { species: 'Dunequake', moves: ['quake-stomp', 'mud-lance', 'crag-spear', 'bulwark'] };
const aegis = { species: 'Aegisteel', moves: ['bulwark', 'iron-knuckle', 'mud-lance', 'iron-wall'] };
const pixie = { species: 'Pixiebell', moves: ['bulwark', 'moon-ray', 'mend', 'fae-kiss'] };
const zappup = { species: 'Zappup', moves: ['volt-fang', 'arc-bolt', 'quick-jab', 'bulwark'] };
const brawl = { species: 'Brawlbuck', moves: ['palm-strike', 'tiger-knee', 'counter-jab', 'bulwark'] };
const burl = { species: 'Burlhorn', moves: ['battle-cry', 'reckless-ram', 'quick-jab', 'bulwark'] };
// Palm Strike on Burlhorn without items: the 16 rolls of test/vgc/damage.test.ts (116..140).
const palm = Array.from({ length: 16 }, (_, r) => modify(Math.trunc((47 * (100 - r)) / 100), 1.5) * 2);

describe('vgc held items', () => {
  it('validation: unknown items and a repeated item are errors (one of each item per team)', () => {
    const errs = teamErrors(
      team({ ...zappup, item: 'focus-charm' }, { ...pixie, item: 'focus-charm' }, { ...aegis, item: 'lucky-rock' }),
    ).join('\n');
    assert.match(errs, /item focus-charm is already held by creature 1/);
    assert.match(errs, /unknown item "lucky-rock"/);
    assert.deepEqual(teamErrors(team({ ...zappup, item: 'Focus Charm' }, { ...pixie, item: 'swift-scarf' })), []);
  });

  it('Focus Charm: at full HP a knock-out hit leaves 1 HP, once, and the opponent then knows the item', () => {
    let s = battle([dune, aegis], [{ ...zappup, item: 'focus-charm' }, pixie]);
    assert.equal(vgc.observe(s, 0).sides[1]!.team[0]!.item, undefined);
    s = turn(s, { a: mv(2, 'foe1'), b: mv(4) }, { a: mv(1, 'foe1'), b: mv(3) }); // Mud Lance (×2) vs Zappup
    assert.equal(mon(s, 1, 0).hp, 1);
    assert.ok(eventsOf(s, 'item').some((e) => e.effect === 'held on'));
    const seen = vgc.observe(s, 0).sides[1]!.team[0]!;
    assert.equal(seen.item, 'focus-charm');
    assert.equal(seen.itemUsed, true);
    s = turn(s, { a: mv(2, 'foe1'), b: mv(4) }, { a: mv(1, 'foe1'), b: mv(3) });
    assert.equal(s.sides[1]!.team[0]!.hp, 0);
  });

  it('Power Orb: damage × 5324/4096 as a final modifier, then the holder loses 1/10 of its max HP', () => {
    const boosted = palm.map((d) => modify(d, 5324 / 4096));
    assert.equal(boosted[0], 182); // (140·5324 + 2047) >> 12
    for (let seed = 1; seed <= 20; seed++) {
      let s = battle([{ ...brawl, item: 'power-orb' }, aegis], [burl, pixie], seed);
      s = turn(s, { a: mv(1, 'foe1'), b: mv(4) }, { a: mv(1), b: mv(3) });
      const hit = eventsOf(s, 'damage').find((e) => e.seat === 1 && e.slot === 0)!;
      const holder = mon(s, 0, 0);
      assert.equal(holder.maxHp - holder.hp, Math.floor(holder.maxHp / 10));
      if (!hit.crit) assert.ok(boosted.includes(mon(s, 1, 0).maxHp - mon(s, 1, 0).hp));
    }
  });

  it('Mending Berry: restores 1/4 of max HP once when damage leaves the holder at half HP or less', () => {
    for (let seed = 1; seed <= 20; seed++) {
      let s = battle([brawl, aegis], [{ ...burl, item: 'mending-berry' }, pixie], seed);
      s = turn(s, { a: mv(1, 'foe1'), b: mv(4) }, { a: mv(1), b: mv(3) });
      const b = s.sides[1]!.team[0]!;
      const hit = eventsOf(s, 'damage').find((e) => e.seat === 1 && e.slot === 0)!;
      if (hit.crit) continue; // a critical hit may knock it out before the berry
      assert.ok(b.itemUsed);
      assert.ok(palm.includes(b.maxHp - b.hp + Math.floor(b.maxHp / 4)), 'HP = max − damage + ⌊max/4⌋');
    }
  });

  it('Swift Scarf: speed ×1.5, and it is never revealed by acting', () => {
    let s = battle(
      [
        { species: 'Cragolem', moves: ['crag-spear', 'pebble-shot', 'warp-zone', 'bulwark'], item: 'swift-scarf' },
        aegis,
      ],
      [zappup, pixie],
    );
    assert.equal(effectiveSpeed(s.sides[0]!, mon(s, 0, 0)), 75); // 50 × 1.5
    s = turn(s, { a: mv(4), b: mv(4) }, { a: mv(4), b: mv(1) });
    assert.equal(vgc.observe(s, 1).sides[0]!.team[0]!.item, undefined);
    assert.equal(vgc.observe(s, 0).sides[0]!.team[0]!.item, 'swift-scarf');
  });
});
