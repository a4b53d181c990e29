/**
 * The same data give the same numbers on the leaderboard (the store's cached snapshot, which the
 * API and the UI show: test/ui/e2e.test.ts compares those two) and in the CLI's report
 * (agents/eval/rating-board.ts ratingReport, what `ludus tournament` and `ludus league` print).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { getAgent } from '../../agents/registry.ts';
import { ratingReport } from '../../agents/eval/rating-board.ts';
import { pairResults, PairTable } from '../../agents/eval/rating-pairs.ts';
import { adjudicate } from '../../games/core/standings.ts';
import { getGame } from '../../games/index.ts';
import { playMatch } from '../../games/core/runner.ts';
import { instantiate } from '../../agents/registry.ts';
import { finishedMatch } from '../../server/live/record.ts';
import { Store } from '../../server/store/store.ts';

describe('leaderboard and CLI agree', () => {
  let store: Store;
  before(async () => {
    store = await Store.open({ leaderboard: { gameTheory: 'inline' } });
  });
  after(async () => {
    await store?.close();
  });

  it('reports the same ratings, intervals, Nash averages and α-Rank for the same matches (4-seat public goods with repeated agents)', async () => {
    const game = getGame('public-goods');
    const names = ['free-rider', 'conditional-cooperator', 'half', 'random'];
    const ids = await Promise.all(
      names.map(
        async (n) => (await store.registerAgent({ name: `agree-${n}`, owner: 't', games: ['public-goods'] })).agent.id,
      ),
    );
    const table = new PairTable();
    for (let i = 0; i < 40; i++) {
      // Seats dealt with repeats (an agent may hold two seats).
      const seats = [i % 4, (i + 1) % 4, (i * 3 + 2) % 4, (i * 7) % 4];
      const specs = seats.map((k) => getAgent('public-goods', names[k]!));
      const m = finishedMatch(
        playMatch(game, { rounds: 3 }, 100 + i, instantiate(game, { rounds: 3 }, 100 + i, specs)),
        {
          seats: seats.map((k, seat) => ({ seat, agentId: ids[k]!, kind: 'builtin' as const, label: names[k]! })),
        },
      );
      await store.commitMatch(m);
      table.addResults(
        pairResults(
          seats.map((k) => ids[k]!),
          adjudicate(m.result).ranks,
        ),
      );
    }
    const board = await store.boards.settled('public-goods');
    const report = ratingReport(ids, table, { draws: store.boards.opts.draws });
    assert.equal(board.gameTheory.status, 'ready');
    for (const r of report.rows) {
      const b = board.items.find((x) => x.agentId === r.agentId)!;
      assert.ok(
        Math.abs(b.rating - r.rating) < 1e-6 && Math.abs(b.ratingSd - r.sd) < 1e-6,
        `${b.rating} vs ${r.rating}`,
      );
      assert.equal(b.provisional, r.provisional);
      const g = r.gameTheory!;
      assert.ok(
        Math.abs(b.nash!.score - g.nashScore.value) < 1e-9 &&
          Math.abs(b.nash!.scoreLow! - g.nashScore.low!) < 1e-9 &&
          Math.abs(b.nash!.scoreHigh! - g.nashScore.high!) < 1e-9,
      );
      assert.ok(
        Math.abs(b.alphaRank!.mass - g.alphaRank.value) < 1e-9 && Math.abs(b.alphaRank!.low! - g.alphaRank.low!) < 1e-9,
      );
      assert.equal(b.alphaRank!.infinitePlace, g.alphaRankInfinitePlace);
    }
  });
});
