/**
 * The legacy scheduled league (off by default): a round plays and commits matches between the
 * registered in-process agents of every game, the matches replay to their stored hash, ratings move, rounds never
 * overlap, and a stopped league plays no more.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { agentsFor } from '../../agents/registry.ts';
import { replay } from '../../games/core/kernel.ts';
import { getGame } from '../../games/index.ts';
import type { GameCatalog } from '../../server/catalog.ts';
import { builtinSpecs } from '../../server/catalog.ts';
import { League } from '../../server/league/league.ts';
import { agentResolver } from '../../server/league/resolve.ts';
import { MatchService } from '../../server/live/service.ts';
import { Store } from '../../server/store/store.ts';

// Two real, cheap games: a 2-seat dilemma and the N-seat public goods game.
const games = [getGame('ipd'), getGame('public-goods')];
const catalog: GameCatalog = {
  games: () => games,
  game: (id) => games.find((g) => g.id === id) ?? getGame(id),
  agentsFor,
};

describe('league', () => {
  let store: Store;
  let service: MatchService;
  before(async () => {
    store = await Store.open();
    await store.syncBuiltins(builtinSpecs(catalog));
    service = new MatchService({ store, resolveAgent: agentResolver(store, catalog) });
  });
  after(async () => {
    await service?.close();
    await store?.close();
  });

  const startMatch = (req: Parameters<MatchService['play']>[0]) => service.play(req);
  function league(matchesPerGame: number, seed = 7) {
    return new League({ store, catalog, startMatch, intervalSeconds: 3600, matchesPerGame, seed });
  }

  it('plays its matches through the match service, like every other match (seen by its listeners, origin league, ranks stored)', async () => {
    const seen: string[] = [];
    const off = service.onEnd((m) => seen.push(m.id));
    const r = await league(1, 3).round();
    off();
    assert.deepEqual(seen.sort(), r.matches.map((m) => m.id).sort());
    for (const m of r.matches) {
      const stored = (await store.getMatch(m.id))!;
      assert.equal(
        stored.result.ranks?.length,
        stored.seats.length,
        'the adjudicated ranks are stored with the result',
      );
    }
  });

  it('plays and commits matchesPerGame rated matches per game in a round', async () => {
    const lines: string[] = [];
    const l = new League({
      store,
      catalog,
      startMatch,
      intervalSeconds: 3600,
      matchesPerGame: 2,
      seed: 1,
      log: (x) => lines.push(x),
    });
    const r = await l.round();
    assert.deepEqual(r.errors, []);
    assert.equal(r.matches.length, 4);
    assert.deepEqual(
      r.matches.map((m) => m.game),
      ['ipd', 'ipd', 'public-goods', 'public-goods'],
    );
    for (const m of r.matches) {
      const stored = (await store.getMatch(m.id))!;
      assert.equal(stored.rated, true);
      assert.equal(
        new Set(stored.seats.map((s) => s.agentId)).size,
        stored.seats.length,
        'distinct agents when there are enough',
      );
      const log = await store.getActionLog(m.id);
      assert.equal(
        replay(getGame(m.game), { game: m.game, config: stored.config, seed: stored.seed, actions: log.actions }).hash,
        stored.finalHash,
      );
    }
    assert.ok((await store.leaderboard('ipd')).items.length >= 2);
    assert.match(lines.join('\n'), /league: round 1: 4 matches in 2 games/);
    assert.equal(l.status().matches, 4);
  });

  it('never runs two rounds at once', async () => {
    const l = league(1);
    const a = l.round();
    const b = l.round();
    assert.equal(a, b);
    await a;
    assert.equal(l.status().rounds, 1);
    await l.round();
    assert.equal(l.status().rounds, 2);
  });

  it('plays its first round on start and none after stop', async () => {
    const l = league(1, 99);
    l.start();
    await l.round(); // the round start() began
    await l.stop();
    assert.equal(l.status().rounds, 1);
    assert.equal(l.status().running, false);
    const late = await l.round(); // what the scheduler would call next
    assert.equal(late.matches.length, 0);
    assert.equal(l.status().rounds, 1);
  });
});
