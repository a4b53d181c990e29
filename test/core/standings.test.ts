import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adjudicate, pairScore, ranksOf } from '../../games/core/standings.ts';

test('a two-seat winner ranks first; a draw ties whatever the returns', () => {
  assert.deepEqual(adjudicate({ returns: [14, 9], winner: 0 }).ranks, [1, 2]);
  assert.deepEqual(adjudicate({ returns: [-1, -1], winner: null }).ranks, [1, 1]);
  assert.deepEqual(adjudicate({ returns: [3, 1], winner: null }).ranks, [1, 1]);
});

test('without a winner concept the seats are ranked by return, ties share a rank (competition ranking)', () => {
  const s = adjudicate({ returns: [5, 7, 5, 1] });
  assert.deepEqual(s.ranks, [2, 1, 2, 4]);
  assert.equal('winner' in s, false, 'public goods keep no winner');
});

test('a seat at fault ranks last, and the adjudicated winner agrees with the ranks', () => {
  // IPD: seat 0 led 14–9 and then left for good: it loses.
  const s = adjudicate({ returns: [14, 9], winner: 0 }, [0]);
  assert.deepEqual(s.ranks, [2, 1]);
  assert.equal(s.winner, 1);
  assert.deepEqual(s.returns, [14, 9], "returns are the engine's, untouched");
  // A two-seat game cut short before any winner existed.
  assert.equal(adjudicate({ returns: [0, 0], winner: null }, [1]).winner, 0);
  // Four seats: the faulty one is last, the others keep their order by return.
  assert.deepEqual(adjudicate({ returns: [30, 10, 20, 40] }, [3]).ranks, [1, 3, 2, 4]);
  // Two faults tie at the bottom.
  assert.deepEqual(adjudicate({ returns: [30, 10, 20, 40] }, [3, 1]).ranks, [1, 3, 2, 3]);
});

test('below the winner, the other seats are ranked by return', () => {
  assert.deepEqual(adjudicate({ returns: [1, 5, 3], winner: 0 }).ranks, [1, 2, 3]);
});

test('pair scores come from ranks; stored results without ranks are adjudicated on the fly', () => {
  const r = [1, 2, 2];
  assert.equal(pairScore(r, 0, 1), 1);
  assert.equal(pairScore(r, 1, 0), 0);
  assert.equal(pairScore(r, 1, 2), 0.5);
  assert.deepEqual(ranksOf({ returns: [1, 0], winner: 0, ranks: [2, 1] } as never), [2, 1]);
  assert.deepEqual(ranksOf({ returns: [1, 0], winner: 0 }, [0]), [2, 1]);
});
