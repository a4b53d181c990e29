/**
 * The store against BOTH backends: PGlite in memory and the real Postgres (fresh schema).
 * Migrations, agents and tokens, the one-transaction idempotent match commit (also concurrent),
 * ratings and their history, the leaderboard, checkpoints and the admin token.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, appendFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { replay } from '../../games/core/kernel.ts';
import { migrate, MIGRATIONS_DIR, loadMigrations } from '../../server/store/migrate.ts';
import { ArenaError } from '../../server/errors.ts';
import { ELO_INITIAL } from '../../server/store/rating-policy.ts';
import type { Store } from '../../server/store/store.ts';
import type { CheckpointRecord } from '../../server/contracts.ts';
import { BACKENDS } from './store-backends.ts';
import { constantAgent, seerAgent, tinyGame, tinyMatch } from './store-fixtures.ts';

for (const backend of BACKENDS) {
  describe(`store on ${backend.name}`, { skip: backend.skip }, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    const ids: Record<string, string> = {};

    before(async () => {
      ({ store, cleanup } = await backend.open());
      for (const name of ['alice', 'bob', 'carol', 'dave']) {
        const { agent } = await store.registerAgent({ name, owner: 'tests', games: ['tiny'], description: '' });
        ids[name] = agent.id;
      }
    });
    after(async () => {
      await cleanup?.();
    });

    it('records every migration once; running them again applies nothing', async () => {
      assert.deepEqual(await migrate(store.db), []);
      const rows = await store.db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY version');
      assert.deepEqual(
        rows.map((r) => r.name),
        loadMigrations().map((m) => m.name),
      );
    });

    it('refuses to run when an applied migration file was edited', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'ludus-mig-'));
      try {
        cpSync(MIGRATIONS_DIR, dir, { recursive: true });
        appendFileSync(join(dir, loadMigrations()[0]!.name), '\n-- edited\n');
        await assert.rejects(migrate(store.db, dir), /was changed after it was applied/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('shows a token once, stores only its hash, and authenticates with it', async () => {
      const { agent, token } = await store.registerAgent({
        name: 'tokenbot',
        owner: 'me',
        games: ['tiny'],
        description: 'd',
      });
      assert.ok(token && token.length > 40);
      assert.equal((await store.authenticate(token!))?.id, agent.id);
      const [row] = await store.db.query<{ token_hash: string }>('SELECT token_hash FROM agents WHERE id = $1', [
        agent.id,
      ]);
      assert.notEqual(row!.token_hash, token);
      assert.equal(await store.authenticate(token! + 'x'), null);
    });

    it('rotating a token retires the old one; revoking retires every one', async () => {
      const { agent, token } = await store.registerAgent({ name: 'rotor', owner: 'me', games: ['tiny'] });
      const fresh = await store.rotateToken(agent.id);
      assert.equal(await store.authenticate(token!), null);
      assert.equal((await store.authenticate(fresh))?.name, 'rotor');
      const revoked = await store.revokeAgent(agent.id);
      assert.equal(revoked.revoked, true);
      assert.equal(await store.authenticate(fresh), null);
      assert.equal((await store.getAgent(agent.id))?.revoked, true);
    });

    it('rejects a second agent with the same name as CONFLICT', async () => {
      await assert.rejects(
        store.registerAgent({ name: 'alice', owner: 'x', games: [] }),
        (e: unknown) => e instanceof ArenaError && e.code === 'CONFLICT',
      );
    });

    it('registers built-in agents idempotently and merges new games into them', async () => {
      const first = await store.syncBuiltins([{ id: 'zz-bot', title: 'ZZ', description: 'd', games: ['tiny'] }]);
      assert.deepEqual(first.added, ['zz-bot']);
      const again = await store.syncBuiltins([{ id: 'zz-bot', title: 'ZZ', description: 'd', games: ['tiny'] }]);
      assert.deepEqual(again, { added: [], updated: [] });
      const grown = await store.syncBuiltins([{ id: 'zz-bot', title: 'ZZ', description: 'd', games: ['other'] }]);
      assert.deepEqual(grown.updated, ['zz-bot']);
      const a = await store.getAgentByName('zz-bot');
      assert.deepEqual(a?.games, ['other', 'tiny']);
      assert.equal(a?.kind, 'builtin');
      assert.equal(a?.ref, 'zz-bot');
      assert.equal(await store.authenticate(''), null);
    });

    it('commits a match with its action log so that re-simulating it gives the stored hash', async () => {
      const m = tinyMatch([ids.alice!, ids.bob!], 11);
      assert.equal(await store.commitMatchOnce(m), true);
      const got = await store.getMatch(m.id);
      assert.equal(got?.finalHash, m.finalHash);
      assert.deepEqual(got?.seats, m.seats);
      const log = await store.getActionLog(m.id);
      assert.deepEqual(log.actions, m.actions);
      assert.deepEqual(log.rewards, m.rewards);
      const re = replay(tinyGame, {
        game: 'tiny',
        config: got!.config,
        seed: got!.seed,
        actions: log.actions,
        finalHash: got!.finalHash,
      });
      assert.equal(re.hash, m.finalHash);
    });

    it('counts a match once when it is committed twice', async () => {
      const m = tinyMatch([ids.carol!, ids.dave!], 5, [seerAgent, constantAgent(3)]);
      assert.equal(await store.commitMatchOnce(m), true);
      const r1 = [await store.rating(ids.carol!, 'tiny'), await store.rating(ids.dave!, 'tiny')];
      assert.ok(r1[0]! > ELO_INITIAL && r1[1]! < ELO_INITIAL, `${r1}`);
      assert.equal(await store.commitMatchOnce(m), false);
      assert.deepEqual([await store.rating(ids.carol!, 'tiny'), await store.rating(ids.dave!, 'tiny')], r1);
      const hist = await store.ratingHistory(ids.carol!, 'tiny');
      assert.equal(hist.filter((h) => h.matchId === m.id).length, 1);
    });

    it('counts a match once when the same match is committed concurrently', async () => {
      const m = tinyMatch([ids.alice!, ids.carol!], 77, [seerAgent, constantAgent(1)]);
      const before = await store.rating(ids.alice!, 'tiny');
      const wrote = await Promise.all(Array.from({ length: 6 }, () => store.commitMatchOnce(m)));
      assert.equal(wrote.filter(Boolean).length, 1);
      const hist = await store.ratingHistory(ids.alice!, 'tiny');
      assert.equal(hist.filter((h) => h.matchId === m.id).length, 1);
      assert.equal(hist.at(-1)!.before, before);
      const [{ n }] = (await store.db.query('SELECT count(*)::int AS n FROM match_actions WHERE match_id = $1', [
        m.id,
      ])) as [{ n: number }];
      assert.equal(n, m.actions.length);
    });

    it('loses no rating update when different matches of the same agents commit concurrently', async () => {
      const a = (await store.registerAgent({ name: 'conc-a', owner: 't', games: ['tiny'] })).agent.id;
      const b = (await store.registerAgent({ name: 'conc-b', owner: 't', games: ['tiny'] })).agent.id;
      const ms = Array.from({ length: 12 }, (_, i) =>
        tinyMatch(i % 2 ? [a, b] : [b, a], 100 + i, [seerAgent, constantAgent(2)]),
      );
      await Promise.all(ms.map((m) => store.commitMatch(m)));
      for (const id of [a, b]) {
        const hist = await store.ratingHistory(id, 'tiny');
        assert.equal(hist.length, 12);
        const final = await store.rating(id, 'tiny');
        // The history is one chain: {initial} ∪ afters = befores ∪ {final}.
        const left = [ELO_INITIAL, ...hist.map((h) => h.after)].sort((x, y) => x - y);
        const right = [...hist.map((h) => h.before), final].sort((x, y) => x - y);
        assert.deepEqual(left, right);
      }
      const board = (await store.leaderboard('tiny')).items;
      const row = board.find((r) => r.agentId === a)!;
      assert.equal(row.games, 12);
      assert.equal(row.wins + row.draws + row.losses, 12);
    });

    it('rates a crash as a loss for the faulty seat and never rates an aborted match', async () => {
      const crasher = {
        ...constantAgent(0),
        id: 'crasher',
        create: () => ({
          act: (_o: unknown, info: { step: number }) => {
            if (info.step === 1) throw new Error('boom');
            return { guess: 0 };
          },
        }),
      };
      const a = (await store.registerAgent({ name: 'crash-a', owner: 't', games: ['tiny'] })).agent.id;
      const b = (await store.registerAgent({ name: 'crash-b', owner: 't', games: ['tiny'] })).agent.id;
      const m = tinyMatch([a, b], 3, [crasher, constantAgent(3)]);
      assert.equal(m.outcome, 'crash');
      assert.equal(m.faultSeat, 0);
      assert.equal(m.actions.length, 1);
      await store.commitMatch(m);
      assert.ok((await store.rating(a, 'tiny')) < ELO_INITIAL);
      const re = replay(tinyGame, {
        game: 'tiny',
        config: m.config,
        seed: m.seed,
        actions: (await store.getActionLog(m.id)).actions,
      });
      assert.equal(re.hash, m.finalHash);

      const aborted = { ...tinyMatch([a, b], 4), outcome: 'aborted' as const };
      await store.commitMatch(aborted);
      assert.equal((await store.ratingHistory(a, 'tiny')).length, 1);
      assert.equal((await store.getMatch(aborted.id))?.outcome, 'aborted');
    });

    it('ranks the leaderboard by Elo beside a Bradley–Terry rating with its interval', async () => {
      const game = 'tiny';
      const strong = (await store.registerAgent({ name: 'lb-strong', owner: 't', games: [game] })).agent.id;
      const weak = (await store.registerAgent({ name: 'lb-weak', owner: 't', games: [game] })).agent.id;
      for (let i = 0; i < 6; i++)
        await store.commitMatch(tinyMatch([strong, weak], 500 + i, [seerAgent, constantAgent(1)]));
      const board = (await store.boards.settled(game)).items;
      const s = board.find((r) => r.agentId === strong)!;
      const w = board.find((r) => r.agentId === weak)!;
      assert.ok(s.rank < w.rank);
      assert.ok(s.rating > w.rating);
      assert.ok(s.ratingSd > 0 && Number.isFinite(s.ratingSd) && s.ratingLow < s.rating && s.rating < s.ratingHigh);
      assert.equal(s.wins, 6);
      assert.deepEqual(
        board.map((r) => r.elo),
        [...board.map((r) => r.elo)].sort((x, y) => y - x),
      );
    });

    it('lists matches newest first, filtered by game, agent and outcome, with a total for paging', async () => {
      const all = await store.listMatches({ limit: 100, offset: 0 });
      assert.ok(all.total >= 20);
      const page = await store.listMatches({ limit: 3, offset: 3 });
      assert.deepEqual(
        page.items.map((m) => m.id),
        all.items.slice(3, 6).map((m) => m.id),
      );
      for (let i = 1; i < all.items.length; i++) assert.ok(all.items[i - 1]!.endedAt >= all.items[i]!.endedAt);
      const mine = await store.listMatches({ agent: ids.alice!, limit: 100, offset: 0 });
      assert.ok(mine.total >= 2);
      for (const m of mine.items) assert.ok(m.seats.some((s) => s.agentId === ids.alice));
      const crashes = await store.listMatches({ outcome: 'crash', limit: 100, offset: 0 });
      assert.equal(crashes.total, 1);
      assert.equal((await store.listMatches({ game: 'nope', limit: 10, offset: 0 })).total, 0);
    });

    it('stores a checkpoint as a checkpoint agent, once', async () => {
      const rec: CheckpointRecord = {
        id: 'ck-1',
        name: 'ppo-tiny-1',
        game: 'tiny',
        config: { rounds: 3 },
        architecture: { layers: [3, 4] },
        weights: Buffer.from(new Float32Array([1, 2, 3]).buffer).toString('base64'),
        training: { algorithm: 'ppo' },
        parent: null,
        createdAt: '2026-01-02T03:04:05.000Z',
      };
      const { agent } = await store.saveCheckpoint(rec);
      assert.equal(agent.kind, 'checkpoint');
      assert.equal(agent.ref, 'ck-1');
      const got = await store.getCheckpoint('ck-1');
      assert.equal(got?.weights, rec.weights);
      assert.deepEqual(got?.architecture, rec.architecture);
      const list = await store.listCheckpoints('tiny');
      assert.deepEqual(
        list.map((c) => [c.id, c.weights]),
        [['ck-1', '']],
      );
      await assert.rejects(store.saveCheckpoint(rec), (e: unknown) => e instanceof ArenaError && e.code === 'CONFLICT');
    });

    it('generates the admin token once, and lets an environment token replace it', async () => {
      const first = await store.ensureAdminToken();
      assert.ok(first.generated?.startsWith('ludus_admin_'));
      assert.deepEqual(await store.ensureAdminToken(), {});
      assert.equal(await store.isAdmin(first.generated), true);
      assert.equal(await store.isAdmin('nope'), false);
      await store.ensureAdminToken('env-secret-token');
      assert.equal(await store.isAdmin('env-secret-token'), true);
      assert.equal(await store.isAdmin(first.generated), false);
    });
  });
}
