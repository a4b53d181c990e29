/**
 * End to end through the real boot (server/main.ts: NestJS API + Colyseus + /bot on one port), on
 * PGlite and on the machine's Postgres (LUDUS_TEST_DATABASE_URL, as the store tests):
 * a bot registered with one HTTP call plays a whole match over /bot, the replay downloaded from the
 * API re-simulates to the same hash, the rating shows on the leaderboard, and a spectator can watch
 * a live match through its Colyseus room.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client } from '@colyseus/sdk';
import { ArenaClient } from '../../agents/client/index.ts';
import { replay } from '../../games/core/kernel.ts';
import { getGame } from '../../games/index.ts';
import { startArena, type Arena } from '../../server/main.ts';
import { dropSchema } from '../../server/store/postgres.ts';
import { BACKENDS, freshSchema } from './store-backends.ts';

for (const backend of BACKENDS) {
  describe(`live play through the real boot (${backend.name})`, { skip: backend.skip }, () => {
    let arena: Arena;
    const url = process.env.LUDUS_TEST_DATABASE_URL;
    const schema = freshSchema();
    let base: string;
    const post = async (path: string, body: unknown) => {
      const r = await fetch(base + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: r.status, json: (await r.json()) as any };
    };
    const get = async (path: string) => (await fetch(base + path)).json() as Promise<any>;

    before(async () => {
      const db = backend.name === 'postgres' ? { databaseUrl: url, schema } : {};
      arena = await startArena(
        {
          port: 0,
          host: '127.0.0.1',
          league: { enabled: false, intervalSeconds: 30, matchesPerGame: 1 },
          ui: false,
          ...db,
        },
        { log: () => {} },
      );
      base = `http://127.0.0.1:${arena.port}`;
    });
    after(async () => {
      await arena?.close();
      if (backend.name === 'postgres' && url) await dropSchema(url, schema);
    });

    it('a bot registered over HTTP plays a whole match on /bot; the API replay re-simulates to its hash; its Elo is on the leaderboard', async () => {
      const reg = await post('/api/agents', {
        name: 'e2e-bot',
        owner: 'tests',
        games: ['ipd'],
        description: 'grudger',
      });
      assert.equal(reg.status, 201, JSON.stringify(reg.json));
      const client = new ArenaClient({
        url: `ws://127.0.0.1:${arena.port}/bot`,
        token: reg.json.token,
        createPolicy: () => {
          let wronged = false;
          return (obs) => {
            wronged ||= obs.oppMoves.includes('D');
            return wronged ? 'D' : 'C';
          };
        },
      });
      const welcome = await client.connect();
      assert.equal(welcome.agent.name, 'e2e-bot');
      const result = await client.challenge('alld', 'ipd', { turns: 30, noise: 0.1 });
      assert.equal(result.outcome, 'normal');
      await client.close();
      await arena.live!.flush();

      const rep = await get(`/api/matches/${result.matchId}/replay`);
      assert.equal(rep.finalHash, result.finalHash);
      assert.equal(
        replay(getGame('ipd'), rep).hash,
        result.finalHash,
        'the downloaded replay re-simulates to the final hash',
      );
      const board = await get('/api/leaderboard/ipd');
      assert.ok(
        board.items.some((r: any) => r.name === 'e2e-bot'),
        'the bot is rated on the leaderboard',
      );
    });

    it('a live match is listed by the API and can be watched through its Colyseus room (public view only)', async () => {
      const reg = await post('/api/agents', {
        name: 'e2e-slow',
        owner: 'tests',
        games: ['ipd'],
        description: 'thinks',
      });
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const client = new ArenaClient({
        url: `ws://127.0.0.1:${arena.port}/bot`,
        token: reg.json.token,
        policy: async (_o, info) => (info.step === 1 ? (await gate, 'C') : 'C'),
      });
      await client.connect();
      const done = client.challenge('tft', 'ipd', { turns: 4 });
      let live: any[] = [];
      for (let i = 0; i < 100 && live.length === 0; i++) {
        live = (await get('/api/live')).items.filter((m: any) => m.seats.some((s: any) => s.label === 'e2e-slow'));
        if (live.length === 0) await new Promise((r) => setTimeout(r, 20));
      }
      assert.equal(live.length, 1, 'the running match is listed');
      const views: any[] = [];
      const room = await new Client(`ws://127.0.0.1:${arena.port}`).joinOrCreate('match', {
        matchId: live[0].id,
        spectate: true,
      });
      const ended = new Promise<void>((resolve) => {
        room.onMessage('*', (type: string | number, msg: any) => {
          if (type === 'view') views.push(msg);
          if (type === 'result') resolve();
        });
      });
      room.send('sync');
      release();
      const result = await done;
      await ended;
      assert.equal(result.steps, 4);
      assert.ok(views.length >= 1);
      assert.ok(
        views.every((v) => v.observation.seat === null),
        'spectators see the public view',
      );
      await room.leave();
      await client.close();
    });
  });
}
