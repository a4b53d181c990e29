/**
 * Issue 10, fault 8, the other half: built-in agents never answer a non-finite, out-of-range or
 * illegal action to a finite observation. In the issue, the rusher answered NaN to NaN observations
 * and was charged a crash. Here every built-in agent of every game plays matches under configs drawn
 * from the game's bounds with every action validated (a bad one throws SCHEMA or ILLEGAL_ACTION);
 * and the scripted sumo agents are driven with arbitrary finite observations, including
 * degenerate ones (robots on top of each other, enormous speeds).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { agentsFor, instantiate } from '../agents/registry.ts';
import { edgeAgent, rusherAgent } from '../agents/sumo/index.ts';
import { GameError } from '../games/core/errors.ts';
import { parseConfig } from '../games/core/kernel.ts';
import { Rng } from '../games/core/rng.ts';
import { playMatch } from '../games/core/runner.ts';
import type { AnyGame } from '../games/core/types.ts';
import type { DilemmaKind } from '../games/dilemmas/config.ts';
import { GAMES } from '../games/index.ts';
import { sumo, type SumoObservation } from '../games/sumo/index.ts';
import {
  dilemmaConfig,
  publicGoodsConfig,
  sequentialConfig,
  sumoConfig,
  trustAndSplitConfig,
  vgcConfig,
} from './support/config-bounds.ts';

function configs(game: AnyGame): fc.Arbitrary<Record<string, unknown>> {
  switch (game.family) {
    case 'dilemmas':
      return dilemmaConfig(game.id as DilemmaKind);
    case 'sumo':
      return sumoConfig();
    case 'vgc':
      return vgcConfig();
    case 'trust-and-split':
      return trustAndSplitConfig();
    default:
      return game.id === 'public-goods' ? publicGoodsConfig() : sequentialConfig();
  }
}

/** Decision budget per match: enough to reach every phase, small enough to keep the suite fast. */
const STEPS: Record<string, number> = {
  sumo: 150,
  vgc: 60,
  'public-goods': 40,
  'sequential-public-goods': 80,
  'trust-and-split': 120,
};

describe('built-in agents answer valid actions under every accepted config', () => {
  for (const game of GAMES) {
    const specs = agentsFor(game.id);
    it(`${game.id}: ${specs.map((s) => s.id).join(', ')}`, () => {
      fc.assert(
        fc.property(configs(game), fc.nat(), fc.nat({ max: specs.length - 1 }), (raw, seed, first) => {
          fc.pre(game.configSchema.safeParse(raw).success);
          const config = parseConfig(game, raw);
          const n = game.numSeats(config);
          // Every agent that accepts the config gets a seat; the remaining seats cycle through the list. An agent
          // may refuse a config it is not defined for (the zero-determinant strategies exist only for some payoff
          // tables, Press & Dyson 2012) — but only up front, with BAD_CONFIG, never by failing mid-match.
          const willing = specs.filter((spec) => {
            try {
              spec.create({ game, config, seat: 0, rng: Rng.seeded(seed) });
              return true;
            } catch (e) {
              if (e instanceof GameError && e.code === 'BAD_CONFIG') return false;
              throw e;
            }
          });
          fc.pre(willing.length > 0);
          const seats = Array.from({ length: n }, (_, s) => willing[(first + s) % willing.length]!);
          const record = playMatch(game, config, seed, instantiate(game, config, seed, seats), {
            validate: true,
            record: false,
            maxSteps: STEPS[game.id] ?? 300,
          });
          assert.ok(record.result.returns.every(Number.isFinite));
        }),
        { numRuns: game.family === 'dilemmas' ? 15 : 12 },
      );
    });
  }
});

describe('scripted sumo agents: a finite action in the box for any finite observation', () => {
  const finite = fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.double({ min: -10, max: 10, noNaN: true }),
    fc.constant(0),
  );
  const pair = fc.tuple(finite, finite);
  const ego = fc.record({
    velocity: pair,
    omega: finite,
    centre: pair,
    opponent: fc.oneof(pair, fc.constant([0, 0] as [number, number])),
    opponentVelocity: pair,
    opponentHeading: finite,
    opponentOmega: finite,
    edge: finite,
    opponentEdge: finite,
    radius: fc.oneof(finite, fc.double({ min: 0.8, max: 20, noNaN: true })),
    stepsRemaining: fc.nat(),
  });
  for (const spec of [rusherAgent, edgeAgent]) {
    for (const actionMode of ['continuous', 'discrete'] as const) {
      it(`${spec.id} (${actionMode})`, () => {
        const config = parseConfig(sumo, { actionMode });
        const controller = spec.create({ game: sumo, config, seat: 0, rng: Rng.seeded(1) });
        const base = sumo.observe(sumo.init(config, 1), 0);
        fc.assert(
          fc.property(ego, fc.double({ min: 0.05, max: 1, noNaN: true }), (e, robotRadius) => {
            const obs: SumoObservation = { ...base, robotRadius, ego: e as SumoObservation['ego'] };
            const a = controller.act(obs, undefined as never) as [number, number];
            assert.equal(sumo.actionSchema.safeParse(a).success, true, `${JSON.stringify(a)} for ${JSON.stringify(e)}`);
            if (actionMode === 'discrete')
              assert.ok(
                a.every((x) => x === -1 || x === 0 || x === 1),
                JSON.stringify(a),
              );
          }),
          { numRuns: 500 },
        );
      });
    }
  }
});
