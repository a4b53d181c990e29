import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig } from '../../games/core/kernel.ts';
import { vgc } from '../../games/vgc/index.ts';
import { OBS_SIZE } from '../../games/vgc/encode.ts';
import { battle, mv, turn } from './helpers.ts';

const zappup = { species: 'Zappup', moves: ['volt-fang', 'arc-bolt', 'quick-jab', 'bulwark'] };
const pixie = { species: 'Pixiebell', moves: ['bulwark', 'moon-ray', 'mend', 'fae-kiss'] };

describe('vgc views', () => {
  it('at team preview a seat sees its whole team but only the six species of the opponent', () => {
    const s = vgc.init(parseConfig(vgc, {}), 5);
    const obs = vgc.observe(s, 0);
    assert.ok(obs.sides[0]!.team.every((m) => m.moves.length === 4 && m.stats));
    assert.equal(obs.sides[1]!.team.length, 6);
    assert.ok(obs.sides[1]!.team.every((m) => m.moves.length === 0 && !m.stats && !m.seen));
    const text = vgc.render(obs);
    for (const m of obs.sides[1]!.team) assert.ok(text.includes(m.species));
  });

  it('opponent moves appear only once used; HP shows as a percentage; spectators see no exact HP', () => {
    let s = battle([zappup, pixie], [pixie, zappup]);
    const before = vgc.observe(s, 1).sides[0]!.team.find((m) => m.species === 'Zappup')!;
    assert.deepEqual(before.moves, []);
    assert.equal(before.hp, undefined);
    s = turn(s, { a: mv(2, 'foe1'), b: mv(1) }, { a: mv(1), b: mv(4) });
    const after = vgc.observe(s, 1).sides[0]!.team.find((m) => m.species === 'Zappup')!;
    assert.deepEqual(after.moves, ['arc-bolt']);
    const spec = vgc.observe(s, 'spectator');
    assert.ok(spec.sides.every((side) => side.team.every((m) => m.hp === undefined && m.stats === undefined)));
    assert.ok(vgc.render(spec).includes('Arc Bolt'));
  });

  it('the two creatures brought but not yet sent out are not revealed', () => {
    const s = battle([zappup, pixie], [pixie, zappup]);
    const foe = vgc.observe(s, 0).sides[1]!;
    assert.equal(foe.team.filter((m) => m.seen).length, 2);
    assert.equal(foe.left, 4);
  });

  it('encodes every view to a finite vector of the declared size', () => {
    const s = battle([zappup, pixie], [pixie, zappup]);
    for (const who of [0, 1, 'spectator'] as const) {
      const v = vgc.encode(vgc.observe(s, who));
      assert.equal(v.length, OBS_SIZE);
      assert.equal(vgc.obsSize(s.config), OBS_SIZE);
      assert.ok(v.every(Number.isFinite));
    }
    assert.notDeepEqual(vgc.encode(vgc.observe(s, 0)), vgc.encode(vgc.observe(s, 1)));
  });

  it('the event log reads as text', () => {
    let s = battle([zappup, pixie], [pixie, zappup]);
    s = turn(s, { a: mv(2, 'foe1'), b: mv(1) }, { a: mv(1), b: mv(4) });
    const text = vgc.render(vgc.observe(s, 0));
    assert.match(text, /Zappup \(p1a\) used Arc Bolt\./);
    assert.match(text, /protected itself/);
  });
});
