/** Exact memory-one analysis: known answers, ZD identities, optimality, and agreement with simulation through the real engine. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { GameError, parseConfig, Rng } from '../../games/core/index.ts';
import { getGame as getGameById } from '../../games/index.ts';
import { ipd, seatPayoffs, stagHunt } from '../../games/dilemmas/index.ts';
import { fixedMemoryOne } from '../../agents/dilemmas/index.ts';
import { getAgent, instantiate } from '../../agents/registry.ts';
import { bestResponse } from '../../agents/dilemmas/analysis/best-response.ts';
import { exploitabilityOf } from '../../agents/dilemmas/analysis/exploitability.ts';
import { pairPayoffs, type Horizon } from '../../agents/dilemmas/analysis/markov.ts';
import { memoryOneOf, type MemoryOne } from '../../agents/dilemmas/analysis/memory-one.ts';
import { playFast } from '../../agents/eval/tournament.ts';

const PD = { R: 3, S: 0, T: 5, P: 1 };
const vectorOf = (id: string, table = PD) => memoryOneOf(getAgent('ipd', id), table)!;
const HORIZONS: Horizon[] = [
  { kind: 'fixed', turns: 200 },
  { kind: 'prob-end', p: 0.1, cap: 10_000 },
  { kind: 'infinite' },
];
const close = (a: number, b: number, tol = 1e-9) => assert.ok(Math.abs(a - b) <= tol, `${a} ≠ ${b}`);

const arbMemoryOne = fc
  .tuple(
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.double({ min: 0, max: 1, noNaN: true }),
  )
  .map(([a, b, c, d, i]): MemoryOne => ({ p: [a, b, c, d], initial: i }));

describe('memory-one vectors', () => {
  it('GTFT forgives with p = min(1 − (T−R)/(R−S), (R−P)/(T−P)), 1/3 for (3,0,5,1), recomputed for other tables', () => {
    vectorOf('gtft').p.forEach((x, i) => close(x, [1, 1 / 3, 1, 1 / 3][i]!));
    vectorOf('gtft', { R: 4, S: 0, T: 5, P: 1 }).p.forEach((x, i) => close(x, [1, 0.75, 1, 0.75][i]!));
    vectorOf('gtft', { R: 3, S: 0, T: 4, P: 2 }).p.forEach((x, i) => close(x, [1, 0.5, 1, 0.5][i]!));
  });

  it('ZD-Extort-2 is (8/9, 1/2, 1/3, 0) and ZD-GTFT-2 is (1, 1/8, 1, 1/4) for the default table', () => {
    vectorOf('zd-extort-2').p.forEach((x, i) => close(x, [8 / 9, 1 / 2, 1 / 3, 0][i]!));
    vectorOf('zd-gtft-2').p.forEach((x, i) => close(x, [1, 1 / 8, 1, 1 / 4][i]!));
  });

  it('ZD-Extort-2 enforces π_other − P = ½(π_self − P) against any memory-one opponent (Press & Dyson 2012)', () => {
    const zd = vectorOf('zd-extort-2');
    fc.assert(
      fc.property(arbMemoryOne, (other) => {
        const [self, them] = pairPayoffs(zd, other, PD, PD, 0, { kind: 'infinite' }).perTurn;
        close(them - PD.P, 0.5 * (self - PD.P), 1e-7);
      }),
      { numRuns: 60 },
    );
  });
});

describe('zero-determinant strategies derived from the table (Press & Dyson 2012)', () => {
  const scaled = { R: 30, S: 0, T: 50, P: 10 };

  it('gives the same probabilities on a table scaled ×10, so the promised relation holds exactly there too', () => {
    for (const id of ['zd-extort-2', 'zd-gtft-2'])
      vectorOf(id, scaled).p.forEach((x, i) => close(x, vectorOf(id).p[i]!));
    const extort = vectorOf('zd-extort-2', scaled);
    const generous = vectorOf('zd-gtft-2', scaled);
    fc.assert(
      fc.property(arbMemoryOne, (other) => {
        const [self, them] = pairPayoffs(extort, other, scaled, scaled, 0, { kind: 'infinite' }).perTurn;
        close(them - scaled.P, 0.5 * (self - scaled.P), 1e-6);
        const [g, o] = pairPayoffs(generous, other, scaled, scaled, 0, { kind: 'infinite' }).perTurn;
        close(o - scaled.R, 0.5 * (g - scaled.R), 1e-6);
      }),
      { numRuns: 40 },
    );
  });

  it('keeps every probability in [0, 1] on any prisoner’s dilemma, and the relation holds (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        arbMemoryOne,
        (S, d1, d2, d3, other) => {
          const t = { S, P: S + d1, R: S + d1 + d2, T: S + d1 + d2 + d3 };
          fc.pre(2 * t.R > t.T + t.S);
          const zd = vectorOf('zd-extort-2', t);
          zd.p.forEach((x) => assert.ok(x >= 0 && x <= 1));
          const [self, them] = pairPayoffs(zd, other, t, t, 0, { kind: 'infinite' }).perTurn;
          close(them - t.P, 0.5 * (self - t.P), 1e-6);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses a table where the strategy does not exist, with a clear BAD_CONFIG error', () => {
    // Chicken with S = 2.5 > P = 0: extortion at l = P would need P(C | DC) = φ((P − S) + s(T − P)) < 0.
    const chicken = parseConfig(getGameById('chicken'), { payoffs: { R: 3, S: 2.5, T: 4, P: 0 } });
    assert.throws(
      () =>
        instantiate(getGameById('chicken'), chicken, 1, [
          getAgent('chicken', 'zd-extort-2'),
          getAgent('chicken', 'tft'),
        ]),
      (e: unknown) =>
        e instanceof GameError &&
        e.code === 'BAD_CONFIG' &&
        /zd-extort-2 does not exist for payoffs \(R, S, T, P\) = \(3, 2.5, 4, 0\)/.test(e.message),
    );
    // The generous one exists there.
    assert.ok(vectorOf('zd-gtft-2', { R: 3, S: 2.5, T: 4, P: 0 }).p.every((x) => x >= 0 && x <= 1));
  });
});

describe('exact payoffs', () => {
  it('TFT against ALLD gives (S, T) on the first turn and (P, P) on every turn after it', () => {
    const v = pairPayoffs(vectorOf('tft'), vectorOf('alld'), PD, PD, 0, { kind: 'fixed', turns: 200 });
    assert.deepEqual(v.total, [PD.S + 199 * PD.P, PD.T + 199 * PD.P]);
    const inf = pairPayoffs(vectorOf('tft'), vectorOf('alld'), PD, PD, 0, { kind: 'infinite' });
    assert.deepEqual(inf.perTurn, [PD.P, PD.P]);
  });

  it('handles periodic chains exactly: TFT vs STFT alternates, averaging (S + T)/2', () => {
    const inf = pairPayoffs(vectorOf('tft'), vectorOf('stft'), PD, PD, 0, { kind: 'infinite' });
    close(inf.perTurn[0], 2.5);
    close(inf.perTurn[1], 2.5);
  });

  it('prob_end weights turn t by (1 − p)^t: ALLC vs ALLC earns R per expected turn, 1/p turns in all', () => {
    const v = pairPayoffs(vectorOf('allc'), vectorOf('allc'), PD, PD, 0, { kind: 'prob-end', p: 0.1, cap: 10_000 });
    close(v.expectedTurns, 10, 1e-9);
    close(v.total![0], 30, 1e-9);
  });
});

describe('exact best response', () => {
  for (const h of HORIZONS) {
    it(`the best response to ALLC is to always defect, earning T per turn (${h.kind})`, () => {
      const br = bestResponse(vectorOf('allc'), PD, PD, 0, h);
      assert.equal(br.first, 'D');
      close(br.responderPerTurn, PD.T);
      close(br.victimPerTurn, PD.S);
    });
  }

  it('against TFT over 200 turns: cooperate, then defect on the last turn only', () => {
    const br = bestResponse(vectorOf('tft'), PD, PD, 0, { kind: 'fixed', turns: 200 });
    assert.equal(br.first, 'C');
    assert.equal(br.segments.length, 2);
    assert.deepEqual(br.segments[1], { from: 200, to: 200, policy: { CC: 'D', CD: 'D', DC: 'D', DD: 'D' } });
    close(br.responderTotal!, 199 * 3 + 5);
  });

  it('is at least as good as every memory-one strategy against the victim, on every horizon, with noise', () => {
    fc.assert(
      fc.property(
        arbMemoryOne,
        arbMemoryOne,
        fc.double({ min: 0, max: 0.3, noNaN: true }),
        fc.constantFrom(...HORIZONS),
        (victim, other, noise, h) => {
          const short: Horizon = h.kind === 'fixed' ? { kind: 'fixed', turns: 30 } : h;
          const br = bestResponse(victim, PD, PD, noise, short);
          const [, otherGets] = pairPayoffs(victim, other, PD, PD, noise, short).perTurn;
          assert.ok(otherGets <= br.responderPerTurn + 1e-9, `${otherGets} > ${br.responderPerTurn}`);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('the long-horizon optimum approaches the infinite-horizon one', () => {
    const victim = vectorOf('stochastic-cooperator');
    const inf = bestResponse(victim, PD, PD, 0.05, { kind: 'infinite' });
    const long = bestResponse(victim, PD, PD, 0.05, { kind: 'fixed', turns: 3000 });
    close(long.responderPerTurn, inf.responderPerTurn, 5e-3);
  });
});

describe('exploitability', () => {
  it('is T − R for ALLC, 0 for ALLD, and never negative', () => {
    close(exploitabilityOf('ipd', getAgent('ipd', 'allc'))!.value, 2);
    close(exploitabilityOf('ipd', getAgent('ipd', 'alld'))!.value, 0);
    for (const id of ['tft', 'wsls', 'gtft', 'zd-extort-2', 'random', 'joss']) {
      for (const config of [{}, { noise: 0.05 }, { probEnd: 0.1 }]) {
        const e = exploitabilityOf('ipd', getAgent('ipd', id), config)!;
        assert.equal(e.method, 'exact');
        assert.ok(e.value >= -1e-9, `${id} ${JSON.stringify(config)}: ${e.value}`);
      }
    }
  });

  it('is undefined for strategies that are not memory-one and for games outside the dilemmas', () => {
    assert.equal(exploitabilityOf('ipd', getAgent('ipd', 'grim')), undefined);
    assert.equal(exploitabilityOf('sumo', getAgent('ipd', 'tft')), undefined);
  });

  it('uses the table of the game it is asked about', () => {
    const e = exploitabilityOf('stag-hunt', getAgent('stag-hunt', 'allc'))!;
    // Against ALLC in the default stag hunt (4,0,3,3) cooperating (R = 4) is already the best reply.
    close(e.value, 0);
    assert.ok(exploitabilityOf('ipd', getAgent('ipd', 'allc'), { payoffs: { R: 3, S: 0, T: 4, P: 1 } })!.value > 0.99);
  });
});

describe('exact figures agree with simulation through the real engine', () => {
  it('for 24 random noisy memory-one pairs, fixed length and prob_end, within 4 standard errors', () => {
    const rng = Rng.seeded(2024);
    const vec = (): MemoryOne => ({ p: [rng.float(), rng.float(), rng.float(), rng.float()], initial: rng.float() });
    const MATCHES = 400;
    for (let k = 0; k < 24; k++) {
      const a = vec();
      const b = vec();
      const noise = 0.01 + 0.2 * rng.float();
      const raw = k % 2 === 0 ? { noise, turns: 5 + rng.int(30) } : { noise, probEnd: 0.05 + 0.25 * rng.float() };
      const game = k % 3 === 2 ? stagHunt : ipd;
      const config = parseConfig(game, raw);
      const tables = [seatPayoffs(config, 0), seatPayoffs(config, 1)] as const;
      const horizon: Horizon =
        config.probEnd > 0
          ? { kind: 'prob-end', p: config.probEnd, cap: config.turns }
          : { kind: 'fixed', turns: config.turns };
      const exact = pairPayoffs(a, b, tables[0], tables[1], noise, horizon).total!;
      const specs = [
        fixedMemoryOne({ id: 'a', title: 'a', description: '', source: 'test', ...a }),
        fixedMemoryOne({ id: 'b', title: 'b', description: '', source: 'test', ...b }),
      ];
      const sums = [0, 0];
      const squares = [0, 0];
      for (let m = 0; m < MATCHES; m++) {
        const seed = 1000 * k + m;
        const r = playFast(game, config, seed, instantiate(game, config, seed, specs)).returns;
        for (const s of [0, 1]) {
          sums[s]! += r[s]!;
          squares[s]! += r[s]! ** 2;
        }
      }
      for (const s of [0, 1]) {
        const mean = sums[s]! / MATCHES;
        const se = Math.sqrt(Math.max(0, squares[s]! / MATCHES - mean ** 2) / (MATCHES - 1));
        assert.ok(
          Math.abs(mean - exact[s]!) <= 4 * se + 1e-9,
          `pair ${k} seat ${s} ${JSON.stringify(raw)}: simulated ${mean} ± ${se}, exact ${exact[s]}`,
        );
      }
    }
  });
});
