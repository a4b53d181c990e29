import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  GameError,
  canonicalJson,
  hashState,
  parseConfig,
  playMatch,
  replay,
  stableHash,
  stepChecked,
  validateAction,
} from '../../games/core/index.ts';
import { tinyGame } from '../support/tiny-game.ts';
import { conformance } from '../support/conformance.ts';

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof GameError, `not a GameError: ${String(e)}`);
    return e.code;
  }
  return 'accepted';
}

describe('kernel', () => {
  it('canonical JSON and the hash ignore key order', () => {
    assert.equal(canonicalJson({ b: 1, a: [1, { d: 2, c: 3 }] }), canonicalJson({ a: [1, { c: 3, d: 2 }], b: 1 }));
    assert.equal(stableHash({ x: 1, y: 2 }), stableHash({ y: 2, x: 1 }));
    assert.notEqual(stableHash({ x: 1 }), stableHash({ x: 2 }));
    assert.match(stableHash(null), /^[0-9a-f]{32}$/);
  });

  it('parseConfig fills defaults and reports unknown keys as BAD_CONFIG', () => {
    assert.deepEqual(parseConfig(tinyGame, {}), { rounds: 3 });
    assert.equal(
      code(() => parseConfig(tinyGame, { rounds: 0 })),
      'BAD_CONFIG',
    );
    assert.equal(
      code(() => parseConfig(tinyGame, { colour: 'red' })),
      'BAD_CONFIG',
    );
  });

  it('validateAction distinguishes SCHEMA, ILLEGAL_ACTION and GAME_OVER', () => {
    const s = tinyGame.init(parseConfig(tinyGame, {}), 1);
    assert.equal(
      code(() => validateAction(tinyGame, s, 0, { guess: 'two' })),
      'SCHEMA',
    );
    assert.equal(
      code(() => validateAction(tinyGame, s, 0, { guess: 9 })),
      'ILLEGAL_ACTION',
    );
    assert.deepEqual(validateAction(tinyGame, s, 0, { guess: 2 }), { guess: 2 });
    const done = tinyGame.init(parseConfig(tinyGame, { rounds: 1 }), 1);
    stepChecked(tinyGame, done, [{ guess: 0 }, { guess: 0 }]);
    assert.equal(
      code(() => validateAction(tinyGame, done, 0, { guess: 1 })),
      'GAME_OVER',
    );
  });

  it('a rejected joint action leaves the state untouched, even when the other seat was valid', () => {
    const s = tinyGame.init(parseConfig(tinyGame, {}), 1);
    const before = hashState(tinyGame, s);
    assert.equal(
      code(() => stepChecked(tinyGame, s, [{ guess: 1 }, { guess: 7 }])),
      'ILLEGAL_ACTION',
    );
    assert.equal(
      code(() => stepChecked(tinyGame, s, [{ guess: 1 }])),
      'SCHEMA',
    );
    assert.equal(hashState(tinyGame, s), before);
  });

  it('playMatch logs every joint action and its replay reproduces the final hash', () => {
    const agents = [
      { act: () => ({ guess: 1 }) },
      { act: (_o: unknown, info: { step: number }) => ({ guess: info.step % 4 }) },
    ];
    const rec = playMatch(tinyGame, { rounds: 5 }, 77, agents);
    assert.equal(rec.steps, 5);
    assert.equal(rec.replay.actions.length, 5);
    assert.deepEqual(rec.replay.actions[2], [{ guess: 1 }, { guess: 2 }]);
    const again = replay(tinyGame, JSON.parse(JSON.stringify(rec.replay)));
    assert.equal(again.hash, rec.finalHash);
  });

  it('a replay that does not reproduce, or holds an illegal action, is BAD_REPLAY', () => {
    const rec = playMatch(tinyGame, {}, 3, [{ act: () => ({ guess: 0 }) }, { act: () => ({ guess: 3 }) }]);
    assert.equal(
      code(() => replay(tinyGame, { ...rec.replay, finalHash: 'f'.repeat(32) })),
      'BAD_REPLAY',
    );
    const bad = structuredClone(rec.replay);
    bad.actions[1] = [{ guess: 5 }, { guess: 0 }];
    assert.equal(
      code(() => replay(tinyGame, bad)),
      'BAD_REPLAY',
    );
    assert.equal(
      code(() => replay(tinyGame, { ...rec.replay, game: 'chess' })),
      'BAD_REPLAY',
    );
  });

  it('playMatch refuses the wrong number of seats', () => {
    assert.equal(
      code(() => playMatch(tinyGame, {}, 1, [{ act: () => ({ guess: 0 }) }])),
      'BAD_CONFIG',
    );
  });
});

// The conformance suite specifies itself against the fixture: a game that obeys the rules passes.
conformance(tinyGame);

describe('the conformance suite itself', () => {
  it('catches an observation that leaks hidden information', async () => {
    const { checkNoLeaks } = await import('../support/conformance.ts');
    const leaky = { ...tinyGame, observe: (s: any) => ({ round: s.round, scores: [...s.scores], secret: s.secret }) };
    assert.throws(() => checkNoLeaks(leaky, { rounds: 3 }), /depends on hidden information/);
    checkNoLeaks(tinyGame, { rounds: 3 });
  });
});
