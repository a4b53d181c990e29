/**
 * The tournament engine (agents/tournament/) against standings computed by hand: round robin with
 * a head-to-head tie, an odd field's rests, a withdrawal, a double round robin; Swiss tiebreaks on
 * a fixed draw and with a bye, and the Swiss pairings (no rematch, one bye a round, the
 * same for the same seed); elimination with seeded byes and sudden death; arena streaks; the ladder's
 * Elo; no-shows, and infrastructure failures replayed rather than lost.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  advance,
  createTournament,
  crosstable,
  gamePoints,
  pendingGames,
  recordGame,
  replayGame,
  runTournament,
  standings,
  withdraw,
  type GameRun,
  type Pairing,
  type RulesInput,
  type TournamentState,
} from '../../agents/tournament/index.ts';
import { deriveSeed } from '../../games/core/rng.ts';

/** ranks for seats [x, y] when `winner` wins (null = draw). */
const ranksFor = (seats: string[], winner: string | null) =>
  winner === null ? [1, 1] : seats.map((s) => (s === winner ? 1 : 2));

/** Play every pending game with `decide(a, b)` → the winner or null, until the tournament stops moving. */
function playAll(state: TournamentState, decide: (a: string, b: string) => string | null): TournamentState {
  return runTournament(state, (_p, g) => ({
    kind: 'played',
    ranks: ranksFor(g.seats, decide(g.seats[0]!, g.seats[1]!)),
  }));
}

const row = (state: TournamentState, id: string) => standings(state).find((r) => r.entrant === id)!;

describe('round robin', () => {
  // a > b > c > d by strength, except c beats a and b–d is drawn.
  const decide = (x: string, y: string) => {
    const [p, q] = [x, y].sort();
    if (p === 'a' && q === 'c') return 'c';
    if (p === 'b' && q === 'd') return null;
    return p!;
  };

  it('ranks on points, then head-to-head: c and a on 2, c beat a', () => {
    const s = playAll(createTournament({ format: { kind: 'round-robin' } }, ['a', 'b', 'c', 'd'], 7), decide);
    assert.equal(s.status, 'finished');
    assert.equal(s.round, 3);
    const table = standings(s);
    assert.deepEqual(
      table.map((r) => [r.rank, r.entrant, r.points]),
      [
        [1, 'c', 2],
        [2, 'a', 2],
        [3, 'b', 1.5],
        [4, 'd', 0.5],
      ],
    );
    assert.equal(row(s, 'c').tiebreaks['head-to-head'], 1);
    assert.equal(row(s, 'a').tiebreaks['head-to-head'], 0);
    // SB: a beat b (1.5) and d (0.5) = 2; c beat a (2) and d (0.5) = 2.5.
    assert.equal(row(s, 'a').tiebreaks['sonneborn-berger'], 2);
    assert.equal(row(s, 'c').tiebreaks['sonneborn-berger'], 2.5);
    assert.deepEqual([row(s, 'b').wins, row(s, 'b').draws, row(s, 'b').losses], [1, 1, 1]);
    const x = crosstable(s);
    assert.deepEqual(x.entrants, ['c', 'a', 'b', 'd']);
    assert.deepEqual(x.cells[0], [null, 1, 0, 1]);
  });

  it('gives each entrant of an odd field one rest worth nothing, and a full cycle ties a rock–paper–scissors field', () => {
    const beats: Record<string, string> = { a: 'b', b: 'c', c: 'a' };
    const s = playAll(createTournament({ format: { kind: 'round-robin' } }, ['a', 'b', 'c'], 3), (x, y) =>
      beats[x] === y ? x : y,
    );
    assert.equal(s.round, 3);
    for (const r of standings(s)) {
      assert.equal(r.byes, 1);
      assert.equal(r.points, 1);
      assert.equal(r.rank, 1);
    }
  });

  it('forfeits the remaining games of an entrant who withdraws; the played ones stand', () => {
    const s = createTournament({ format: { kind: 'round-robin' } }, ['a', 'b', 'c', 'd'], 7);
    advance(s);
    for (const { pairing, game } of pendingGames(s))
      recordGame(s, pairing.id, game.index, {
        kind: 'played',
        ranks: ranksFor(game.seats, decide(game.seats[0]!, game.seats[1]!)),
      });
    const round1 = s.pairings.filter((p) => p.round === 1);
    withdraw(s, 'd', 'organiser');
    playAll(s, decide);
    const d = row(s, 'd');
    assert.equal(d.withdrawn, true);
    assert.equal(d.forfeitLosses, 2);
    assert.equal(d.games, 3);
    const dRound1 = round1.find((p) => p.entrants.includes('d'))!;
    const dOpp = dRound1.entrants.find((e) => e !== 'd')!;
    // d's round-1 opponent played d; the two others won by forfeit.
    for (const id of ['a', 'b', 'c'].filter((x) => x !== dOpp)) assert.equal(row(s, id).forfeitWins, 1, id);
    assert.equal(row(s, dOpp).forfeitWins, 0);
    // Forfeit wins score as wins: b now beats d by forfeit unless b drew d in round 1.
    assert.equal(row(s, 'b').points, dOpp === 'b' ? 1.5 : 2);
  });

  it('plays a double round robin with seats swapped in the second cycle, and counts Buchholz per meeting', () => {
    const s = playAll(
      createTournament({ format: { kind: 'round-robin', cycles: 2 }, tiebreaks: ['buchholz'] }, ['a', 'b', 'c'], 5),
      (x, y) => [x, y].sort()[0]!,
    );
    assert.equal(s.round, 6);
    const meetings = s.pairings.filter(
      (p) => p.kind === 'game' && p.entrants.includes('a') && p.entrants.includes('b'),
    );
    assert.equal(meetings.length, 2);
    assert.deepEqual(meetings[0]!.entrants, [...meetings[1]!.entrants].reverse());
    // a 4, b 2, c 0; a met b twice and c twice: 2+2+0+0 = 4; b: 4+4+0+0 = 8; c: 4+4+2+2 = 12.
    assert.deepEqual(
      standings(s).map((r) => [r.entrant, r.points, r.tiebreaks.buchholz]),
      [
        ['a', 4, 4],
        ['b', 2, 8],
        ['c', 0, 12],
      ],
    );
  });
});

/** A state whose pairings are fixed by hand (not by the pairing library), with the given results. */
function fixed(
  rules: RulesInput,
  ids: string[],
  games: [round: number, a: string, b: string | null, winner: string | null | undefined][],
): TournamentState {
  const s = createTournament(rules, ids, 1);
  games.forEach(([round, a, b, winner], i) => {
    const p: Pairing = {
      id: `r${round}p${i}`,
      round,
      entrants: b === null ? [a] : [a, b],
      kind: b === null ? 'bye' : 'game',
      games: [],
    };
    if (b !== null)
      p.games = [
        {
          index: 0,
          seats: [a, b],
          seed: 0,
          attempt: 0,
          outcome: { kind: 'played', ranks: ranksFor([a, b], winner ?? null) },
        },
      ];
    s.pairings.push(p);
    s.round = Math.max(s.round, round);
  });
  return s;
}

describe('Swiss', () => {
  it('computes Buchholz and Sonneborn–Berger as by hand', () => {
    // R1: a beats b, c–d draw. R2: a beats c, d beats b. Points a 2, d 1.5, c 0.5, b 0.
    const s = fixed(
      { format: { kind: 'swiss', rounds: 2 } },
      ['a', 'b', 'c', 'd'],
      [
        [1, 'a', 'b', 'a'],
        [1, 'c', 'd', null],
        [2, 'a', 'c', 'a'],
        [2, 'd', 'b', 'd'],
      ],
    );
    assert.deepEqual(
      standings(s).map((r) => [r.rank, r.entrant, r.points, r.tiebreaks.buchholz, r.tiebreaks['sonneborn-berger']]),
      [
        [1, 'a', 2, 0.5, 0.5],
        [2, 'd', 1.5, 0.5, 0.25],
        [3, 'c', 0.5, 3.5, 0.75],
        [4, 'b', 0, 3.5, 0],
      ],
    );
  });

  it('scores a bye as a win and leaves it out of Buchholz', () => {
    // R1: a beats b, e has the bye. R2: e beats a, b has the bye. Points: e 2, a 1, b 1.
    const s = fixed(
      { format: { kind: 'swiss', rounds: 2 } },
      ['a', 'b', 'e'],
      [
        [1, 'a', 'b', 'a'],
        [1, 'e', null, undefined],
        [2, 'e', 'a', 'e'],
        [2, 'b', null, undefined],
      ],
    );
    assert.deepEqual(
      standings(s).map((r) => [r.rank, r.entrant, r.points, r.byes, r.tiebreaks.buchholz]),
      [
        [1, 'e', 2, 1, 1],
        [2, 'a', 1, 0, 3],
        [3, 'b', 1, 1, 1],
      ],
    );
  });

  it('never draws from Math.random (pairings come from the seed alone)', () => {
    const saved = Math.random;
    Math.random = () => {
      throw new Error('Math.random called');
    };
    try {
      for (const format of [{ kind: 'swiss', rounds: 2 }, { kind: 'round-robin' }, { kind: 'elimination' }] as const)
        assert.equal(playAll(createTournament({ format }, ['a', 'b', 'c'], 1), (x) => x).status, 'finished');
    } finally {
      Math.random = saved;
    }
  });

  it('pairs Swiss: nobody meets twice, one bye a round to a different entrant, the same draw for the same seed', () => {
    const run = (seed: number) =>
      playAll(
        createTournament({ format: { kind: 'swiss', rounds: 3 } }, ['a', 'b', 'c', 'd', 'e'], seed),
        (x, y) => [x, y].sort()[0]!,
      );
    const s = run(11);
    assert.equal(s.status, 'finished');
    const byes = s.pairings.filter((p) => p.kind === 'bye');
    assert.equal(byes.length, 3);
    assert.equal(new Set(byes.map((p) => p.entrants[0])).size, 3);
    const met = s.pairings.filter((p) => p.kind === 'game').map((p) => [...p.entrants].sort().join('-'));
    assert.equal(new Set(met).size, met.length);
    const sig = (t: TournamentState) => JSON.stringify(t.pairings.map((p) => [p.id, p.entrants]));
    assert.equal(sig(run(11)), sig(s));
    assert.ok(
      [12, 13, 14, 15].some((seed) => sig(run(seed)) !== sig(s)),
      'another seed draws differently',
    );
    // Points add up: every game gives out 1, every bye 1.
    assert.equal(
      standings(s).reduce((t, r) => t + r.points, 0),
      3 * 2 + 3,
    );
  });

  it('does not pair a withdrawn entrant again', () => {
    const s = createTournament({ format: { kind: 'swiss', rounds: 3 } }, ['a', 'b', 'c', 'd', 'e', 'f'], 2);
    advance(s);
    withdraw(s, 'f', 'left');
    playAll(s, (x, y) => [x, y].sort()[0]!);
    assert.equal(s.pairings.filter((p) => p.round > 1 && p.entrants.includes('f')).length, 0);
    assert.equal(s.pairings.filter((p) => p.kind === 'bye').length, 2);
  });
});

describe('single elimination', () => {
  it('seeds 1 v N with byes for the top seeds, and ranks by the round an entrant went out in', () => {
    const seedOf = (id: string) => Number(id.slice(1));
    const s = playAll(
      createTournament({ format: { kind: 'elimination' } }, ['s1', 's2', 's3', 's4', 's5'], 9),
      (x, y) => (seedOf(x) < seedOf(y) ? x : y),
    );
    assert.equal(s.status, 'finished');
    const r1 = s.pairings.filter((p) => p.round === 1 && p.kind === 'game');
    assert.deepEqual(
      r1.map((p) => p.entrants),
      [['s4', 's5']],
    );
    assert.deepEqual(
      s.pairings.filter((p) => p.round === 1 && p.kind === 'bye').map((p) => p.entrants[0]),
      ['s1', 's2', 's3'],
    );
    assert.deepEqual(
      standings(s).map((r) => [r.rank, r.entrant, r.eliminatedIn ?? null]),
      [
        [1, 's1', null],
        [2, 's2', 3],
        [3, 's3', 2],
        [3, 's4', 2],
        [5, 's5', 1],
      ],
    );
  });

  it('breaks a drawn pairing by sudden death, then by the better seed', () => {
    const s = createTournament({ format: { kind: 'elimination', suddenDeath: 1 } }, ['a', 'b'], 1);
    advance(s);
    const p = s.pairings[0]!;
    recordGame(s, p.id, 0, { kind: 'played', ranks: [1, 1] });
    assert.equal(p.games.length, 2, 'one sudden-death game added');
    assert.deepEqual(p.games[1]!.seats, ['b', 'a'], 'seats rotate');
    recordGame(s, p.id, 1, { kind: 'played', ranks: [1, 1] });
    assert.equal(p.winner, 'a', 'still drawn: seed 1 advances');
    advance(s);
    assert.equal(s.status, 'finished');
  });

  it('fills the bracket the same way whatever order the games finish in', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const bracket = (reverse: boolean) => {
      const s = createTournament({ format: { kind: 'elimination' } }, ids, 4);
      advance(s);
      while (s.status !== 'finished') {
        const todo = pendingGames(s);
        if (reverse) todo.reverse();
        for (const { pairing, game } of todo)
          recordGame(s, pairing.id, game.index, {
            kind: 'played',
            ranks: ranksFor(game.seats, [...game.seats].sort()[1]!),
          });
        advance(s);
      }
      return JSON.stringify(s.pairings.map((p) => p.entrants));
    };
    assert.equal(bracket(true), bracket(false));
  });
});

describe('arena', () => {
  it('scores 2/1/0 and doubles after two wins in a row until a game is not won (lila ScoringSystem)', () => {
    const s = fixed(
      { format: { kind: 'arena', durationMs: 60_000 } },
      ['x', 'y'],
      [
        [1, 'x', 'y', 'x'],
        [2, 'x', 'y', 'x'],
        [3, 'x', 'y', 'x'],
        [4, 'x', 'y', null],
        [5, 'x', 'y', 'x'],
        [6, 'x', 'y', 'y'],
        [7, 'x', 'y', 'x'],
      ],
    );
    const x = gamePoints(s).get('x')!;
    assert.deepEqual(
      x.map((r) => r.points),
      [2, 2, 4, 2, 2, 0, 2],
    );
    assert.equal(row(s, 'x').points, 14);
    // y: L L L D(1, no streak) W L → 1 + 2 = 3
    assert.equal(row(s, 'y').points, 3);
  });

  it('pairs idle entrants again as soon as their game ends, until the time is up', () => {
    const s = createTournament({ format: { kind: 'arena', durationMs: 1000 } }, ['a', 'b', 'c', 'd'], 3);
    // games last 100 ms of simulated time; the alphabetically first wins
    runTournament(s, (_p, g) => ({
      kind: 'played',
      ranks: ranksFor(g.seats, [...g.seats].sort()[0]!),
      durationMs: 100,
    }));
    assert.equal(s.status, 'finished');
    // 2 games at a time, each 100 ms, 10 waves in 1000 ms.
    const played = s.pairings.filter((p) => p.kind === 'game');
    assert.equal(played.length, 20);
    assert.ok(played.every((p) => p.games[0]!.endedAt! <= 1100));
    // no immediate rematch
    for (const id of ['a', 'b', 'c', 'd']) {
      const opps = played.filter((p) => p.entrants.includes(id)).map((p) => p.entrants.find((e) => e !== id));
      for (let i = 1; i < opps.length; i++)
        assert.notEqual(opps[i], opps[i - 1], `${id} met ${opps[i]} twice in a row`);
    }
  });
});

describe('ladder', () => {
  it('updates Elo after each game (elo-rank, K = 44) and ranks by it', () => {
    const s = playAll(createTournament({ format: { kind: 'ladder', maxGames: 1 } }, ['a', 'b'], 1), () => 'b');
    assert.deepEqual(
      standings(s).map((r) => [r.entrant, r.rating]),
      [
        ['b', 1022],
        ['a', 978],
      ],
    );
  });

  it('pairs by rating and stops at the game budget', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    const s = createTournament(
      { format: { kind: 'ladder', maxGames: 30 } },
      ids.map((id, i) => ({ id, rating: 1000 + 100 * i })),
      5,
    );
    playAll(s, (x, y) => [x, y].sort()[1]!);
    assert.equal(
      s.pairings.reduce((n, p) => n + p.games.length, 0),
      30,
    );
    const first = s.pairings.filter((p) => p.round === 1).map((p) => [...p.entrants].sort().join(''));
    assert.deepEqual(first.sort(), ['ab', 'cd', 'ef'], 'nearest ratings meet first');
  });
});

describe('no-shows and infrastructure failures', () => {
  it('forfeits a no-show, and withdraws it after maxForfeits forfeits in a row', () => {
    const t = createTournament({ format: { kind: 'round-robin' }, maxForfeits: 2 }, ['a', 'b', 'c', 'd'], 7);
    advance(t);
    while (t.status !== 'finished') {
      for (const { pairing, game } of pendingGames(t)) {
        if (game.seats.includes('d')) recordGame(t, pairing.id, game.index, { kind: 'forfeit', absent: ['d'] });
        else
          recordGame(t, pairing.id, game.index, {
            kind: 'played',
            ranks: ranksFor(game.seats, [...game.seats].sort()[0]!),
          });
      }
      advance(t);
    }
    const d = row(t, 'd');
    assert.equal(d.withdrawn, true);
    assert.equal(d.forfeitLosses, 3);
    assert.equal(d.points, 0);
    assert.ok(t.log.some((e) => e.type === 'withdraw' && e.entrant === 'd' && e.reason === '2 forfeits in a row'));
    assert.deepEqual(
      standings(t).map((r) => [r.entrant, r.points]),
      [
        ['a', 3],
        ['b', 2],
        ['c', 1],
        ['d', 0],
      ],
    );
  });

  it('replays a game after an infrastructure failure with a fresh seed and scores it for nobody; voids it past maxReplays', () => {
    const s = createTournament({ format: { kind: 'round-robin' }, maxReplays: 1 }, ['a', 'b'], 3);
    advance(s);
    const p = s.pairings[0]!;
    const seed0 = p.games[0]!.seed;
    assert.equal(seed0, deriveSeed(3, p.id, 0, 0));
    replayGame(s, p.id, 0, 'server crashed');
    assert.equal(p.games[0]!.outcome, undefined);
    assert.equal(p.games[0]!.seed, deriveSeed(3, p.id, 0, 1));
    assert.deepEqual(
      standings(s).map((r) => r.points),
      [0, 0],
    );
    replayGame(s, p.id, 0, 'crashed again');
    assert.deepEqual(p.games[0]!.outcome, { kind: 'void' });
    advance(s);
    assert.equal(s.status, 'finished');
    assert.deepEqual(
      standings(s).map((r) => [r.rank, r.games, r.losses]),
      [
        [1, 0, 0],
        [1, 0, 0],
      ],
    );
  });

  it('counts a result once: the same match recorded twice is a no-op, a different second result is refused', () => {
    const s = createTournament({ format: { kind: 'round-robin' } }, ['a', 'b'], 3);
    advance(s);
    const p = s.pairings[0]!;
    assert.equal(recordGame(s, p.id, 0, { kind: 'played', ranks: [1, 2], matchId: 'm1' }), true);
    assert.equal(recordGame(s, p.id, 0, { kind: 'played', ranks: [1, 2], matchId: 'm1' }), false);
    assert.throws(() => recordGame(s, p.id, 0, { kind: 'played', ranks: [2, 1], matchId: 'm2' }), {
      code: 'TOURNAMENT_STATE',
    });
    assert.equal(standings(s)[0]!.points, 1);
  });

  it('runs a failure through the driver as a replay, not a loss', () => {
    let failed = false;
    const s = runTournament(
      createTournament({ format: { kind: 'round-robin' } }, ['a', 'b', 'c'], 3),
      (_p, g): GameRun => {
        if (!failed && g.seats.includes('a')) {
          failed = true;
          return { kind: 'failed', reason: 'worker died' };
        }
        return { kind: 'played', ranks: ranksFor(g.seats, 'a') };
      },
    );
    assert.equal(row(s, 'a').points, 2);
    assert.equal(row(s, 'a').losses, 0);
    assert.ok(s.log.some((e) => e.type === 'replay'));
  });
});

describe('rules', () => {
  it('refuses bad rules and fields with typed errors', () => {
    assert.throws(() => createTournament({ format: { kind: 'swiss', rounds: 0 } }, ['a', 'b'], 1), {
      code: 'TOURNAMENT_RULES',
    });
    assert.throws(() => createTournament({ format: { kind: 'round-robin' } }, ['a'], 1), {
      code: 'TOURNAMENT_ENTRANTS',
    });
    assert.throws(() => createTournament({ format: { kind: 'round-robin' } }, ['a', 'a'], 1), {
      code: 'TOURNAMENT_ENTRANTS',
    });
    assert.throws(() => createTournament({ format: { kind: 'swiss', rounds: 5 } }, ['a', 'b', 'c', 'd'], 1), {
      code: 'TOURNAMENT_ENTRANTS',
    });
    assert.throws(() => createTournament({ format: { kind: 'ladder' } }, ['a', 'b'], 1), { code: 'TOURNAMENT_RULES' });
  });
});
