/** Subgame-perfect equilibria of the sequential public goods game by exhaustive backward induction. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { GameError, playMatch, type Controller } from '../../games/core/index.ts';
import { contribute, sequentialPublicGoods } from '../../games/public-goods/index.ts';
import type { PublicGoodsView } from '../../games/public-goods/view.ts';
import { solveSpe, speAction } from '../../agents/public-goods/analysis/backward-induction.ts';
import { speAgent } from '../../agents/public-goods/analysis/spe-agent.ts';
import { instantiate } from '../../agents/registry.ts';

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

describe('backward induction: plain linear reward', () => {
  it('has the unique SPE "contribute 0" whenever MPCR < 1, for N = 2..4', () => {
    for (const players of [2, 3, 4]) {
      for (const mpcr of [0.3, 0.5, 0.75, 0.99]) {
        const sol = solveSpe({ players, endowment: 6, mpcr, preset: 'linear', rounds: 5 });
        assert.deepEqual(sol.stagePath, new Array(players).fill(0), `N=${players} MPCR=${mpcr}`);
        assert.ok(sol.unique);
        assert.deepEqual(sol.payoffs, new Array(players).fill(6 * 5));
      }
    }
  });

  it('contributes everything when MPCR > 1 (no dilemma)', () => {
    const sol = solveSpe({ players: 3, endowment: 5, mpcr: 1.2, preset: 'linear' });
    assert.deepEqual(sol.stagePath, [5, 5, 5]);
    assert.ok(sol.unique);
  });

  it('reports ties: at MPCR = 1 every contribution is optimal, the SPE is not unique, and the tie-break decides', () => {
    const low = solveSpe({ players: 3, endowment: 4, mpcr: 1, preset: 'linear' });
    const high = solveSpe({ players: 3, endowment: 4, mpcr: 1, preset: 'linear' }, { tieBreak: 'highest' });
    assert.equal(low.unique, false);
    assert.equal(low.tieNodes, low.decisionNodes);
    assert.equal(low.pathTies, 3);
    assert.deepEqual(low.stagePath, [0, 0, 0]);
    assert.deepEqual(high.stagePath, [4, 4, 4]);
  });

  it('detects the ties of a predecessor bonus set exactly at break-even', () => {
    // κ = 0, β = 0.6, MPCR 0.4: on the full path a unit pays −1 + 0.4 + 0.6·m = 0 at m = 1.
    const sol = solveSpe({ players: 2, endowment: 3, preset: 'linear', predecessorBonus: 0.6 });
    assert.equal(sol.unique, false);
    assert.ok(sol.tieNodes > 0);
  });

  it("detects the tie of a threshold penalty equal to the last mover's gain from free-riding, δ = (1 − MPCR)·e, where the tie-break decides the outcome", () => {
    // Only the last mover after two full contributions is indifferent (12 either way).
    const low = solveSpe({ players: 3, endowment: 10, preset: 'threshold', penalty: 6 });
    const high = solveSpe({ players: 3, endowment: 10, preset: 'threshold', penalty: 6 }, { tieBreak: 'highest' });
    assert.deepEqual([low.unique, low.tieNodes, high.tieNodes], [false, 1, 1]);
    // Breaking it low makes the threshold unreachable, so everyone free-rides: the tie is then off the path.
    assert.deepEqual([low.stagePath, low.pathTies], [[0, 0, 0], 0]);
    assert.deepEqual([high.stagePath, high.pathTies], [[10, 10, 10], 1]);
    assert.ok(solveSpe({ players: 3, endowment: 10, preset: 'threshold', penalty: 6.5 }).unique);
  });
});

describe('backward induction: reward redesign presets', () => {
  for (const preset of ['threshold', 'bonus', 'mac-spgg']) {
    it(`${preset}: full contribution is the unique SPE for N = 2..4`, () => {
      for (const [players, endowment] of [
        [2, 20],
        [3, 10],
        [4, 10],
        [4, 20],
      ] as const) {
        const sol = solveSpe({ players, endowment, preset, rounds: 10 });
        assert.deepEqual(sol.stagePath, new Array(players).fill(endowment), `${preset} N=${players} e=${endowment}`);
        assert.equal(sol.unique, true, `${preset} N=${players} e=${endowment}: ${sol.tieNodes} tie nodes`);
        assert.deepEqual(sol.path, new Array(10).fill(new Array(players).fill(endowment)));
      }
    });
  }

  it('whole-match trees agree with the repeated one-round solution', () => {
    for (const config of [
      { players: 2, endowment: 3, rounds: 2, preset: 'mac-spgg' },
      { players: 3, endowment: 2, rounds: 2, preset: 'threshold', order: 'rotate' },
      { players: 2, endowment: 3, rounds: 3, preset: 'linear', mpcr: 0.7 },
    ]) {
      const round = solveSpe(config);
      const match = solveSpe(config, { scope: 'match' });
      assert.deepEqual(match.path, round.path);
      assert.ok(match.payoffs.every((p, s) => close(p, round.payoffs[s]!)));
      assert.equal(match.unique, round.unique);
      assert.equal(match.leaves, (config.endowment + 1) ** (config.players * config.rounds));
    }
  });
});

describe('backward induction checked through the real engine', () => {
  const configs = [
    { players: 3, endowment: 6, rounds: 3, preset: 'mac-spgg', order: 'rotate' },
    { players: 4, endowment: 5, rounds: 2, preset: 'linear' },
    { players: 3, endowment: 4, rounds: 2, preset: 'threshold', mpcr: 0.5 },
  ];

  it('playing the SPE strategies in the engine earns exactly the SPE payoffs', () => {
    for (const config of configs) {
      for (const scope of ['round', 'match'] as const) {
        if (scope === 'match' && (config.endowment + 1) ** (config.players * config.rounds) > 200_000) continue;
        const sol = solveSpe(config, { scope });
        const specs = new Array(config.players).fill(speAgent(sol));
        const rec = playMatch(sequentialPublicGoods, config, 3, instantiate(sequentialPublicGoods, config, 3, specs));
        assert.ok(
          rec.result.returns.every((r, s) => close(r, sol.payoffs[s]!)),
          `${JSON.stringify(config)} ${scope}: ${rec.result.returns} vs ${sol.payoffs}`,
        );
        assert.deepEqual(
          rec.state.history.map((r: { contributions: number[] }) => r.contributions),
          sol.path,
        );
      }
    }
  });

  it('no seat gains by deviating once, anywhere, while everyone else (and its later self) follows the SPE', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...configs),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        (config, seatPick, roundPick, amountPick) => {
          const sol = solveSpe(config);
          const seat = seatPick % config.players;
          const round = roundPick % config.rounds;
          const amount = amountPick % (config.endowment + 1);
          const seats: Controller[] = Array.from({ length: config.players }, (_, s) => ({
            act: (v: PublicGoodsView) => contribute(s === seat && v.round === round ? amount : speAction(sol, v)),
          }));
          const rec = playMatch(sequentialPublicGoods, config, 1, seats);
          assert.ok(
            rec.result.returns[seat]! <= sol.payoffs[seat]! + 1e-9,
            `deviation to ${amount} pays ${rec.result.returns[seat]} > ${sol.payoffs[seat]}`,
          );
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('backward induction refuses what it cannot solve', () => {
  const codeOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      return e instanceof GameError ? e.code : String(e);
    }
    return 'accepted';
  };
  it('needs integer contributions, a fixed number of rounds, and a tree within the size limit', () => {
    assert.equal(
      codeOf(() => solveSpe({ contributions: 'continuous' })),
      'BAD_CONFIG',
    );
    assert.equal(
      codeOf(() => solveSpe({ probEnd: 0.1 })),
      'BAD_CONFIG',
    );
    assert.equal(
      codeOf(() => solveSpe({ players: 8 })),
      'BAD_CONFIG',
    );
    assert.equal(
      codeOf(() => solveSpe({ players: 3, endowment: 5, rounds: 4 }, { scope: 'match' })),
      'BAD_CONFIG',
    );
    assert.equal(
      codeOf(() => solveSpe({ players: 40 })),
      'BAD_CONFIG',
    );
  });
});
