import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Dex } from '@pkmn/sim';
import { EFFECTIVENESS, TYPES, effectiveness, typeIndex } from '../../games/vgc/data/types.ts';

const T = (n: string) => typeIndex(n);

describe('vgc type chart', () => {
  it('has the textbook entries: super effective, resisted, immune', () => {
    assert.equal(effectiveness(T('Fire'), T('Grass'), -1), 2);
    assert.equal(effectiveness(T('Water'), T('Fire'), -1), 2);
    assert.equal(effectiveness(T('Electric'), T('Ground'), -1), 0);
    assert.equal(effectiveness(T('Normal'), T('Ghost'), -1), 0);
    assert.equal(effectiveness(T('Ghost'), T('Normal'), -1), 0);
    assert.equal(effectiveness(T('Dragon'), T('Fairy'), -1), 0);
    assert.equal(effectiveness(T('Psychic'), T('Dark'), -1), 0);
    assert.equal(effectiveness(T('Poison'), T('Steel'), -1), 0);
    assert.equal(effectiveness(T('Ground'), T('Flying'), -1), 0);
    assert.equal(effectiveness(T('Fighting'), T('Fairy'), -1), 0.5);
    assert.equal(effectiveness(T('Steel'), T('Fairy'), -1), 2);
    assert.equal(effectiveness(T('Grass'), T('Grass'), -1), 0.5);
  });

  it('multiplies for two types: 4×, ¼× and an immunity that wins over a weakness', () => {
    assert.equal(effectiveness(T('Ice'), T('Ground'), T('Flying')), 4);
    assert.equal(effectiveness(T('Bug'), T('Fire'), T('Flying')), 0.25);
    assert.equal(effectiveness(T('Electric'), T('Water'), T('Ground')), 0);
    assert.equal(effectiveness(T('Fire'), T('Water'), T('Grass')), 1);
  });

  it('matches @pkmn/sim (Showdown) on all 324 attacker/defender pairs', () => {
    const code = { 0: 1, 1: 2, 2: 0.5, 3: 0 } as Record<number, number>;
    for (const def of TYPES) {
      const taken = Dex.types.get(def).damageTaken as Record<string, number>;
      for (const atk of TYPES) {
        assert.equal(EFFECTIVENESS[T(atk) * 18 + T(def)], code[taken[atk]!], `${atk} → ${def}`);
      }
    }
  });
});
