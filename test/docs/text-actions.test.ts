/**
 * docs/protocol.md § "The text form of each game's actions" stays true to the engines: every registered
 * game has exactly one row, and every example in a row is the canonical text (`actionText`) of an action
 * that is legal in some state of that game (found on random playouts of its conformance configs), which
 * the game's parser reads back.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseConfig } from '../../games/core/kernel.ts';
import { Rng } from '../../games/core/rng.ts';
import type { AnyGame } from '../../games/core/types.ts';
import { GAMES } from '../../games/index.ts';
import { randomJoint } from '../support/conformance.ts';

const doc = readFileSync(new URL('../../docs/protocol.md', import.meta.url), 'utf8');

/** The table rows: game id → examples (the last column, `a` · `b`). */
function table(): Map<string, string[]> {
  const begin = doc.indexOf('<!-- text-actions:begin -->');
  const end = doc.indexOf('<!-- text-actions:end -->');
  assert.ok(begin >= 0 && end > begin, 'docs/protocol.md has the text-actions table markers');
  const rows = doc
    .slice(begin, end)
    .split('\n')
    .filter((l) => /^\| `[^`]+` \|/.test(l));
  const out = new Map<string, string[]>();
  for (const row of rows) {
    const cells = row.split(/(?<!\\)\|/).map((c) => c.trim());
    const game = /^`([^`]+)`$/.exec(cells[1]!)![1]!;
    assert.ok(!out.has(game), `${game} has two rows`);
    const examples = [...cells[cells.length - 2]!.matchAll(/`([^`]*)`/g)].map((m) => m[1]!);
    out.set(game, examples);
  }
  return out;
}

/**
 * True when `text` is the canonical text of an action legal in some state of `game`: random playouts
 * (its conformance configs, or the default) are searched, at most 200 steps each.
 */
function isTextOfSomeLegalAction(game: AnyGame, text: string): boolean {
  const configs = game.conformance?.configs ?? [{}];
  for (const raw of configs) {
    const config = parseConfig(game, raw);
    for (const seed of [3, 11]) {
      const rng = Rng.seeded(seed);
      let state = game.init(config, seed);
      for (let i = 0; i < 200 && !game.isTerminal(state); i++) {
        for (const seat of game.toAct(state)) {
          try {
            const a = game.parseAction(text, state, seat);
            game.check(state, seat, a);
            if (game.actionText(a) === text) return true;
          } catch {
            // not here: keep looking
          }
        }
        state = game.step(state, randomJoint(game, state, rng)).state;
      }
    }
  }
  return false;
}

describe('docs/protocol.md: the text form of each game', () => {
  const rows = table();

  it('has one row per registered game, and none for a game that does not exist', () => {
    assert.deepEqual([...rows.keys()].sort(), GAMES.map((g) => g.id).sort());
  });

  for (const game of GAMES) {
    it(`every example of ${game.id} is the text of a legal action that parses back`, () => {
      const examples = rows.get(game.id) ?? [];
      assert.ok(examples.length > 0, `${game.id} lists examples`);
      for (const e of examples) assert.ok(isTextOfSomeLegalAction(game, e), `${game.id}: ${JSON.stringify(e)}`);
    });
  }

  it('the check bites: a text no state makes legal is not found', () => {
    const ipd = GAMES.find((g) => g.id === 'ipd')!;
    assert.equal(isTextOfSomeLegalAction(ipd, 'E'), false);
    assert.equal(
      isTextOfSomeLegalAction(ipd, 'cooperate'),
      false,
      'a variant the parser reads is not the canonical text',
    );
  });
});
