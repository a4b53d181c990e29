/** From ranks to pair results: the exactly-once rule, the weights, the online Elo and the board built on them. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ELO_INITIAL, ELO_K, eloChanges, pairResults, PairTable } from '../../agents/eval/rating-pairs.ts';
import { fitRatings, gameTheory, payoffCells } from '../../agents/eval/rating-board.ts';

describe('pair results from ranks (agents/eval/rating-pairs.ts)', () => {
  it('counts every pair of seats of different agents exactly once when one agent holds three of four seats', () => {
    // Public goods, four seats: `x` in seat 0 ranks first, `fr` (free-rider) holds seats 1–3.
    const pairs = pairResults(['x', 'fr', 'fr', 'fr'], [1, 2, 2, 2]);
    assert.deepEqual(
      pairs.map((p) => [p.a, p.b, p.seatA, p.seatB, p.scoreA]),
      [
        ['x', 'fr', 0, 1, 1],
        ['x', 'fr', 0, 2, 1],
        ['x', 'fr', 0, 3, 1],
      ],
    );
    // Each agent takes part in three results: weight 1/3 each, one game in total.
    for (const p of pairs) assert.equal(p.weight, 1 / 3);
    // Every estimate reads the same three results: the pair table…
    const table = new PairTable();
    table.addResults(pairs);
    assert.deepEqual(table.get('x', 'fr'), { score: 1, weight: 1, results: 3 });
    assert.deepEqual(table.get('fr', 'x'), { score: 0, weight: 1, results: 3 });
    // …the online Elo (one game's worth: K/2 for a win between equals, never more than K)…
    const elo = eloChanges(pairs, new Map());
    assert.deepEqual(
      elo.map((c) => [c.agentId, c.after - c.before, c.pairs]),
      [
        ['fr', -ELO_K / 2, 3],
        ['x', ELO_K / 2, 3],
      ],
    );
    // …and Bradley–Terry and the payoff table, which equal a single two-seat win.
    const single = new PairTable();
    single.addResults(pairResults(['x', 'fr'], [1, 2]));
    const a = fitRatings(['x', 'fr'], table);
    const b = fitRatings(['x', 'fr'], single);
    assert.ok(Math.abs(a.rows[0]!.rating - b.rows[0]!.rating) < 1e-9 && Math.abs(a.rows[0]!.sd - b.rows[0]!.sd) < 1e-9);
    assert.equal(payoffCells(['x', 'fr'], table, a)[0]![1]!.results, 3);
  });

  it('never compares seats of the same agent, nor anonymous seats', () => {
    assert.deepEqual(pairResults(['a', 'a'], [1, 2]), []);
    assert.deepEqual(pairResults(['a', null], [1, 2]), []);
    const p = pairResults(['a', 'b', 'a', 'c'], [2, 1, 3, 4]);
    assert.equal(p.length, 5); // a–b twice, a–c twice, b–c once
    assert.ok(!p.some((x) => x.a === x.b));
  });

  it('scores a pair from the ranks: higher rank wins, equal ranks draw', () => {
    const p = pairResults(['a', 'b', 'c'], [2, 1, 2]);
    assert.deepEqual(
      p.map((x) => [x.a, x.b, x.scoreA]),
      [
        ['a', 'b', 0],
        ['a', 'c', 0.5],
        ['b', 'c', 1],
      ],
    );
    for (const x of p) assert.equal(x.weight, 1 / 2);
  });

  it('keeps one match’s influence on any agent at most one game, and its Elo change at most K (property)', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 8 })
          .chain((n) =>
            fc.tuple(
              fc.array(fc.constantFrom('a', 'b', 'c', 'd', null), { minLength: n, maxLength: n }),
              fc.array(fc.integer({ min: 1, max: n }), { minLength: n, maxLength: n }),
            ),
          ),
        fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 4, maxLength: 4 }),
        ([agents, ranks], elos) => {
          const pairs = pairResults(agents, ranks);
          const total = new Map<string, number>();
          for (const p of pairs) {
            total.set(p.a, (total.get(p.a) ?? 0) + p.weight);
            total.set(p.b, (total.get(p.b) ?? 0) + p.weight);
          }
          for (const w of total.values()) assert.ok(w <= 1 + 1e-12, `total weight ${w}`);
          const before = new Map(['a', 'b', 'c', 'd'].map((id, i) => [id, elos[i]!]));
          for (const c of eloChanges(pairs, before))
            assert.ok(Math.abs(c.after - c.before) <= ELO_K + 0.5, `${c.before} → ${c.after}`);
        },
      ),
    );
  });

  it('is plain Elo for two seats (K = 44, equal ratings move by K/2)', () => {
    const c = eloChanges(pairResults(['a', 'b'], [1, 2]), new Map());
    assert.deepEqual(
      c.map((x) => [x.agentId, x.after]),
      [
        ['a', ELO_INITIAL + ELO_K / 2],
        ['b', ELO_INITIAL - ELO_K / 2],
      ],
    );
  });
});

describe('the rating board (agents/eval/rating-board.ts)', () => {
  it('marks a rating provisional while its sd is at least 110 Elo, and not after enough games', () => {
    const table = new PairTable();
    table.add('a', 'b', 1, 1);
    let rf = fitRatings(['a', 'b', 'c'], table);
    assert.deepEqual(
      rf.rows.map((r) => r.provisional),
      [true, true, true],
    );
    for (let i = 0; i < 200; i++) table.add('a', 'b', i % 3 ? 1 : 0, 1);
    rf = fitRatings(['a', 'b', 'c'], table);
    assert.deepEqual(
      rf.rows.map((r) => r.provisional),
      [false, false, true],
    );
  });

  it('computes Nash averaging and α-Rank on the payoff table, with intervals that contain the estimate', () => {
    // Rock–paper–scissors among built-in-like agents, 30 results per pair.
    const table = new PairTable();
    table.add('rock', 'scissors', 27, 30, 30);
    table.add('scissors', 'paper', 27, 30, 30);
    table.add('paper', 'rock', 27, 30, 30);
    const ids = ['rock', 'paper', 'scissors'];
    const rf = fitRatings(ids, table);
    const gt = gameTheory(ids, table, rf, { draws: 40 });
    for (const r of gt.rows) {
      assert.ok(Math.abs(r.nashMass.value - 1 / 3) < 1e-6);
      assert.ok(Math.abs(r.alphaRank.value - 1 / 3) < 1e-6);
      for (const e of [r.nashMass, r.nashScore, r.alphaRank, r.alphaRankInfinite])
        assert.ok(e.low! <= e.value + 1e-9 && e.value <= e.high! + 1e-9, JSON.stringify(e));
    }
    // Same data, same seed: the same intervals.
    assert.deepEqual(gameTheory(ids, table, rf, { draws: 40 }), gt);
  });
});
