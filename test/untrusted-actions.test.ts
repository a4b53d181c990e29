/**
 * Audit of issue 10 (a seat must not be able to end a match on purpose as an infrastructure
 * failure): whatever a seat sends, the engine either refuses it with a typed GameError, leaving
 * the state untouched, or accepts it and goes on. Actions are fuzzed near each game's schema (so
 * that many pass it) from random points of random legal playouts, and every accepted one is
 * followed by more random play to the end.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { GameError } from '../games/core/errors.ts';
import { hashState, parseConfig, stepChecked } from '../games/core/kernel.ts';
import { Rng } from '../games/core/rng.ts';
import type { AnyGame } from '../games/core/types.ts';
import { GAMES } from '../games/index.ts';
import { randomJoint } from './support/conformance.ts';

const anyNumber = fc.oneof(
  fc.double(),
  fc.integer({ min: -3, max: 40 }),
  fc.constantFrom(0, -0, 1, 0.5, 1e-320, 2 ** 53),
);
const small = fc.integer({ min: -1, max: 10 });

const FUZZ: Record<string, fc.Arbitrary<unknown>> = {
  dilemmas: fc.oneof(
    fc.constantFrom('C', 'D', 'c', 'X'),
    fc.record({ say: fc.string({ maxLength: 600, unit: 'binary' }) }),
  ),
  'public-goods': fc.oneof(
    fc.record({ type: fc.constant('contribute'), amount: anyNumber }),
    fc.record({
      type: fc.constant('punish'),
      points: fc.array(fc.oneof(small, fc.integer({ min: 0, max: 60 }), anyNumber), { maxLength: 34 }),
    }),
  ),
  sumo: fc.tuple(anyNumber, anyNumber),
  'trust-and-split': fc.oneof(
    fc.record({ claim: fc.oneof(small, anyNumber, fc.integer({ min: 0, max: 120 })) }),
    fc.record({ say: fc.string({ maxLength: 600, unit: 'binary' }) }),
    fc.record({ say: fc.string({ maxLength: 3 }), claim: small }),
  ),
  vgc: (() => {
    const target = fc.constantFrom('foe1', 'foe2', 'ally', 'self');
    const slot = fc.oneof(
      fc.constant('pass'),
      fc.record({ move: small }, { requiredKeys: ['move'] }),
      fc.record({ move: small, target }),
      fc.record({ switch: small }),
    );
    return fc.oneof(
      fc.record({ bring: fc.array(small, { minLength: 3, maxLength: 5 }) }),
      fc.record({ a: slot, b: slot }),
    );
  })(),
};

function fuzzFor(game: AnyGame): fc.Arbitrary<unknown> {
  return FUZZ[game.family] ?? FUZZ['public-goods']!;
}

describe('untrusted actions: refused with a typed error, or accepted without breaking the engine', () => {
  for (const game of GAMES) {
    const configs = game.conformance?.configs ?? [{}];
    it(`${game.id}`, () => {
      let accepted = 0;
      let refused = 0;
      fc.assert(
        fc.property(
          fc.nat({ max: configs.length - 1 }),
          fc.nat(),
          fc.nat({ max: 40 }),
          fc.array(fuzzFor(game), { minLength: 1, maxLength: 4 }),
          (ci, seed, depth, fuzzed) => {
            const parsed = parseConfig(game, configs[ci]);
            const rng = Rng.seeded(seed);
            let state = game.init(parsed, seed);
            for (let i = 0; i < depth && !game.isTerminal(state); i++)
              state = stepChecked(game, state, randomJoint(game, state, rng)).state;
            if (game.isTerminal(state)) return;
            for (const bad of fuzzed) {
              const joint = randomJoint(game, state, rng);
              const seat = rng.pick(game.toAct(state));
              joint[seat] = bad;
              const h = hashState(game, state);
              let next: unknown;
              try {
                next = stepChecked(game, game.clone(state), joint).state;
              } catch (e) {
                assert.ok(e instanceof GameError, `${JSON.stringify(bad)}: ${String(e)}`);
                assert.equal(hashState(game, state), h);
                refused++;
                continue;
              }
              accepted++;
              // Accepted: play on (up to 300 steps) without an error.
              let s = next;
              for (let i = 0; i < 300 && !game.isTerminal(s); i++)
                s = stepChecked(game, s, randomJoint(game, s, rng)).state;
              assert.ok(game.result(s).returns.every(Number.isFinite));
            }
          },
        ),
        { numRuns: game.family === 'dilemmas' ? 30 : 60 },
      );
      assert.ok(refused > 0, 'the fuzz reached the checks');
      void accepted;
    });
  }
});
