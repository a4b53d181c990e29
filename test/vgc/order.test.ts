import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Rng } from '../../games/core/rng.ts';
import { sortQueue, type QueueEntry } from '../../games/vgc/order.ts';
import { battle, eventsOf, mv, turn } from './helpers.ts';

const e = (seat: number, slot: number, priority: number, speed: number, isSwitch = false): QueueEntry => ({
  seat,
  slot,
  code: 0,
  isSwitch,
  priority,
  speed,
});
const ids = (q: QueueEntry[]) => q.map((x) => `${x.seat}${x.slot}`);

describe('vgc turn order (unit)', () => {
  it('switches first, then higher priority, then faster', () => {
    const q = [e(0, 0, 0, 200), e(0, 1, 1, 10), e(1, 0, 0, 100, true), e(1, 1, 0, 50)];
    assert.deepEqual(ids(sortQueue(q, false, Rng.seeded(1))), ['10', '01', '00', '11']);
  });

  it('the room effect reverses speed order within a priority bracket, but not priority or switches', () => {
    const q = [e(0, 0, 0, 200), e(0, 1, 1, 10), e(1, 0, 0, 100, true), e(1, 1, 0, 50)];
    assert.deepEqual(ids(sortQueue(q, true, Rng.seeded(1))), ['10', '01', '11', '00']);
  });

  it('speed ties are broken by the PRNG: both orders happen, and the same seed gives the same order', () => {
    const orders = new Set<string>();
    for (let seed = 0; seed < 40; seed++) {
      const a = ids(sortQueue([e(0, 0, 0, 100), e(1, 0, 0, 100)], false, Rng.seeded(seed))).join();
      const b = ids(sortQueue([e(0, 0, 0, 100), e(1, 0, 0, 100)], false, Rng.seeded(seed))).join();
      assert.equal(a, b);
      orders.add(a);
    }
    assert.deepEqual([...orders].sort(), ['00,10', '10,00']);
  });
});

// Speeds at level 50: Zappup 145, Pixiebell 80, Aegisteel 60, Cragolem 50 (Chatterwing 130).
const cragolem = { species: 'Cragolem', moves: ['dust-gale', 'pebble-shot', 'warp-zone', 'bulwark'] };
const zappup = { species: 'Zappup', moves: ['volt-fang', 'arc-bolt', 'quick-jab', 'bulwark'] };
const aegis = { species: 'Aegisteel', moves: ['bulwark', 'iron-knuckle', 'mud-lance', 'iron-wall'] };
const pixie = { species: 'Pixiebell', moves: ['bulwark', 'moon-ray', 'mend', 'fae-kiss'] };
const movers = (s: ReturnType<typeof battle>) => eventsOf(s, 'move').map((x) => x.species);

describe('vgc turn order (in battle)', () => {
  it('faster creatures move first', () => {
    let s = battle([cragolem, aegis], [zappup, pixie]);
    s = turn(s, { a: mv(1), b: mv(4) }, { a: mv(1, 'foe1'), b: mv(3) });
    assert.deepEqual(movers(s), ['Zappup', 'Pixiebell', 'Aegisteel', 'Cragolem']);
  });

  it('priority beats speed: a slow creature’s +1 move goes before a fast one', () => {
    let s = battle([cragolem, aegis], [zappup, pixie]);
    s = turn(s, { a: mv(2, 'foe1'), b: mv(4) }, { a: mv(2, 'foe1'), b: mv(3) });
    assert.deepEqual(movers(s), ['Cragolem', 'Zappup', 'Pixiebell', 'Aegisteel']);
  });

  it('after the room effect is set, the slowest move first (and using it again ends it)', () => {
    let s = battle([cragolem, aegis], [zappup, pixie]);
    s = turn(s, { a: mv(3), b: mv(4) }, { a: mv(4), b: mv(3) }); // Warp Zone goes last (priority −7)
    assert.equal(s.room, 4);
    s = turn(s, { a: mv(1), b: mv(4) }, { a: mv(1, 'foe1'), b: mv(3) });
    assert.deepEqual(movers(s), ['Cragolem', 'Aegisteel', 'Pixiebell', 'Zappup']);
    s = turn(s, { a: mv(3), b: mv(4) }, { a: mv(3, 'foe2'), b: mv(3) });
    assert.equal(s.room, 0);
    assert.ok(eventsOf(s, 'room').some((x) => x.on === false));
  });

  it('switches happen before any move, even priority ones', () => {
    let s = battle(
      [cragolem, aegis, pixie],
      [zappup, { species: 'Oracleon', moves: ['mind-spike', 'bulwark', 'psi-storm', 'mend'] }],
    );
    s = turn(s, { a: { switch: 3 }, b: mv(4) }, { a: mv(3, 'foe1'), b: mv(4) });
    const kinds = s.events.filter((x) => x.type === 'switch' || x.type === 'move').map((x) => x.type);
    assert.equal(kinds[0], 'switch');
  });

  it('tailwind doubles the side’s speed for 4 turns, this one included', () => {
    const gale = { species: 'Chatterwing', moves: ['following-gale', 'quick-jab', 'talon-dive', 'bulwark'] };
    let s = battle([cragolem, gale], [zappup, pixie]);
    s = turn(s, { a: mv(4), b: mv(1) }, { a: mv(4), b: mv(3) });
    assert.equal(s.sides[0]!.tailwind, 3);
    // Chatterwing 2·130 = 260 now outspeeds Zappup 145, and Cragolem 2·50 = 100 outspeeds Pixiebell 80.
    s = turn(s, { a: mv(1), b: mv(3, 'foe2') }, { a: mv(1, 'foe1'), b: mv(3) });
    assert.deepEqual(movers(s), ['Chatterwing', 'Zappup', 'Cragolem', 'Pixiebell']);
    for (let i = 0; i < 3; i++) s = turn(s, { a: mv(4), b: mv(4) }, { a: mv(4), b: mv(3) });
    assert.equal(s.sides[0]!.tailwind, 0);
  });
});
