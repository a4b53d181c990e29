/**
 * What a person types in the play page's text box becomes the action they meant
 * (arena-ui/src/controls.ts): every legal action's text, however it is spaced or cased, reads back
 * to that action, and games whose parser needs only the config accept their whole text syntax.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseConfig } from '../../games/core/kernel.ts';
import { Rng } from '../../games/core/rng.ts';
import { getGame } from '../../games/index.ts';
import { normaliseActionText, readAction } from '../../arena-ui/src/controls.ts';
import { niceStep } from '../../arena-ui/src/chart.ts';
import { shortNumbers } from '../../arena-ui/src/page-match.ts';

/** Re-space and re-case a text the way a person might type it. */
function messUp(text: string, seed: number): string {
  const rng = Rng.seeded(seed);
  let out = '';
  for (const ch of text) {
    const c = rng.float() < 0.5 ? ch.toUpperCase() : ch.toLowerCase();
    out +=
      ch === ' ' ? ' '.repeat(1 + Math.floor(rng.float() * 3)) : /[:;>]/.test(ch) && rng.float() < 0.5 ? ch + ' ' : c;
  }
  return `  ${out} `;
}

describe('reading typed actions', () => {
  it('every legal VGC action, typed with any spacing and case, reads back to itself (preview and battle turns)', () => {
    const game = getGame('vgc');
    const config = parseConfig(game, {});
    let state = game.init(config, 7);
    const rng = Rng.seeded(3);
    let checked = 0;
    for (let step = 0; step < 6 && !game.isTerminal(state); step++) {
      const joint: unknown[] = [];
      for (const seat of game.toAct(state)) {
        const legal = game.legal(state, seat)!;
        for (const [i, a] of legal.entries()) {
          if (i % 7 !== 0) continue; // a spread of the list keeps the test fast
          assert.deepEqual(readAction(game, config, seat, messUp(game.actionText(a), i + step * 1000), legal), a);
          checked++;
        }
        joint[seat] = legal[rng.int(legal.length)];
      }
      state = game.step(state, joint).state;
    }
    assert.ok(checked > 50, `${checked} actions checked`);
  });

  it('a text that names no legal VGC action is refused, not guessed', () => {
    const game = getGame('vgc');
    const config = parseConfig(game, {});
    const state = game.init(config, 1);
    assert.throws(
      () => readAction(game, config, 0, 'bring 1 1 1 1', game.legal(state, 0)),
      /not one of the legal actions/,
    );
    assert.throws(
      () => readAction(game, config, 0, 'a: move 1 -> foe 1; b: move 1', game.legal(state, 0)),
      /not one of the legal actions/,
    );
  });

  it('config-only parsers read their own words: dilemma moves, sumo labels and numbers, public goods contributions', () => {
    const ipd = getGame('ipd');
    const ipdConfig = parseConfig(ipd, {});
    assert.equal(readAction(ipd, ipdConfig, 0, 'defect', ['C', 'D']), 'D');
    assert.equal(readAction(ipd, ipdConfig, 1, ' c ', ['C', 'D']), 'C');
    const sumo = getGame('sumo');
    const sumoConfig = parseConfig(sumo, {});
    assert.deepEqual(readAction(sumo, sumoConfig, 0, 'forward-left', undefined), [1, 1]);
    fc.assert(
      fc.property(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }), (t, r) => {
        assert.deepEqual(readAction(sumo, sumoConfig, 0, sumo.actionText([t, r]), undefined), [t, r]);
      }),
      { numRuns: 50 },
    );
    const pg = getGame('public-goods');
    const pgConfig = parseConfig(pg, { players: 3, contributions: 'continuous' });
    const state = pg.init(pgConfig, 1);
    const legal = pg.legal(state, 0);
    const typed = readAction(pg, pgConfig, 0, pg.actionText(pg.defaultAction(state, 0)), legal);
    assert.deepEqual(typed, pg.defaultAction(state, 0));
  });

  it('normalises spacing around the punctuation of action texts but keeps words apart', () => {
    assert.equal(normaliseActionText('  A :  move 1  ->  foe 2 ;B: switch   3 '), 'a:move 1->foe 2;b:switch 3');
    assert.notEqual(normaliseActionText('move 12'), normaliseActionText('move 1 2'));
  });
});

describe('display helpers', () => {
  it('chart ticks are 1, 2 or 5 times a power of ten and cover the span in about the asked count', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e6, noNaN: true }), fc.integer({ min: 2, max: 12 }), (span, count) => {
        const step = niceStep(span, count);
        const mantissa = step / 10 ** Math.floor(Math.log10(step) + 1e-9);
        assert.ok(
          [1, 2, 5, 10].some((m) => Math.abs(mantissa - m) < 1e-6),
          `step ${step}`,
        );
        assert.ok(span / step <= count + 1e-9 && span / step > count / 10 - 1e-9, `${span} / ${step} vs ${count}`);
      }),
    );
  });

  it('long decimals in action texts are shown with three digits, short numbers untouched', () => {
    assert.equal(shortNumbers('thrust 0.8822255245832266 turn -0.7549053974683545'), 'thrust 0.882 turn -0.755');
    assert.equal(shortNumbers('contribute 12.5; move 1 -> foe 2'), 'contribute 12.5; move 1 -> foe 2');
  });
});
