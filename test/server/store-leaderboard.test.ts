/**
 * The leaderboard through the store, on PGlite and on the real Postgres: every pair of seats
 * counted once (one agent in three of four seats), the history listed in commit order (its last
 * entry is the leaderboard's Elo even when matches end in the same millisecond), Nash averaging and
 * α-Rank computed off the request path, the "why this rank" view, predictions, and the rebuild of
 * pair results from stored matches.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { FinishedMatch } from '../../server/contracts.ts';
import { pairTotals, rebuildPairs } from '../../server/store/leaderboard.ts';
import { commitMatch } from '../../server/store/matches.ts';
import { fitRatings } from '../../agents/eval/rating-board.ts';
import { PairTable } from '../../agents/eval/rating-pairs.ts';
import { adjudicate } from '../../games/core/standings.ts';
import { ELO_INITIAL, ELO_K } from '../../server/store/rating-policy.ts';
import type { Store } from '../../server/store/store.ts';
import { BACKENDS } from './store-backends.ts';

/** A stored match of any game with the given seats and returns (the ranks follow from the returns). */
function finished(
  game: string,
  agents: string[],
  returns: number[],
  endedAt = '2026-03-01T12:00:00.000Z',
  winner?: number | null,
): FinishedMatch {
  return {
    id: randomUUID(),
    game,
    config: {},
    seed: 1,
    seats: agents.map((agentId, seat) => ({ seat, agentId, kind: 'remote' as const, label: agentId })),
    result: adjudicate(winner === undefined ? { returns } : { returns, winner }),
    outcome: 'normal',
    actions: [],
    finalHash: 'h',
    rewards: [],
    thinkMs: [],
    rated: true,
    startedAt: '2026-03-01T11:59:59.000Z',
    endedAt,
  };
}

for (const backend of BACKENDS) {
  describe(`leaderboard on ${backend.name}`, { skip: backend.skip }, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    const agent = async (name: string) =>
      (await store.registerAgent({ name: `${name}-${randomUUID().slice(0, 6)}`, owner: 't', games: ['g'] })).agent.id;

    before(async () => {
      ({ store, cleanup } = await backend.open());
    });
    after(async () => {
      await cleanup?.();
    });

    it('counts every pair once when one agent holds three of four seats, in Elo, pair totals and Bradley–Terry', async () => {
      const game = 'pg4';
      const x = await agent('x');
      const fr = await agent('free-rider');
      await store.commitMatch(finished(game, [x, fr, fr, fr], [30, 20, 20, 20]));
      const rows = await store.db.query(
        'SELECT seat_a, seat_b, a, b, score_a, weight FROM pair_results WHERE game = $1 ORDER BY seat_b',
        [game],
      );
      assert.deepEqual(
        rows.map((r) => [Number(r.seat_a), Number(r.seat_b), r.a, r.b, Number(r.score_a)]),
        [
          [0, 1, x, fr, 1],
          [0, 2, x, fr, 1],
          [0, 3, x, fr, 1],
        ],
      );
      const [t] = await store.db.query('SELECT score, weight, results FROM pair_totals WHERE game = $1', [game]);
      assert.equal(Number(t!.results), 3);
      assert.ok(Math.abs(Number(t!.weight) - 1) < 1e-12);
      const board = await store.boards.settled(game);
      const bx = board.items.find((r) => r.agentId === x)!;
      const bf = board.items.find((r) => r.agentId === fr)!;
      // One match moves each rating by one game's worth: K/2 between equals, never more than K.
      assert.equal(bx.elo, ELO_INITIAL + ELO_K / 2);
      assert.equal(bf.elo, ELO_INITIAL - ELO_K / 2);
      // The same Bradley–Terry numbers as one two-seat win.
      const y = await agent('y');
      const z = await agent('z');
      await store.commitMatch(finished('two', [y, z], [1, 0], undefined, 0));
      const two = (await store.boards.settled('two')).items;
      assert.ok(Math.abs(two.find((r) => r.agentId === y)!.rating - bx.rating) < 1e-9);
      assert.ok(Math.abs(two.find((r) => r.agentId === y)!.ratingSd - bx.ratingSd) < 1e-9);
    });

    it('lists the rating history in commit order: its last entry is the leaderboard’s Elo, even when every match ends in the same millisecond', async () => {
      const game = 'same-ms';
      const a = await agent('a');
      const b = await agent('b');
      for (let i = 0; i < 40; i++)
        await store.commitMatch(finished(game, i % 3 ? [a, b] : [b, a], [1, 0], '2026-03-01T12:00:00.000Z', 0));
      const board = (await store.boards.settled(game)).items;
      for (const id of [a, b]) {
        const hist = await store.ratingHistory(id, game);
        assert.equal(hist.length, 40);
        assert.equal(hist.at(-1)!.after, board.find((r) => r.agentId === id)!.elo);
        for (let i = 1; i < hist.length; i++)
          assert.equal(hist[i]!.before, hist[i - 1]!.after, `entry ${i} does not follow entry ${i - 1}`);
      }
    });

    it('computes Nash averaging and α-Rank off the request path and shows them with intervals (rock–paper–scissors agents)', async () => {
      const game = 'rps';
      const [r, p, s] = [await agent('rock'), await agent('paper'), await agent('scissors')];
      for (let i = 0; i < 12; i++) {
        await store.commitMatch(finished(game, [r, s], [1, 0], undefined, 0));
        await store.commitMatch(finished(game, [s, p], [1, 0], undefined, 0));
        await store.commitMatch(finished(game, [p, r], [1, 0], undefined, 0));
      }
      // A newcomer with one game stays out of the payoff table (too few games).
      const n = await agent('newcomer');
      await store.commitMatch(finished(game, [n, r], [0, 1], undefined, 1));
      const board = await store.boards.settled(game);
      assert.equal(board.gameTheory.status, 'ready');
      assert.equal(board.gameTheory.agents, 3);
      for (const id of [r, p, s]) {
        const row = board.items.find((x) => x.agentId === id)!;
        // Near-uniform: the newcomer's one game tilts the Bradley–Terry fallback a little.
        assert.ok(Math.abs(row.nash!.mass - 1 / 3) < 0.01, JSON.stringify(row.nash));
        assert.ok(Math.abs(row.nash!.score - 0.5) < 1e-6);
        assert.ok(row.nash!.massLow! <= row.nash!.mass && row.nash!.mass <= row.nash!.massHigh!);
        assert.ok(Math.abs(row.alphaRank!.mass - 1 / 3) < 0.01, JSON.stringify(row.alphaRank));
        assert.ok(row.alphaRank!.low! <= row.alphaRank!.mass && row.alphaRank!.mass <= row.alphaRank!.high!);
      }
      const newcomer = board.items.find((x) => x.agentId === n)!;
      assert.equal(newcomer.nash, null);
      assert.equal(newcomer.provisional, true);
      // A request never waits for the game theory: the snapshot is returned as it is.
      await store.commitMatch(finished(game, [r, s], [1, 0], undefined, 0));
      const t0 = performance.now();
      const quick = await store.leaderboard(game);
      assert.ok(performance.now() - t0 < 1000);
      assert.ok(['ready', 'stale'].includes(quick.gameTheory.status));
    });

    it('explains a rank: the agent against its top opponents, observed and predicted', async () => {
      const game = 'rps';
      const board = await store.boards.settled(game);
      const top = board.items[0]!;
      const view = (await store.boards.agentView(game, top.agentId, 3))!;
      assert.equal(view.agents[0]!.agentId, top.agentId);
      assert.equal(view.agents.length, 4);
      assert.equal(view.cells.length, 4);
      for (let i = 0; i < 4; i++) {
        assert.equal(view.cells[i]![i]!.results, 0);
        for (let j = 0; j < 4; j++) {
          const c = view.cells[i]![j]!;
          assert.ok(c.predictedLow <= c.predicted && c.predicted <= c.predictedHigh);
          if (c.score !== null) assert.ok(Math.abs(c.score + view.cells[j]![i]!.score! - 1) < 1e-12);
        }
      }
      const p = (await store.boards.predict(game, view.agents[1]!.agentId, view.agents[2]!.agentId))!;
      assert.ok(p.low <= p.score && p.score <= p.high);
      assert.equal(await store.boards.agentView(game, 'nobody'), null);
    });

    it('notices commits made by another process (the in-memory table reloads) and keeps applying its own incrementally', async () => {
      const game = 'two-processes';
      const [a, b, c] = [await agent('a'), await agent('b'), await agent('c')];
      await store.commitMatch(finished(game, [a, b], [1, 0], undefined, 0));
      await store.boards.settledRatings(game);
      // "Another process": the same commit path without this cache's callback.
      await commitMatch(store.db, finished(game, [b, c], [1, 0], undefined, 0));
      await commitMatch(store.db, finished(game, [c, a], [1, 0], undefined, 0));
      await store.commitMatch(finished(game, [a, c], [1, 0], undefined, 0));
      const board = await store.boards.settledRatings(game);
      // The same numbers as a cold fit of what is stored.
      const { cells } = await pairTotals(store.db, game);
      const table = new PairTable();
      for (const x of cells) table.add(x.a, x.b, x.score, x.weight, x.results);
      const cold = fitRatings(
        board.items.map((r) => r.agentId),
        table,
      );
      for (const row of board.items) {
        const r = cold.rows.find((x) => x.agentId === row.agentId)!;
        assert.ok(
          Math.abs(row.rating - r.rating) < 1e-6 && Math.abs(row.ratingSd - r.sd) < 1e-6,
          `${row.rating} vs ${r.rating}`,
        );
      }
      assert.equal(board.items.find((r) => r.agentId === a)!.games, 3);
    });

    it('rebuilds pair results and totals from the stored matches after the migration', async () => {
      const game = 'pg4';
      const before = await store.db.query(
        'SELECT a, b, score, weight, results FROM pair_totals WHERE game = $1 ORDER BY a, b',
        [game],
      );
      await store.db.query('DELETE FROM pair_results');
      await store.db.query('DELETE FROM pair_totals');
      await store.db.query(`UPDATE settings SET value = '1' WHERE key = 'rebuild_pair_results'`);
      assert.ok((await rebuildPairs(store.db)) > 0);
      const after = await store.db.query(
        'SELECT a, b, score, weight, results FROM pair_totals WHERE game = $1 ORDER BY a, b',
        [game],
      );
      assert.deepEqual(
        after.map((r) => [r.a, r.b, Number(r.score), Number(r.weight), Number(r.results)]),
        before.map((r) => [r.a, r.b, Number(r.score), Number(r.weight), Number(r.results)]),
      );
      assert.equal(await rebuildPairs(store.db), 0, 'runs once');
    });
  });
}
