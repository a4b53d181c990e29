import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GameError } from '../../games/core/errors.ts';
import { parseConfig } from '../../games/core/kernel.ts';
import { Rng } from '../../games/core/rng.ts';
import { vgc } from '../../games/vgc/index.ts';
import { MOVES } from '../../games/vgc/data/moves.ts';
import { SPECIES } from '../../games/vgc/data/species.ts';
import { TYPES } from '../../games/vgc/data/types.ts';
import { SAMPLE_POOL, poolSelection } from '../../games/vgc/pool.ts';
import { randomTeam, teamErrors, toSpec } from '../../games/vgc/teams.ts';
import { team } from './helpers.ts';

const zappup = { species: 'Zappup', moves: ['volt-fang', 'arc-bolt', 'quick-jab', 'bulwark'] };

describe('vgc data', () => {
  it('has at least 40 creatures with 1–2 of the 18 types and 80 moves with every targeting kind', () => {
    assert.ok(SPECIES.length >= 40);
    for (const s of SPECIES) {
      assert.ok(s.types.length >= 1 && s.types.length <= 2);
      assert.ok(s.types.every((t) => (TYPES as readonly string[]).includes(t)));
      assert.equal(s.base.length, 6);
    }
    assert.ok(MOVES.length >= 80);
    for (const t of ['normal', 'foes', 'allOthers', 'self', 'ally', 'side', 'field'])
      assert.ok(
        MOVES.some((m) => m.target === t),
        t,
      );
    assert.equal(new Set(SPECIES.map((s) => s.name)).size, SPECIES.length);
    assert.equal(new Set(MOVES.map((m) => m.id)).size, MOVES.length);
  });
});

describe('vgc team validation', () => {
  it('accepts a legal team', () => {
    assert.deepEqual(teamErrors(team(zappup)), []);
  });
  it('reports unknown species, unlearnable moves, duplicates and wrong sizes, all at once', () => {
    const bad = [
      { species: 'Pikaboo', moves: ['volt-fang', 'arc-bolt', 'quick-jab', 'bulwark'] },
      { species: 'Zappup', moves: ['volt-fang', 'moon-ray', 'quick-jab', 'bulwark'] },
      { species: 'Zappup', moves: ['volt-fang', 'arc-bolt', 'quick-jab'] },
      { species: 'Pixiebell', moves: ['bulwark', 'moon-ray', 'moon-ray', 'fling'] },
      { species: 'Aegisteel', moves: ['bulwark', 'iron-knuckle', 'mud-lance', 'iron-wall'] },
    ];
    const errs = teamErrors(bad);
    const all = errs.join('\n');
    assert.match(all, /a team has 6 creatures, this one has 5/);
    assert.match(all, /unknown species "Pikaboo"/);
    assert.match(all, /Zappup cannot learn moon-ray/);
    assert.match(all, /duplicate species, already creature 2/);
    assert.match(all, /needs 4 moves, has 3/);
    assert.match(all, /move moon-ray listed twice/);
    assert.match(all, /unknown move "fling"/);
  });
  it('refuses a config with an invalid explicit team', () => {
    assert.throws(
      () => parseConfig(vgc, { teamSource: 'explicit', teams: [[zappup]] }),
      (e: unknown) => e instanceof GameError && e.code === 'BAD_CONFIG' && /6 creatures/.test(e.message),
    );
  });
});

describe('vgc team sources', () => {
  it('the sample pool has at least 64 valid teams', () => {
    assert.ok(SAMPLE_POOL.length >= 64);
    SAMPLE_POOL.forEach((t, i) => assert.deepEqual(teamErrors(t), [], `sample team ${i}`));
  });
  it('a pool selection restricts the teams a battle can draw (train on some, test on others)', () => {
    assert.deepEqual(poolSelection('0-2,5'), [0, 1, 2, 5]);
    assert.deepEqual(poolSelection(7), [7]);
    assert.throws(() => parseConfig(vgc, { pool: true }), /pool must be a selector/);
    assert.throws(() => poolSelection('70-99'), /outside/);
    const allowed = new Set(poolSelection('64-71').map((i) => SAMPLE_POOL[i]!.map((c) => c.species).join()));
    for (let seed = 1; seed <= 20; seed++) {
      const s = vgc.init(parseConfig(vgc, { pool: '64-71' }), seed);
      for (const side of s.sides) assert.ok(allowed.has(side.team.map((m) => SPECIES[m.species]!.name).join()));
    }
  });
  it('random teams are legal and reproducible from the seed', () => {
    for (let seed = 0; seed < 50; seed++) {
      const a = toSpec(randomTeam(Rng.seeded(seed)));
      assert.deepEqual(teamErrors(a), []);
      assert.deepEqual(toSpec(randomTeam(Rng.seeded(seed))), a);
    }
    assert.notDeepEqual(toSpec(randomTeam(Rng.seeded(1))), toSpec(randomTeam(Rng.seeded(2))));
  });
});
