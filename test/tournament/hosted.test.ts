/**
 * Hosted tournaments on both store backends (PGlite and the real Postgres): the pg-boss queue plays
 * every game through the live match service; the standings equal the offline engine's for the same
 * rules, entrants and seed; every game is one stored, rated match with the engine's seed; a recurring
 * schedule fires once per occurrence; a claim left by a dead process is settled — recorded when its
 * match was committed, replayed (never scored as a loss) when it was not.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { agentsFor } from '../../agents/registry.ts';
import { createTournament, runTournament, standings, type TournamentState } from '../../agents/tournament/index.ts';
import { inProcessGames } from '../../agents/tournament/local.ts';
import { parseConfig } from '../../games/core/kernel.ts';
import { getGame } from '../../games/index.ts';
import { builtinSpecs, type GameCatalog } from '../../server/catalog.ts';
import { agentResolver } from '../../server/league/resolve.ts';
import { MatchService } from '../../server/live/service.ts';
import type { Store } from '../../server/store/store.ts';
import { JobQueue } from '../../server/tournament/queue.ts';
import { TournamentService } from '../../server/tournament/service.ts';
import * as tdb from '../../server/tournament/store.ts';
import { dropSchema } from '../../server/store/postgres.ts';
import { BACKENDS, freshSchema } from '../server/store-backends.ts';
import { until } from './support.ts';

const games = [getGame('ipd')];
const catalog: GameCatalog = {
  games: () => games,
  game: (id) => games.find((g) => g.id === id) ?? getGame(id),
  agentsFor,
};
const CONFIG = { turns: 20, noise: 0.05 };

for (const backend of BACKENDS) {
  describe(`hosted tournaments on ${backend.name}`, { skip: backend.skip }, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    let service: MatchService;
    let queue: JobQueue;
    let tours: TournamentService;
    const bossSchema = `boss_${freshSchema().slice(11)}`;
    const ids = new Map<string, string>(); // builtin ref → agent id
    before(async () => {
      ({ store, cleanup } = await backend.open());
      await store.syncBuiltins(builtinSpecs(catalog));
      for (const a of (await store.listAgents({ game: 'ipd', limit: 100, offset: 0 })).items)
        ids.set(a.ref ?? a.name, a.id);
      service = new MatchService({ store, resolveAgent: agentResolver(store, catalog) });
      queue = new JobQueue(store.db, {
        schema: bossSchema,
        pollingIntervalSeconds: 0.5,
        log: (l) => process.env.LUDUS_TEST_LOG && process.stderr.write(l + '\n'),
      });
      await queue.start();
      tours = new TournamentService({
        store,
        queue,
        startMatch: (req) => service.play(req),
        isOnline: (id) => service.isOnline(id),
        tickMs: 1000,
        leaseMs: 1500,
        jobExpireSeconds: 5,
        log: (l) => process.env.LUDUS_TEST_LOG && process.stderr.write(l + '\n'),
      });
      await tours.start();
    });
    after(async () => {
      await tours?.stop();
      await queue?.stop();
      await service?.close();
      await cleanup?.();
      if (backend.name === 'postgres') await dropSchema(process.env.LUDUS_TEST_DATABASE_URL!, bossSchema);
    });

    const finished = (id: string) =>
      until(`tournament ${id} to finish`, async () => {
        const t = await tours.get(id);
        return t.status === 'finished' ? t : undefined;
      });

    /** The offline run of the same tournament (entrants by agent id, agents by registry id). */
    function offline(rules: Parameters<typeof createTournament>[0], refs: string[], seed: number): TournamentState {
      const game = getGame('ipd');
      const config = parseConfig(game, CONFIG);
      const specs = new Map(refs.map((r) => [ids.get(r)!, agentsFor('ipd').find((s) => s.id === r)!]));
      return runTournament(
        createTournament(
          rules,
          refs.map((r) => ids.get(r)!),
          seed,
        ),
        inProcessGames(game, config, specs),
      );
    }

    it('plays a round robin through the queue to the standings the offline engine gives for the same seed', async () => {
      const refs = ['tft', 'alld', 'wsls', 'random', 'gtft'];
      const rules = { format: { kind: 'round-robin' as const } };
      const t = await tours.create({
        name: 'rr',
        game: 'ipd',
        config: CONFIG,
        rules,
        seed: 42,
        entrants: refs.map((r) => ids.get(r)!),
      });
      const done = await finished(t.id);
      assert.deepEqual(standings(done.state!), standings(offline(rules, refs, 42)));
      // one stored, rated match per game, with the engine's seed and a tournament origin
      const slots = done.state!.pairings.flatMap((p) => p.games);
      assert.equal(slots.length, 10);
      for (const g of slots) {
        assert.equal(g.outcome?.kind, 'played');
        const m = await store.getMatch((g.outcome as { matchId: string }).matchId);
        assert.ok(m, 'the match is stored');
        assert.equal(m!.seed, g.seed);
        assert.equal(m!.rated, true);
      }
      const [n] = await store.db.query<{ n: unknown }>(`SELECT count(*) AS n FROM matches WHERE id LIKE $1`, [
        `t_${t.id.slice(2)}_%`,
      ]);
      assert.equal(Number(n!.n), 10, 'no game was played twice');
    });

    it('plays Swiss with a bye and single elimination with seeding like the offline engine', async () => {
      const refs = ['tft', 'alld', 'wsls', 'random', 'gtft'];
      for (const rules of [
        { format: { kind: 'swiss' as const, rounds: 3 } },
        { format: { kind: 'elimination' as const } },
      ]) {
        const t = await tours.create({
          name: rules.format.kind,
          game: 'ipd',
          config: CONFIG,
          rules,
          seed: 9,
          entrants: refs.map((r) => ids.get(r)!),
        });
        const done = await finished(t.id);
        assert.deepEqual(standings(done.state!), standings(offline(rules, refs, 9)), rules.format.kind);
      }
    });

    it("seeds by the arena's Elo on request, and starts a ladder from it", async () => {
      const refs = ['tft', 'alld', 'wsls', 'random'];
      const elo = new Map<string, number>();
      for (const r of refs) elo.set(ids.get(r)!, await store.rating(ids.get(r)!, 'ipd'));
      assert.ok(new Set(elo.values()).size > 1, 'the earlier tests moved the ratings apart');
      const byElo = [...elo.keys()].sort((a, b) => elo.get(b)! - elo.get(a)!);
      const e = await tours.create({
        name: 'seeded',
        game: 'ipd',
        config: CONFIG,
        rules: { format: { kind: 'elimination' }, seeding: 'rating' },
        seed: 1,
        entrants: refs.map((r) => ids.get(r)!),
      });
      const done = await finished(e.id);
      assert.deepEqual(
        [...done.state!.entrants].sort((a, b) => a.seed - b.seed).map((x) => x.id),
        byElo,
      );
      const round1 = done.state!.pairings.filter((p) => p.round === 1).map((p) => p.entrants);
      assert.deepEqual(
        round1,
        [
          [byElo[0], byElo[3]],
          [byElo[1], byElo[2]],
        ],
        'seed 1 meets seed 4, seed 2 meets seed 3',
      );
      const l = await tours.create({
        name: 'ladder',
        game: 'ipd',
        config: CONFIG,
        rules: { format: { kind: 'ladder', maxGames: 1 } },
        seed: 1,
        entrants: [ids.get('tft')!, ids.get('alld')!],
        startsAt: new Date(Date.now() + 3_600_000),
      });
      await store.db.query('UPDATE tournaments SET starts_at = now() WHERE id = $1', [l.id]);
      const before = [await store.rating(ids.get('tft')!, 'ipd'), await store.rating(ids.get('alld')!, 'ipd')];
      const ladder = await finished(l.id);
      const game = ladder.state!.pairings[0]!.games[0]!;
      assert.equal(game.outcome?.kind, 'played');
      // The ladder's Elo started from the arena's: one update (K = 44, elo-rank's rounding) from there.
      const start = new Map([
        [ids.get('tft')!, before[0]!],
        [ids.get('alld')!, before[1]!],
      ]);
      const [s0, s1] = game.seats.map((id) => start.get(id)!);
      const ranks = (game.outcome as { ranks: number[] }).ranks;
      const score0 = ranks[0]! < ranks[1]! ? 1 : ranks[0]! > ranks[1]! ? 0 : 0.5;
      const expect0 = Math.round(s0! + 44 * (score0 - 1 / (1 + 10 ** ((s1! - s0!) / 400))));
      const expect1 = Math.round(s1! + 44 * (1 - score0 - 1 / (1 + 10 ** ((s0! - s1!) / 400))));
      const rating = new Map(ladder.state!.entrants.map((en) => [en.id, en.rating]));
      assert.deepEqual([rating.get(game.seats[0]!), rating.get(game.seats[1]!)], [expect0, expect1]);
      assert.notEqual(s0, s1, 'the two started from different arena ratings');
    });

    it('settles a claim left by a dead process: its stored match is recorded, a lost one is replayed', async () => {
      const refs = ['tft', 'alld'];
      const t = await tours.create({
        name: 'crash',
        game: 'ipd',
        config: CONFIG,
        rules: { format: { kind: 'round-robin', cycles: 2 } },
        seed: 5,
        entrants: refs.map((r) => ids.get(r)!),
        startsAt: new Date(Date.now() + 3_600_000),
      });
      // Start it by hand, and fake a dead process's claim on game 0 of round 1 before any job runs.
      await store.db.query(`UPDATE tournaments SET starts_at = now() WHERE id = $1`, [t.id]);
      const lost = `t_${t.id.slice(2)}_r1p1_g0_a0`;
      await store.db.query(
        `INSERT INTO tournament_games (tournament_id, pairing, game, attempt, match_id, status, lease_until) VALUES ($1, 'r1p1', 0, 0, $2, 'playing', now() - interval '1 second')`,
        [t.id, lost],
      );
      const done = await finished(t.id);
      const g = done.state!.pairings.find((p) => p.id === 'r1p1')!.games[0]!;
      assert.equal(g.attempt, 1, 'replayed once');
      assert.equal(g.outcome?.kind, 'played');
      assert.ok(done.state!.log.some((e) => e.type === 'replay' && e.pairing === 'r1p1'));
      assert.equal(await store.getMatch(lost), null, 'the lost attempt has no match');
      const claim = await tdb.getClaim(store.db, t.id, 'r1p1', 0, 0);
      assert.equal(claim?.status, 'failed');
    });

    it('fires a schedule with a short cron interval once per occurrence', async () => {
      const s = await tours.createSchedule('every 2 s', '*/2 * * * * *', {
        name: 'league',
        game: 'ipd',
        config: CONFIG,
        rules: {
          format: { kind: 'round-robin', cycles: 1 },
          gamesPerPairing: 1,
          noShowGraceMs: 0,
          maxForfeits: 2,
          maxReplays: 3,
        },
        entrants: ['tft', 'alld', 'wsls'].map((r) => ids.get(r)!),
        open: false,
        registrationSeconds: 0,
      });
      const t0 = Date.parse(s.nextFireAt);
      const rows = await until(
        'two occurrences',
        async () => {
          const r = await store.db.query<{ id: string; fire_at: Date }>(
            'SELECT id, fire_at FROM tournaments WHERE schedule_id = $1 ORDER BY fire_at',
            [s.id],
          );
          return r.length >= 2 ? r : undefined;
        },
        20_000,
      );
      await store.db.query('UPDATE tournament_schedules SET enabled = false WHERE id = $1', [s.id]);
      const fires = rows.map((r) => new Date(r.fire_at).getTime());
      assert.equal(fires[0], t0, 'the first occurrence is the cron time');
      assert.equal(fires[1]! - fires[0]!, 2000);
      assert.equal(new Set(fires).size, fires.length, 'no occurrence twice');
      for (const r of rows) await finished(r.id);
    });
  });
}
