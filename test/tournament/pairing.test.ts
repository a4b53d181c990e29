/**
 * The pairing tables, against hand-derived expectations: Berger tables (FIDE Handbook C.05 Annex 1),
 * the standard seeded bracket, and Swiss rounds by maximum-weight matching (score groups, no
 * rematch, seat wishes, the FIDE C.04.1 bye, rating closeness in a ladder wave).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eliminationBracket, roundRobinRounds, swissRound, type SwissPlayer } from '../../agents/tournament/index.ts';

const player = (
  id: string,
  score: number,
  seating: (1 | -1)[] = [],
  avoid: string[] = [],
  extra: Partial<SwissPlayer> = {},
): SwissPlayer => ({ id, score, seating, avoid, receivedBye: false, ...extra });

describe('round robin: Berger tables', () => {
  it('matches the FIDE table for 6 entrants, and an odd field rests against the dummy', () => {
    const ids = ['1', '2', '3', '4', '5', '6'];
    const table = (rounds: ReturnType<typeof roundRobinRounds>) =>
      [1, 2, 3, 4, 5].map((r) =>
        rounds
          .filter((m) => m.round === r)
          .map((m) => `${m.player1 ?? '-'}-${m.player2 ?? '-'}`)
          .join(' '),
      );
    // FIDE C.05 Annex 1, 5 or 6 players.
    assert.deepEqual(table(roundRobinRounds(ids)), [
      '1-6 2-5 3-4',
      '6-4 5-3 1-2',
      '2-6 3-1 4-5',
      '6-5 1-4 2-3',
      '3-6 4-2 5-1',
    ]);
    assert.deepEqual(table(roundRobinRounds(ids.slice(0, 5))), [
      '1-- 2-5 3-4',
      '--4 5-3 1-2',
      '2-- 3-1 4-5',
      '--5 1-4 2-3',
      '3-- 4-2 5-1',
    ]);
  });

  it('pairs everyone once for any field size', () => {
    for (let n = 2; n <= 12; n++) {
      const ids = Array.from({ length: n }, (_, i) => `p${i}`);
      const games = roundRobinRounds(ids).filter((m) => m.player1 !== null && m.player2 !== null);
      const pairs = new Set(games.map((m) => [m.player1, m.player2].sort().join('-')));
      assert.equal(games.length, (n * (n - 1)) / 2);
      assert.equal(pairs.size, games.length);
    }
  });
});

describe('single elimination: the seeded bracket', () => {
  it('puts 1 v 8, 4 v 5, 2 v 7, 3 v 6 so seeds 1 and 2 meet only in the final', () => {
    const b = eliminationBracket(['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8']);
    assert.deepEqual(
      b.filter((m) => m.round === 1).map((m) => [m.player1, m.player2, m.win]),
      [
        ['s1', 's8', { round: 2, match: 1 }],
        ['s4', 's5', { round: 2, match: 1 }],
        ['s2', 's7', { round: 2, match: 2 }],
        ['s3', 's6', { round: 2, match: 2 }],
      ],
    );
    assert.deepEqual(
      b.filter((m) => m.round > 1).map((m) => [m.round, m.match, m.win ?? null]),
      [
        [2, 1, { round: 3, match: 1 }],
        [2, 2, { round: 3, match: 1 }],
        [3, 1, null],
      ],
    );
  });

  it('gives the byes of an uneven field to the top seeds, who enter in round 2', () => {
    // 5 in a bracket of 8: 1, 2 and 3 face the empty seeds 8, 7 and 6; only 4 v 5 is played in round 1.
    assert.deepEqual(
      eliminationBracket(['s1', 's2', 's3', 's4', 's5']).map((m) => [m.round, m.match, m.player1, m.player2]),
      [
        [1, 1, 's4', 's5'],
        [2, 1, 's1', null],
        [2, 2, 's2', 's3'],
        [3, 1, null, null],
      ],
    );
  });
});

describe('Swiss by maximum-weight matching', () => {
  it('pairs within score groups and gives each pair the seats it wishes', () => {
    // R1: a (first seat) beat b, c (second seat) beat d. R2: a–c and b–d; a and d sat first, so c and b do now.
    const r2 = swissRound(
      [
        player('a', 1, [1], ['b']),
        player('b', 0, [-1], ['a']),
        player('c', 1, [-1], ['d']),
        player('d', 0, [1], ['c']),
      ],
      2,
      5,
    );
    assert.deepEqual(r2, [
      ['c', 'a'],
      ['b', 'd'],
    ]);
  });

  it('gives a strong seat wish (two seats the same in a row) before a mild one', () => {
    // a sat second twice, b once: both wish the first seat, a strongly; b is higher-ranked but yields.
    assert.deepEqual(swissRound([player('b', 1, [1, -1], ['x']), player('a', 1, [-1, -1], ['y'])], 3, 4), [['a', 'b']]);
  });

  it('floats down rather than repeat a pairing', () => {
    // a and b lead with 2 but have met: each meets one of the 1-point entrants.
    const r = swissRound(
      [player('a', 2, [1, -1], ['b', 'e']), player('b', 2, [-1, 1], ['a', 'f']), player('c', 1), player('d', 1)],
      3,
      9,
    );
    const pairs = r.map((p) => [...p].sort().join('-'));
    assert.ok(!pairs.includes('a-b'));
    assert.deepEqual(
      r.map((p) => p.filter((x) => x === 'a' || x === 'b').length),
      [1, 1],
    );
  });

  it('gives the bye to the lowest-scored entrant who has not had one (FIDE C.04.1)', () => {
    const r = swissRound(
      [player('a', 2), player('b', 1), player('c', 1), player('d', 0), player('e', 0, [], [], { receivedBye: true })],
      3,
      1,
    );
    assert.deepEqual(r.at(-1), ['d', null]);
    assert.equal(r.filter(([, y]) => y !== null).length, 2);
  });

  it('pairs a ladder wave by rating closeness', () => {
    const r = swissRound(
      [
        player('x', 0, [], [], { rating: 1200 }),
        player('y', 0, [], [], { rating: 1500 }),
        player('z', 0, [], [], { rating: 1190 }),
        player('w', 0, [], [], { rating: 1490 }),
      ],
      1,
      3,
      true,
    );
    assert.deepEqual(
      r.map((p) => [...p].sort().join('-')),
      ['w-y', 'x-z'],
    );
  });

  it('leaves alone an entrant who has met everyone', () => {
    const r = swissRound(
      [player('a', 1, [1, 1], ['b', 'c']), player('b', 1, [], ['a']), player('c', 1, [], ['a'])],
      3,
      2,
      true,
    );
    assert.deepEqual(
      r.map((p) => (p[1] === null ? p : [...p].sort())),
      [
        ['b', 'c'],
        ['a', null],
      ],
    );
  });
});
