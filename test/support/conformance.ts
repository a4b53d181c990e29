/**
 * The generic conformance suite. Every game in games/index.ts must pass it (see
 * test/conformance.test.ts); a game tunes it only through its `conformance` hooks.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  GameError,
  Rng,
  hashState,
  parseConfig,
  replay,
  stepChecked,
  type AnyGame,
  type Seat,
} from '../../games/core/index.ts';

/** A random joint action from a driver PRNG: legal list when there is one, else a box point. */
export function randomJoint(game: AnyGame, state: any, rng: Rng): unknown[] {
  const config = state.config;
  const n = game.numSeats(config);
  const space = game.actionSpace(config);
  const joint: unknown[] = new Array(n).fill(undefined);
  for (const seat of game.toAct(state)) {
    const legal = game.legal(state, seat);
    if (legal) joint[seat] = rng.pick(legal);
    else if (space.kind === 'box') joint[seat] = space.low.map((lo, i) => rng.uniform(lo, space.high[i]!));
    else {
      const m = game.mask(state, seat);
      const idx = [...m.keys()].filter((i) => m[i]);
      joint[seat] = game.indexToAction(state, seat, rng.pick(idx));
    }
  }
  return joint;
}

/** Play a whole match with random actions; returns the hash after every step and the action log. */
function randomRun(game: AnyGame, config: unknown, seed: number, driverSeed: number, maxSteps = 400) {
  const rng = Rng.seeded(driverSeed);
  let state = game.init(parseConfig(game, config), seed);
  const hashes = [hashState(game, state)];
  const actions: unknown[][] = [];
  for (let i = 0; i < maxSteps && !game.isTerminal(state); i++) {
    const joint = randomJoint(game, state, rng);
    actions.push(JSON.parse(JSON.stringify(joint.map((a) => (a === undefined ? null : a)))));
    state = stepChecked(game, state, joint).state;
    hashes.push(hashState(game, state));
  }
  return { state, hashes, actions };
}

function expectGameError(fn: () => unknown, codes: string[], what: string): GameError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof GameError, `${what}: expected a GameError, got ${String(e)}`);
    assert.ok(codes.includes(e.code), `${what}: expected ${codes.join('|')}, got ${e.code}: ${e.message}`);
    return e;
  }
  assert.fail(`${what}: expected a GameError (${codes.join('|')}), but it was accepted`);
}

// Values no game accepts as an action; games add their own near-misses through illegalActions.
const MALFORMED: unknown[] = [
  null,
  'not an action at all',
  {},
  [],
  { foo: 1 },
  [1, 2, 3, 'x'],
  true,
  { nested: { deep: [null] } },
  '\u0000',
  '\uD800',
];

/**
 * Text PostgreSQL's jsonb refuses (a NUL, lone surrogates of both kinds). Issue 10, fault 3: a cheap-talk "gg\u0000" made a finished match impossible to store.
 */
export const UNSTORABLE_TEXT = ['gg\u0000', 'a\uD800b', '\uDC00', 'x\uDBFF'];

/**
 * Every copy of `action` with one string in it (the action itself, an object value or an array
 * element, at any depth) replaced by `text`. A game's free-text fields are strings in its legal
 * actions (e.g. the dilemmas' {"say": ""}), so this reaches them without knowing the game.
 */
export function withEachString(action: unknown, text: string): unknown[] {
  if (typeof action === 'string') return [text];
  if (Array.isArray(action))
    return action.flatMap((x, i) => withEachString(x, text).map((v) => action.map((y, j) => (j === i ? v : y))));
  if (action !== null && typeof action === 'object') {
    const o = action as Record<string, unknown>;
    return Object.keys(o).flatMap((k) => withEachString(o[k], text).map((v) => ({ ...o, [k]: v })));
  }
  return [];
}

/**
 * Unstorable text in any string of an otherwise good action (the seat's action in `good`, or one of
 * its first legal actions) is a SCHEMA error, whatever the field; the state is not touched.
 */
export function checkUnstorableTextRefused(
  game: AnyGame,
  state: unknown,
  seat: Seat,
  good: readonly unknown[],
): number {
  let checked = 0;
  for (const base of [good[seat], ...(game.legal(state, seat) ?? []).slice(0, 8)]) {
    for (const text of UNSTORABLE_TEXT) {
      for (const bad of withEachString(base, text)) {
        const joint = [...good];
        joint[seat] = bad;
        expectGameError(
          () => stepChecked(game, state, joint),
          ['SCHEMA'],
          `text ${JSON.stringify(text)} in ${JSON.stringify(bad)}`,
        );
        checked++;
      }
    }
  }
  return checked;
}

/**
 * A seat's rewards must sum to the return the result reports (docs/protocol.md): after every
 * step of a random playout, Σ rewards[seat] = result(state).returns[seat] (to rounding: rewards are
 * floating point, e.g. a punishment stage's reward is its round payoff minus the stage-1 payoff).
 * Exported so that the suite's own tests can show it fails on an engine that breaks it.
 */
/**
 * Text mode's promise (docs/protocol.md § text mode): on the states of a random playout (every
 * `every`-th step), for each seat to act, EVERY legal action's text (`actionText`) parses back to that
 * action, and so does the default action's (the `defaultText` a text-mode turn carries). For a continuous
 * game, whose text may round, the text of a random action is a fixed point: parsing it and printing it
 * again gives the same text. Returns how many texts were checked.
 */
export function checkTextRoundTrip(
  game: AnyGame,
  parsed: unknown,
  seed: number,
  driverSeed: number,
  opts: { maxSteps?: number; every?: number } = {},
): number {
  const rng = Rng.seeded(driverSeed);
  let state = game.init(parsed, seed);
  const every = opts.every ?? 7;
  let checked = 0;
  for (let i = 0; i < (opts.maxSteps ?? 400) && !game.isTerminal(state); i++) {
    const joint = randomJoint(game, state, rng);
    if (i % every === 0) {
      for (const seat of game.toAct(state)) {
        const texts = new Map<string, unknown>();
        for (const a of game.legal(state, seat) ?? []) {
          const text = game.actionText(a);
          assert.deepEqual(
            game.parseAction(text, state, seat),
            a,
            `text round-trip of ${JSON.stringify(a)} (${JSON.stringify(text)})`,
          );
          assert.ok(!texts.has(text), `two legal actions print as ${JSON.stringify(text)}`);
          texts.set(text, a);
          checked++;
        }
        const d = game.defaultAction(state, seat);
        assert.deepEqual(game.parseAction(game.actionText(d), state, seat), d, "the default action's text round-trips");
        if (game.legal(state, seat) === undefined) {
          const text = game.actionText(joint[seat]);
          assert.equal(
            game.actionText(game.parseAction(text, state, seat)),
            text,
            "a continuous action's text is a fixed point",
          );
        }
        checked++;
      }
    }
    state = stepChecked(game, state, joint).state;
  }
  return checked;
}

export function checkReturnsAreSumsOfRewards(
  game: AnyGame,
  parsed: unknown,
  seed: number,
  driverSeed: number,
  maxSteps = 20_000,
): number {
  const rng = Rng.seeded(driverSeed);
  const n = game.numSeats(parsed);
  let state = game.init(parsed, seed);
  const sum = new Array<number>(n).fill(0);
  const scale = new Array<number>(n).fill(1);
  const check = (when: string) => {
    const returns = game.result(state).returns;
    assert.equal(returns.length, n);
    for (let s = 0; s < n; s++) {
      assert.ok(
        Math.abs(returns[s]! - sum[s]!) <= 1e-9 * scale[s]!,
        `${when}: seat ${s} got rewards summing to ${sum[s]} but result().returns says ${returns[s]}`,
      );
    }
  };
  check('at the start');
  let steps = 0;
  for (; steps < maxSteps && !game.isTerminal(state); steps++) {
    const r = stepChecked(game, state, randomJoint(game, state, rng));
    state = r.state;
    assert.equal(r.rewards.length, n, 'one reward per seat');
    for (let s = 0; s < n; s++) {
      assert.ok(Number.isFinite(r.rewards[s]), `finite reward for seat ${s}`);
      sum[s] += r.rewards[s]!;
      scale[s] += Math.abs(r.rewards[s]!);
    }
    check(`after step ${steps}`);
  }
  assert.ok(game.isTerminal(state), `the playout did not end within ${maxSteps} steps`);
  return steps;
}

/**
 * The leak property: for every seat and the spectator, a state that differs only in what that
 * viewer may not see (hooks.perturbHidden) must give an identical observation and text.
 * Exported so that the suite's own tests can show it fails on a leaky game.
 */
export function checkNoLeaks(game: AnyGame, parsed: unknown): void {
  const hooks = game.conformance ?? {};
  const n = game.numSeats(parsed);
  const perturb = hooks.perturbHidden;
  const rng = Rng.seeded(4242);
  let checked = 0;
  for (let seed = 1; seed <= 20; seed++) {
    let state = game.init(parsed, seed);
    for (let i = 0; i < 60 && !game.isTerminal(state); i++) {
      for (const who of [...Array.from({ length: n }, (_, s) => s as Seat | 'spectator'), 'spectator' as const]) {
        // Determinism of views: observing twice gives the same thing and does not change the state.
        const h = hashState(game, state);
        assert.deepEqual(game.observe(state, who), game.observe(state, who));
        assert.equal(hashState(game, state), h, 'observe mutated the state');
        if (!perturb) continue;
        const other = perturb(game.clone(state), who, rng);
        if (!other) continue;
        assert.notEqual(hashState(game, other), h, 'perturbHidden must change the state');
        assert.deepEqual(
          game.observe(other, who),
          game.observe(state, who),
          `view of ${who} depends on hidden information`,
        );
        assert.equal(game.render(game.observe(other, who)), game.render(game.observe(state, who)));
        checked++;
      }
      state = stepChecked(game, state, randomJoint(game, state, rng)).state;
    }
  }
  if (perturb) assert.ok(checked > 0, 'perturbHidden never produced a variant to compare');
}

export function conformance(game: AnyGame): void {
  const hooks = game.conformance ?? {};
  const configs = hooks.configs ?? [{}];
  describe(`conformance: ${game.id}`, () => {
    for (const [ci, config] of configs.entries()) {
      const label = configs.length > 1 ? ` [config ${ci}]` : '';
      const parsed = parseConfig(game, config);
      const n = game.numSeats(parsed);
      const space = game.actionSpace(parsed);

      it(`same seed and actions give the same state hash at every step${label}`, () => {
        fc.assert(
          fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 0, max: 2 ** 31 }), (seed, drv) => {
            const a = randomRun(game, config, seed, drv, 150);
            const b = randomRun(game, config, seed, drv, 150);
            assert.deepEqual(a.hashes, b.hashes);
          }),
          { numRuns: 10 },
        );
      });

      it(`replay of {game, config, seed, actions} reproduces the final hash${label}`, () => {
        fc.assert(
          fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 0, max: 2 ** 31 }), (seed, drv) => {
            const run = randomRun(game, config, seed, drv, 300);
            const finalHash = run.hashes[run.hashes.length - 1]!;
            const rep = JSON.parse(
              JSON.stringify({ game: game.id, config: parsed, seed, actions: run.actions, finalHash }),
            );
            assert.equal(replay(game, rep).hash, finalHash);
            const tampered = { ...rep, finalHash: '0'.repeat(32) };
            expectGameError(() => replay(game, tampered), ['BAD_REPLAY'], 'tampered replay');
          }),
          { numRuns: 8 },
        );
      });

      it(`random legal play never throws, and every view is well-formed${label}`, () => {
        const total = hooks.randomSteps ?? 10_000;
        const rng = Rng.seeded(1234 + ci);
        let seed = 1;
        let state = game.init(parsed, seed);
        const size = game.obsSize(parsed);
        for (let i = 0; i < total; i++) {
          if (game.isTerminal(state)) {
            const r = game.result(state);
            assert.equal(r.returns.length, n, 'one return per seat');
            assert.ok(r.returns.every(Number.isFinite), 'finite returns');
            if (r.winner !== undefined && r.winner !== null) assert.ok(r.winner >= 0 && r.winner < n);
            assert.deepEqual(game.toAct(state), []);
            state = game.init(parsed, ++seed);
            continue;
          }
          const deep = i % 50 === 0; // the expensive checks on a sample of steps
          for (const who of [...Array.from({ length: n }, (_, s) => s as Seat | 'spectator'), 'spectator' as const]) {
            if (!deep) break;
            const obs = game.observe(state, who);
            assert.equal(typeof game.render(obs), 'string');
            const v = game.encode(obs);
            assert.equal(v.length, size, 'encode length = obsSize');
            assert.ok(v.every(Number.isFinite), 'encoding is finite');
          }
          if (deep) {
            JSON.stringify(game.serialize(state));
            for (const seat of game.toAct(state)) {
              if (space.kind === 'discrete') {
                const m = game.mask(state, seat);
                assert.equal(m.length, space.n, 'mask length = action space size');
                for (const a of game.legal(state, seat) ?? []) {
                  const idx = game.actionToIndex(state, seat, a);
                  assert.equal(m[idx], 1, `legal action ${JSON.stringify(a)} is masked out`);
                  assert.deepEqual(game.indexToAction(state, seat, idx), a, 'index round-trip');
                }
              }
            }
          }
          state = stepChecked(game, state, randomJoint(game, state, rng)).state;
        }
      });

      it(`the sum of each seat's rewards is its return, after every step of random playouts${label}`, () => {
        fc.assert(
          fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 0, max: 2 ** 31 }), (seed, drv) => {
            checkReturnsAreSumsOfRewards(game, parsed, seed, drv);
          }),
          { numRuns: 4 },
        );
      });

      it(`every legal action's text, and the default action's, parses back to that action (sampled states of random playouts)${label}`, () => {
        for (const [seed, drv] of [
          [3, 1],
          [17, 2],
        ] as const)
          checkTextRoundTrip(game, parsed, seed, drv);
      });

      it(`clone is independent and hashes equal${label}`, () => {
        const rng = Rng.seeded(99);
        let state = game.init(parsed, 7);
        for (let i = 0; i < 5 && !game.isTerminal(state); i++)
          state = stepChecked(game, state, randomJoint(game, state, rng)).state;
        if (game.isTerminal(state)) return;
        const before = hashState(game, state);
        const copy = game.clone(state);
        assert.equal(hashState(game, copy), before);
        game.step(copy, randomJoint(game, copy, rng));
        assert.equal(hashState(game, state), before, 'stepping a clone changed the original');
      });

      it(`no observation leaks hidden information${label}`, () => checkNoLeaks(game, parsed));

      it(`malformed and illegal actions get typed errors and leave the state unchanged${label}`, () => {
        const rng = Rng.seeded(5);
        let state = game.init(parsed, 11);
        let illegalChecked = 0;
        for (let i = 0; i < 40 && !game.isTerminal(state); i++) {
          const h = hashState(game, state);
          const acting = game.toAct(state);
          for (const seat of acting) {
            const good = randomJoint(game, state, rng);
            for (const bad of MALFORMED) {
              const joint = [...good];
              joint[seat] = bad;
              expectGameError(
                () => stepChecked(game, state, joint),
                ['SCHEMA', 'ILLEGAL_ACTION'],
                `malformed ${JSON.stringify(bad)}`,
              );
            }
            checkUnstorableTextRefused(game, state, seat, good);
            const illegal = [...(hooks.illegalActions?.(state, seat) ?? [])];
            if (space.kind === 'discrete') {
              const m = game.mask(state, seat);
              for (let k = 0; k < m.length; k++) {
                if (m[k]) continue;
                try {
                  illegal.push(game.indexToAction(state, seat, k));
                } catch (e) {
                  assert.ok(
                    e instanceof GameError,
                    'indexToAction of a masked index throws a GameError or maps to an illegal action',
                  );
                }
              }
            }
            for (const bad of illegal) {
              const joint = [...good];
              joint[seat] = bad;
              expectGameError(
                () => stepChecked(game, state, joint),
                ['ILLEGAL_ACTION'],
                `illegal ${JSON.stringify(bad)}`,
              );
              illegalChecked++;
            }
            expectGameError(
              () => game.parseAction('%%% nonsense %%%', state, seat),
              ['PARSE', 'ILLEGAL_ACTION'],
              'nonsense text',
            );
          }
          for (let s = 0; s < n; s++) {
            if (acting.includes(s)) continue;
            const joint = randomJoint(game, state, rng);
            joint[s] = joint[acting[0]!];
            expectGameError(() => stepChecked(game, state, joint), ['NOT_YOUR_TURN'], `seat ${s} acting out of turn`);
          }
          assert.equal(hashState(game, state), h, 'a rejected action changed the state');
          state = stepChecked(game, state, randomJoint(game, state, rng)).state;
        }
        // After the end, every action is refused with GAME_OVER.
        let guard = 0;
        while (!game.isTerminal(state) && guard++ < 100_000)
          state = stepChecked(game, state, randomJoint(game, state, rng)).state;
        if (game.isTerminal(state)) {
          expectGameError(
            () => stepChecked(game, state, new Array(n).fill(null)),
            ['GAME_OVER'],
            'acting after the end',
          );
        }
        void illegalChecked;
      });
    }
  });
}
