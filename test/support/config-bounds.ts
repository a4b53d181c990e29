/**
 * Issue 10, fault 8: a challenger picks the config, so every config a game's schema accepts must
 * give finite states, observations (raw, and `encode`d to float32), rewards and returns. This file
 * has, per game, a fast-check arbitrary of configs drawn from the bounds the game exports (biased to
 * the ends of every range, extremes included), and the check run over a random legal playout.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { hashState, parseConfig, stepChecked } from '../../games/core/kernel.ts';
import { Rng } from '../../games/core/rng.ts';
import type { AnyGame, Seat, SeatOrSpectator } from '../../games/core/types.ts';
import { MAX_PAYOFF, MAX_TALK_TURNS, MAX_TURNS, type DilemmaKind } from '../../games/dilemmas/config.ts';
import {
  MAX_ENDOWMENT,
  MAX_PLAYERS,
  MAX_POINTS_PER_TARGET,
  MIN_ENDOWMENT,
  MIN_PLAYERS,
  PROB_END_ROUND_CAP,
  PUNISH_MAX,
  PUNISH_MIN,
} from '../../games/public-goods/config.ts';
import { MAX_PENALTY, MAX_UNIT_FACTOR, SEQUENTIAL_PRESETS } from '../../games/public-goods/sequential-config.ts';
import { minStartOffset, SUMO_BOUNDS, type Bound } from '../../games/sumo/config.ts';
import { MAX_COINS, MAX_MESSAGES_PER_ROUND, MAX_ROUNDS, MAX_VALUE } from '../../games/trust-and-split/config.ts';
import { SAMPLE_POOL } from '../../games/vgc/pool.ts';
import { randomJoint } from './conformance.ts';

/** A number within a bound, with its two ends (and for wide ranges, every order of magnitude) likely. */
export function inBound(b: Bound): fc.Arbitrary<number> {
  if (b.int) return fc.oneof(fc.constantFrom(b.min, b.max), fc.integer({ min: b.min, max: b.max }));
  const arbs = [fc.constantFrom(b.min, b.max), fc.double({ min: b.min, max: b.max, noNaN: true })];
  // Log-uniform over positive ranges that span decades, so small values are drawn as often as big ones.
  if (b.min > 0 && b.max / b.min > 100)
    arbs.push(
      fc
        .double({ min: Math.log(b.min), max: Math.log(b.max), noNaN: true })
        .map((x) => Math.min(b.max, Math.max(b.min, Math.exp(x)))),
    );
  return fc.oneof(...arbs);
}

const probability = inBound({ min: 0, max: 1 });

/** Keep only the keys that are not undefined (fc.record with optional keys leaves none out otherwise). */
function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A key that is either absent (the default applies) or drawn from `arb`. */
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 4 });

// ---- dilemmas -------------------------------------------------------------------------------------

const payoffValue = fc.oneof(
  fc.constantFrom(-MAX_PAYOFF, MAX_PAYOFF, 0),
  fc.double({ min: -MAX_PAYOFF, max: MAX_PAYOFF, noNaN: true }),
  fc.integer({ min: -10, max: 10 }),
);

/** Four distinct values, ascending. */
const ascending4 = fc
  .uniqueArray(payoffValue, { minLength: 4, maxLength: 4, comparator: 'SameValueZero' })
  .map((xs) => [...xs].sort((a, b) => a - b));

function table(kind: DilemmaKind): fc.Arbitrary<unknown> {
  switch (kind) {
    case 'ipd':
      // S < P < R (< the fourth value, so R < MAX_PAYOFF), then T in (R, 2R − S) so that 2R > T + S.
      return fc.tuple(ascending4, fc.double({ min: 0.001, max: 0.999, noNaN: true })).map(([[S, P, R], f]) => {
        const hi = Math.min(MAX_PAYOFF, 2 * R! - S!);
        return { R: R!, S: S!, T: R! + f * (hi - R!), P: P! };
      });
    case 'stag-hunt':
      return ascending4.map(([S, P, T, R]) => ({ R, S, T, P }));
    case 'chicken':
      return ascending4.map(([P, S, R, T]) => ({ R, S, T, P }));
    case 'matrix': {
      const one = fc.record({ R: payoffValue, S: payoffValue, T: payoffValue, P: payoffValue });
      return fc.oneof(one, fc.tuple(one, one));
    }
  }
}

export function dilemmaConfig(kind: DilemmaKind): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record({
      payoffs: maybe(table(kind)),
      turns: maybe(inBound({ min: 1, max: MAX_TURNS, int: true })),
      probEnd: maybe(probability),
      noise: maybe(probability),
      cheapTalk: maybe(fc.boolean()),
    })
    .map((c) => {
      const out = defined(c);
      if (out.cheapTalk && out.turns !== undefined) out.turns = Math.min(out.turns, MAX_TALK_TURNS);
      return out;
    });
}

// ---- public goods -----------------------------------------------------------------------------------

function commonConfig() {
  return fc
    .record({
      players: inBound({ min: MIN_PLAYERS, max: MAX_PLAYERS, int: true }),
      endowment: inBound({ min: MIN_ENDOWMENT, max: MAX_ENDOWMENT }),
      /** MPCR as a fraction of its upper bound N; 1 = MPCR = N. */
      mpcrShare: fc.oneof(fc.constant(1), fc.double({ min: 1e-9, max: 1, noNaN: true })),
      byR: fc.boolean(),
      rounds: maybe(inBound({ min: 1, max: PROB_END_ROUND_CAP, int: true })),
      probEnd: maybe(fc.oneof(fc.constant(1), fc.double({ min: 1e-6, max: 1, noNaN: true }))),
      contributions: fc.constantFrom('integer', 'continuous'),
      levels: maybe(inBound({ min: 2, max: 1001, int: true })),
    })
    .map(({ mpcrShare, byR, ...c }) => {
      const endowment = c.contributions === 'integer' ? Math.max(1, Math.round(c.endowment)) : c.endowment;
      const mpcr = mpcrShare * c.players;
      return defined({ ...c, endowment, ...(byR ? { r: mpcr * c.players } : { mpcr }) });
    });
}

export function publicGoodsConfig(): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .tuple(
      commonConfig(),
      fc.record({
        punishment: maybe(fc.boolean()),
        punishCost: maybe(inBound({ min: PUNISH_MIN, max: PUNISH_MAX })),
        punishImpact: maybe(inBound({ min: PUNISH_MIN, max: PUNISH_MAX })),
        maxPunish: maybe(inBound({ min: 1, max: MAX_POINTS_PER_TARGET, int: true })),
      }),
    )
    .map(([a, b]) => ({ ...a, ...defined(b) }));
}

export function sequentialConfig(): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .tuple(
      commonConfig(),
      fc.record({
        order: maybe(fc.constantFrom('fixed', 'rotate')),
        preset: maybe(fc.constantFrom(...SEQUENTIAL_PRESETS)),
        effortCost: maybe(inBound({ min: 0, max: MAX_UNIT_FACTOR })),
        predecessorBonus: maybe(inBound({ min: 0, max: MAX_UNIT_FACTOR })),
        /** As a share of N·e, the most it may be. */
        thresholdShare: maybe(probability),
        penalty: maybe(inBound({ min: 0, max: MAX_PENALTY })),
      }),
    )
    .map(([a, { thresholdShare, ...b }]) => {
      const out: Record<string, unknown> = { ...a, ...defined(b) };
      if (thresholdShare !== undefined)
        out.threshold = thresholdShare * (a.players as number) * (a.endowment as number);
      return out;
    });
}

// ---- sumo -----------------------------------------------------------------------------------------

export function sumoConfig(): fc.Arbitrary<Record<string, unknown>> {
  const P = SUMO_BOUNDS.physics;
  const S = SUMO_BOUNDS.shaping;
  return fc
    .record({
      maxSteps: maybe(fc.oneof(inBound(SUMO_BOUNDS.maxSteps), fc.integer({ min: 1, max: 300 }))),
      radii: maybe(
        fc
          .tuple(inBound(SUMO_BOUNDS.radiusMin), inBound(SUMO_BOUNDS.radiusMax))
          .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const),
      ),
      curriculumVersion: maybe(fc.oneof(fc.constant(null), inBound(SUMO_BOUNDS.curriculumVersion))),
      actionMode: maybe(fc.constantFrom('continuous', 'discrete')),
      /** robotRadius as a share of the largest the radii allow. */
      robotShare: maybe(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.999, noNaN: true }))),
      physics: maybe(
        fc.record({
          dt: maybe(inBound(P.dt)),
          frameSkip: maybe(fc.oneof(inBound(P.frameSkip), fc.integer({ min: 1, max: 6 }))),
          mass: maybe(inBound(P.mass)),
          maxForce: maybe(inBound(P.maxForce)),
          maxTorque: maybe(inBound(P.maxTorque)),
          linearDamping: maybe(inBound(P.linearDamping)),
          angularDamping: maybe(inBound(P.angularDamping)),
          friction: maybe(inBound(P.friction)),
          restitution: maybe(inBound(P.restitution)),
          velocityIterations: maybe(inBound(P.velocityIterations)),
          positionIterations: maybe(inBound(P.positionIterations)),
        }),
      ),
      outcome: maybe(
        fc.record({
          ringOutWithoutContact: maybe(fc.constantFrom('no-win', 'win')),
          timeoutReward: maybe(inBound(SUMO_BOUNDS.outcome.timeoutReward)),
        }),
      ),
      shaping: maybe(
        fc.record({
          centre: maybe(inBound(S.centre)),
          control: maybe(inBound(S.control)),
          contact: maybe(inBound(S.contact)),
        }),
      ),
    })
    .map(({ radii, robotShare, physics, outcome, shaping, ...rest }) => {
      const out: Record<string, unknown> = defined(rest);
      const [radiusMin, radiusMax] = radii ?? [1.5, 3.5];
      if (radii) Object.assign(out, { radiusMin, radiusMax });
      const phys: Record<string, unknown> = physics ? defined(physics) : {};
      if (robotShare !== undefined || 0.25 >= minStartOffset(radiusMin)) {
        const share = robotShare ?? 0.5;
        const lo = P.robotRadius.min;
        const hi = Math.min(P.robotRadius.max, minStartOffset(radiusMin));
        phys.robotRadius = lo + share * (hi - lo);
      }
      if (Object.keys(phys).length) out.physics = phys;
      if (outcome) out.outcome = defined(outcome);
      if (shaping) out.shaping = defined(shaping);
      return out;
    });
}

/** The harshest corners of the sumo bounds, all at once (the property also reaches them, less often). */
export const SUMO_CORNERS: Record<string, unknown>[] = [
  // The attempt, at the edge of what is allowed: the most force on the lightest robot.
  {
    physics: {
      maxForce: 100,
      mass: 0.01,
      maxTorque: 100,
      robotRadius: 0.05,
      linearDamping: 0,
      angularDamping: 0,
      dt: 0.1,
      frameSkip: 100,
    },
    radiusMin: 20,
    radiusMax: 20,
  },
  {
    physics: {
      maxForce: 100,
      mass: 0.01,
      maxTorque: 100,
      robotRadius: 0.05,
      linearDamping: 0,
      angularDamping: 0,
      dt: 0.001,
      frameSkip: 100,
      friction: 10,
      restitution: 1,
    },
    radiusMin: 0.8,
    radiusMax: 0.8,
  },
  {
    physics: {
      maxForce: 0.01,
      mass: 100,
      maxTorque: 0.01,
      linearDamping: 100,
      angularDamping: 100,
      dt: 0.001,
      frameSkip: 1,
      velocityIterations: 1,
      positionIterations: 1,
    },
    maxSteps: 1,
  },
  {
    maxSteps: 100_000,
    curriculumVersion: 1_000_000,
    shaping: { centre: 10, control: 10, contact: -10 },
    outcome: { timeoutReward: 1, ringOutWithoutContact: 'win' },
  },
];

// ---- vgc ------------------------------------------------------------------------------------------

export function vgcConfig(): fc.Arbitrary<Record<string, unknown>> {
  const poolSize = SAMPLE_POOL.length;
  return fc.oneof(
    fc.record({ turnCap: inBound({ min: 1, max: 1000, int: true }), teamSource: fc.constantFrom('pool', 'random') }),
    fc.record({
      turnCap: inBound({ min: 1, max: 1000, int: true }),
      pool: fc.oneof(
        fc.integer({ min: 0, max: poolSize - 1 }),
        fc.uniqueArray(fc.integer({ min: 0, max: poolSize - 1 }), { minLength: 1, maxLength: 5 }),
      ),
    }),
    fc
      .tuple(
        inBound({ min: 1, max: 1000, int: true }),
        fc.integer({ min: 0, max: poolSize - 1 }),
        fc.integer({ min: 0, max: poolSize - 1 }),
      )
      .map(([turnCap, a, b]) => ({ turnCap, teamSource: 'explicit', teams: [SAMPLE_POOL[a], SAMPLE_POOL[b]] })),
  );
}

// ---- trust-and-split -------------------------------------------------------------------------------

export function trustAndSplitConfig(): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record({
      rounds: maybe(inBound({ min: 1, max: MAX_ROUNDS, int: true })),
      coins: maybe(inBound({ min: 1, max: MAX_COINS, int: true })),
      highValue: maybe(inBound({ min: 1e-6, max: MAX_VALUE })),
      /** lowValue as a share of highValue (the schema wants lowValue ≤ highValue). */
      lowShare: maybe(fc.oneof(fc.constantFrom(0, 1), fc.double({ min: 0, max: 1, noNaN: true }))),
      messages: maybe(inBound({ min: 0, max: MAX_MESSAGES_PER_ROUND, int: true })),
      alternateHands: maybe(fc.boolean()),
    })
    .map(({ lowShare, ...c }) => {
      const out: Record<string, unknown> = defined(c);
      if (lowShare !== undefined) out.lowValue = lowShare * ((c.highValue as number | undefined) ?? 10);
      return out;
    });
}

// ---- the check ------------------------------------------------------------------------------------

/** Every number in a plain value (observation, result, event) is finite; returns how many were seen. */
export function assertAllFinite(value: unknown, where: string): number {
  let n = 0;
  const walk = (v: unknown, path: string) => {
    if (typeof v === 'number') {
      n++;
      assert.ok(Number.isFinite(v), `${where}: ${path} = ${v}`);
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
  };
  walk(value, '');
  return n;
}

/**
 * Parse `raw` (it must be accepted), then play a random legal playout of at most `maxSteps` steps:
 * after every step, every seat's and the spectator's observation is finite, its encoding is finite
 * as float32 and of length obsSize, it renders; rewards and result().returns are finite, and the
 * returns are the sums of the rewards. Returns the number of steps played.
 */
export function checkFinitePlayout(
  game: AnyGame,
  raw: unknown,
  seed: number,
  driverSeed: number,
  maxSteps: number,
): number {
  const config = parseConfig(game, raw);
  const n = game.numSeats(config);
  const size = game.obsSize(config);
  const rng = Rng.seeded(driverSeed);
  let state = game.init(config, seed);
  const sums = new Array<number>(n).fill(0);
  const scale = new Array<number>(n).fill(1);
  const viewers: SeatOrSpectator[] = [...Array.from({ length: n }, (_, s) => s as Seat), 'spectator'];
  const look = (when: string) => {
    for (const who of viewers) {
      const obs = game.observe(state, who);
      assertAllFinite(obs, `${game.id} ${when}, observation of ${who}`);
      const v = game.encode(obs);
      assert.equal(v.length, size);
      for (let i = 0; i < v.length; i++)
        assert.ok(Number.isFinite(v[i]), `${game.id} ${when}, encoding of ${who}[${i}] = ${v[i]}`);
      assert.equal(typeof game.render(obs), 'string');
    }
    const r = game.result(state);
    assertAllFinite(r, `${game.id} ${when}, result`);
    for (let s = 0; s < n; s++)
      assert.ok(
        Math.abs(r.returns[s]! - sums[s]!) <= 1e-9 * scale[s]!,
        `${game.id} ${when}: return ${r.returns[s]} ≠ Σ rewards ${sums[s]}`,
      );
  };
  look('at the start');
  let steps = 0;
  for (; steps < maxSteps && !game.isTerminal(state); steps++) {
    const r = stepChecked(game, state, randomJoint(game, state, rng));
    state = r.state;
    assertAllFinite(r.rewards, `${game.id} step ${steps}, rewards`);
    assertAllFinite(r.events, `${game.id} step ${steps}, events`);
    for (let s = 0; s < n; s++) {
      sums[s] += r.rewards[s]!;
      scale[s] += Math.abs(r.rewards[s]!);
    }
    // The full check on the first steps, the last one, and a sample in between (keeps runs fast).
    if (steps < 5 || steps % 25 === 0 || game.isTerminal(state)) look(`after step ${steps}`);
  }
  look('at the end');
  assertAllFinite(game.serialize(state), `${game.id} serialized state`);
  hashState(game, state);
  return steps;
}
