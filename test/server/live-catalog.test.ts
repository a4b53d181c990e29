/**
 * Live play looks games and built-in agents up in the server's catalog, like the API and the league:
 * a fixture game added to the catalog (test/support/tiny-game.ts, not in games/index.ts) is listed by
 * the API, and a remote bot can seek it over /bot, be matched with a registered built-in filler, play
 * it through, and find it stored.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { catalogWith } from '../../server/catalog.ts';
import { bootArena, type TestArena } from '../support/arena-harness.ts';
import { tinyGame } from '../support/tiny-game.ts';
import { BACKENDS } from './store-backends.ts';

let t: TestArena;

before(async () => {
  t = await bootArena(BACKENDS.find((b) => b.name === 'pglite')!, {
    catalog: catalogWith([tinyGame]),
    liveOptions: { matchmaking: { fillerAfterMs: 20 } },
  });
});
after(async () => {
  await t?.close();
});

describe('live play through the catalog', () => {
  it('offers a fixture game from the catalog to the API and to bots, and plays it through with a built-in filler', async () => {
    const games = await t.call('GET', '/api/games');
    assert.ok(
      games.json.some((g: { id: string }) => g.id === 'tiny'),
      'the API lists the fixture game',
    );
    const bot = await t.register('tiny-player', ['tiny']);

    const ws = new WebSocket(t.botUrl);
    const send = (m: object) => ws.send(JSON.stringify(m));
    const result = await new Promise<any>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no result within 20 s')), 20_000);
      ws.on('open', () => send({ type: 'auth', token: bot.token }));
      ws.on('message', (data) => {
        const m = JSON.parse(String(data));
        if (m.type === 'welcome') send({ type: 'seek', game: 'tiny', config: { rounds: 3 } });
        else if (m.type === 'turn') send({ type: 'action', matchId: m.matchId, step: m.step, action: m.legal[0] });
        else if (m.type === 'error') reject(new Error(`${m.code}: ${m.message}`));
        else if (m.type === 'result') {
          clearTimeout(timer);
          resolve(m);
        }
      });
      ws.on('error', reject);
    });
    ws.close();
    assert.equal(result.outcome, 'normal');
    assert.equal(result.result.returns.length, 2);

    const stored = await t.call('GET', `/api/matches/${result.matchId}`);
    assert.equal(stored.status, 200);
    assert.equal(stored.json.game, 'tiny');
    assert.equal(stored.json.steps, 3);
    assert.ok(
      stored.json.seats.some((s: { kind: string }) => s.kind === 'builtin'),
      'a registered built-in filled the other seat',
    );
  });
});
