/**
 * The HTTP API through real HTTP (fetch) against a real booted arena: PGlite in memory, port 0,
 * live play on, league off (league.test.ts covers it). Matches are played in-process by the real
 * built-in agents and committed through the store, as the league and live play do.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { replay } from '../../games/core/kernel.ts';
import { getGame, listGames } from '../../games/index.ts';
import { getAgent } from '../../agents/registry.ts';
import { architectureFor } from '../../agents/policy/architecture.ts';
import { initParams } from '../../agents/policy/params.ts';
import { makeCheckpoint } from '../../agents/policy/checkpoint.ts';
import { startArena, type Arena } from '../../server/main.ts';
import { instantiate } from '../../agents/registry.ts';
import { playMatch } from '../../games/core/runner.ts';
import { finishedMatch } from '../../server/live/record.ts';
import { agentResolver } from '../../server/league/resolve.ts';
import { defaultCatalog } from '../../server/catalog.ts';
import type { AgentRecord } from '../../server/contracts.ts';

let arena: Arena;
let base: string;

async function call(
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; json: any; text: string; type: string }> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(base + path, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text, type: res.headers.get('content-type') ?? '' };
}

async function builtin(name: string): Promise<AgentRecord> {
  const a = await arena.store.getAgentByName(name);
  assert.ok(a, `built-in ${name} is registered`);
  return a;
}

/** Play and commit `count` ipd matches between two built-in agents (alternating seats). */
async function commitIpd(a: string, b: string, count: number, seed: number): Promise<string[]> {
  const game = getGame('ipd');
  const [x, y] = [await builtin(a), await builtin(b)];
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const seated = i % 2 ? [y, x] : [x, y];
    const specs = seated.map((ag) => getAgent('ipd', ag.ref!));
    const m = finishedMatch(
      playMatch(game, { turns: 20 }, seed + i, instantiate(game, { turns: 20 }, seed + i, specs)),
      {
        seats: seated.map((ag, seat) => ({ seat, agentId: ag.id, kind: 'builtin' as const, label: ag.name })),
      },
    );
    await arena.store.commitMatch(m);
    ids.push(m.id);
  }
  await arena.store.boards.settledRatings('ipd'); // the leaderboard refits off the request path
  return ids;
}

before(async () => {
  arena = await startArena(
    { port: 0, host: '127.0.0.1', league: { enabled: false, intervalSeconds: 30, matchesPerGame: 1 }, ui: false },
    { log: () => {}, liveOptions: { matchmaking: { fillerAfterMs: 50 } } },
  );
  base = `http://127.0.0.1:${arena.port}`;
});
after(async () => {
  await arena?.close();
});

describe('API: documentation and games', () => {
  it('serves the OpenAPI UI at /api/docs and a document describing the endpoints and bodies', async () => {
    const ui = await call('GET', '/api/docs');
    assert.equal(ui.status, 200);
    assert.match(ui.text, /swagger/i);
    const doc = (await call('GET', '/api/docs-json')).json;
    for (const p of [
      '/api/games',
      '/api/agents',
      '/api/agents/{id}/rotate',
      '/api/matches',
      '/api/matches/{id}/replay',
      '/api/matches/{id}/trajectories',
      '/api/leaderboard/{game}',
      '/api/live',
      '/api/checkpoints',
    ]) {
      assert.ok(doc.paths[p], `documents ${p}`);
    }
    const reg = doc.paths['/api/agents'].post.requestBody.content['application/json'].schema;
    assert.deepEqual([...reg.required].sort(), ['games', 'name', 'owner']);
  });

  it('lists every registered game with its config JSON schema and built-in agents', async () => {
    const r = await call('GET', '/api/games');
    assert.equal(r.status, 200);
    assert.deepEqual(
      r.json.map((g: any) => g.id),
      listGames().map((g) => g.id),
    );
    const ipd = (await call('GET', '/api/games/ipd')).json;
    assert.equal(ipd.configSchema.type, 'object');
    assert.ok(ipd.agents.some((a: any) => a.id === 'tft'));
  });

  it('answers unknown ids with 404 and the same code as every other transport (UNKNOWN_GAME, UNKNOWN_AGENT, …)', async () => {
    const cases: [string, string][] = [
      ['/api/games/nope', 'UNKNOWN_GAME'],
      ['/api/agents/nope', 'UNKNOWN_AGENT'],
      ['/api/matches/nope', 'UNKNOWN_MATCH'],
      ['/api/matches/nope/replay', 'UNKNOWN_MATCH'],
      ['/api/leaderboard/nope', 'UNKNOWN_GAME'],
      ['/api/checkpoints/nope', 'UNKNOWN_CHECKPOINT'],
      ['/api/no-such-route', 'NOT_FOUND'],
    ];
    for (const [p, code] of cases) {
      const r = await call('GET', p);
      assert.equal(r.status, 404, p);
      assert.equal(r.json.code, code, p);
      assert.equal(typeof r.json.message, 'string');
    }
  });
});

describe('API: agents and tokens', () => {
  it('registers a bot and shows its token once', async () => {
    const r = await call('POST', '/api/agents', {
      name: 'curl-bot',
      owner: 'me',
      games: ['ipd'],
      description: 'from a test',
    });
    assert.equal(r.status, 201);
    assert.match(r.json.token, /^ludus_/);
    assert.equal(r.json.agent.kind, 'remote');
    const got = await call('GET', `/api/agents/${r.json.agent.id}`);
    assert.equal(got.json.name, 'curl-bot');
    assert.ok(!got.text.includes(r.json.token));
    assert.equal((await call('GET', '/api/agents/curl-bot')).json.id, r.json.agent.id);
    assert.equal((await call('GET', '/api/agents/me', undefined, r.json.token)).json.id, r.json.agent.id);
  });

  it('rotates a token (old one → 401) and revokes it (→ 401), only for the agent itself or the admin', async () => {
    const { json } = await call('POST', '/api/agents', { name: 'rot-bot', owner: 'me', games: ['ipd'] });
    const other = (await call('POST', '/api/agents', { name: 'other-bot', owner: 'you', games: ['ipd'] })).json;
    const forbidden = await call('POST', `/api/agents/${json.agent.id}/rotate`, undefined, other.token);
    assert.equal(forbidden.status, 403);
    assert.equal(forbidden.json.code, 'FORBIDDEN');
    assert.equal((await call('POST', `/api/agents/${json.agent.id}/rotate`)).status, 401);

    const rotated = await call('POST', `/api/agents/${json.agent.id}/rotate`, undefined, json.token);
    assert.equal(rotated.status, 200);
    assert.notEqual(rotated.json.token, json.token);
    const old = await call('GET', '/api/agents/me', undefined, json.token);
    assert.equal(old.status, 401);
    assert.equal(old.json.code, 'UNAUTHORIZED');
    assert.equal((await call('GET', '/api/agents/me', undefined, rotated.json.token)).status, 200);

    const revoked = await call('POST', `/api/agents/rot-bot/revoke`, undefined, rotated.json.token);
    assert.equal(revoked.status, 200);
    assert.equal(revoked.json.revoked, true);
    assert.equal((await call('GET', '/api/agents/me', undefined, rotated.json.token)).status, 401);
    assert.equal(await arena.store.authenticate(rotated.json.token), null);

    const admin = await call('POST', `/api/agents/rot-bot/rotate`, undefined, arena.generatedAdminToken);
    assert.equal(admin.status, 200, 'the admin can issue a fresh token');
  });

  it('rejects invalid bodies with 400 {code: SCHEMA, message, details}, and a body that is not JSON with BAD_JSON as /bot does', async () => {
    const bad = await call('POST', '/api/agents', { name: '', owner: 'me', games: 'ipd', extra: 1 });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.code, 'SCHEMA');
    assert.ok(Array.isArray(bad.json.details) && bad.json.details.length >= 2);
    const notJson = await call('POST', '/api/agents', '{"name": ');
    assert.equal(notJson.status, 400);
    assert.equal(notJson.json.code, 'BAD_JSON');
    const page = await call('GET', '/api/matches?limit=0');
    assert.equal(page.status, 400);
    assert.equal(page.json.code, 'SCHEMA');
  });

  it('rejects an unknown game with 404 and a taken name with 409', async () => {
    const unknown = await call('POST', '/api/agents', { name: 'nogame-bot', owner: 'me', games: ['nope'] });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.json.code, 'UNKNOWN_GAME');
    const taken = await call('POST', '/api/agents', { name: 'tft', owner: 'me', games: ['ipd'] });
    assert.equal(taken.status, 409);
    assert.equal(taken.json.code, 'CONFLICT');
  });

  it('has every built-in agent registered as kind builtin', async () => {
    const r = await call('GET', '/api/agents?kind=builtin&limit=500');
    const refs = new Set(r.json.items.map((a: any) => a.ref));
    for (const g of listGames()) for (const id of ['random']) assert.ok(refs.has(id), `${g.id}/${id}`);
    assert.ok(refs.has('tft') && refs.has('alld'));
    assert.equal(r.json.total, r.json.items.length);
  });
});

describe('API: matches, replays, trajectories, leaderboard', () => {
  let ids: string[];
  before(async () => {
    ids = await commitIpd('tft', 'alld', 4, 1);
    await commitIpd('allc', 'alld', 4, 10);
  });

  it('ranks the leaderboard by Elo beside a Bradley–Terry rating ± interval, and exploitability for memory-one built-ins', async () => {
    const r = await call('GET', '/api/leaderboard/ipd');
    assert.equal(r.status, 200);
    const rows = r.json.items;
    const byName = Object.fromEntries(rows.map((x: any) => [x.name, x]));
    assert.ok(byName.alld.elo > byName.allc.elo);
    assert.equal(byName.alld.games, 8);
    assert.ok(byName.alld.rating > byName.allc.rating);
    assert.ok(
      byName.alld.ratingSd > 0 &&
        byName.alld.ratingLow < byName.alld.rating &&
        byName.alld.rating < byName.alld.ratingHigh,
    );
    assert.equal(typeof byName.alld.provisional, 'boolean');
    assert.ok(['pending', 'ready', 'stale', 'too-few-agents'].includes(r.json.gameTheory.status));
    assert.deepEqual(
      [byName.tft.exploitability.kind, byName.tft.exploitability.unit, typeof byName.tft.exploitability.value],
      ['exact', 'payoff-per-round', 'number'],
    );
    assert.deepEqual(
      rows.map((x: any) => x.rank),
      rows.map((_: unknown, i: number) => i + 1),
    );
    assert.equal(r.json.k, 44);
  });

  it('predicts a pairing with an interval and explains a rank with the payoff against the top opponents', async () => {
    const p = await call('GET', '/api/leaderboard/ipd/predict?a=alld&b=allc');
    assert.equal(p.status, 200);
    assert.ok(p.json.score > 0.5 && p.json.low <= p.json.score && p.json.score <= p.json.high);
    const v = await call('GET', '/api/leaderboard/ipd/agents/alld?top=2');
    assert.equal(v.status, 200);
    assert.equal(v.json.agents[0].name, 'alld');
    assert.equal(v.json.cells.length, v.json.agents.length);
    assert.equal((await call('GET', '/api/leaderboard/ipd/agents/alld?top=0')).status, 400);
    assert.equal((await call('GET', '/api/leaderboard/ipd/predict?a=alld')).status, 400);
    assert.equal((await call('GET', '/api/leaderboard/ipd/agents/nobody-here')).status, 404);
  });

  it('lists matches with filters and paging', async () => {
    const all = await call('GET', '/api/matches?game=ipd&limit=3');
    assert.equal(all.json.total, 8);
    assert.equal(all.json.items.length, 3);
    const rest = await call('GET', '/api/matches?game=ipd&limit=10&offset=3');
    assert.equal(rest.json.items.length, 5);
    const tft = await call('GET', '/api/matches?agent=tft');
    assert.equal(tft.json.total, 4);
    assert.equal((await call('GET', '/api/matches?outcome=crash')).json.total, 0);
    const one = await call('GET', `/api/matches/${ids[0]}`);
    assert.equal(one.json.ratingChanges.length, 2);
  });

  it('serves a replay that games/core replay() re-simulates to the same final hash', async () => {
    const r = await call('GET', `/api/matches/${ids[1]}/replay`);
    assert.equal(r.status, 200);
    assert.deepEqual(Object.keys(r.json).sort(), [
      'actions',
      'config',
      'finalHash',
      'game',
      'outcome',
      'result',
      'seats',
      'seed',
    ]);
    assert.equal(r.json.outcome, 'normal');
    const re = replay(getGame(r.json.game), r.json);
    assert.equal(re.hash, r.json.finalHash);
    assert.equal(re.steps, 20);
  });

  it('exports trajectories as JSONL whose rewards add up to each seat’s return', async () => {
    const r = await call('GET', `/api/matches/${ids[0]}/trajectories`);
    assert.equal(r.status, 200);
    assert.match(r.type, /application\/x-ndjson/);
    const lines = r.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(lines.length, 40); // 20 simultaneous steps × 2 seats
    const game = getGame('ipd');
    const cfg = game.configSchema.parse({ turns: 20 });
    const match = (await call('GET', `/api/matches/${ids[0]}`)).json;
    for (const seat of [0, 1]) {
      const mine = lines.filter((l) => l.seat === seat);
      // a match played to its end: the last line is terminated (not truncated), with the game's reason
      assert.deepEqual(
        mine.map((l) => l.terminated),
        mine.map((_, i) => i === mine.length - 1),
      );
      assert.ok(mine.every((l) => l.truncated === false));
      assert.equal(mine.at(-1)!.reason, 'turns');
      assert.equal(mine.at(-1)!.outcome, 'normal');
      assert.equal(mine.at(-1)!.nextVector.length, game.obsSize(cfg));
      assert.ok(mine.slice(0, -1).every((l) => l.reason === null && l.nextVector === undefined));
      const sum = mine.reduce((s, l) => s + l.reward, 0);
      assert.ok(
        Math.abs(sum - match.result.returns[seat]) < 1e-9,
        `seat ${seat}: ${sum} vs ${match.result.returns[seat]}`,
      );
      for (const l of mine) {
        assert.equal(l.vector.length, game.obsSize(cfg));
        assert.equal(l.mask.length, (game.actionSpace(cfg) as { n: number }).n);
        assert.equal(l.mask[l.actionIndex], 1);
        assert.ok(l.obs !== undefined);
      }
    }
    const seat1 = await call('GET', `/api/matches/${ids[0]}/trajectories?seat=1&vectorsOnly=true`);
    const l1 = seat1.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(l1.length, 20);
    assert.ok(l1.every((l) => l.seat === 1 && l.obs === undefined));
  });

  it('serves spectator frames for the replay player', async () => {
    const r = await call('GET', `/api/matches/${ids[0]}/views`);
    assert.equal(r.status, 200);
    assert.equal(r.json.frames.length, 21);
  });

  it('lists live matches (none running here)', async () => {
    const r = await call('GET', '/api/live');
    assert.deepEqual(r.json, { items: [] });
  });

  it('starts a person-vs-agent match that then shows as live', async () => {
    const r = await call('POST', '/api/play', { game: 'ipd', opponent: 'tft', seat: 1 });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.seat, 1);
    assert.match(
      r.json.seatToken,
      /^st_[A-Za-z0-9_-]{20,}$/,
      'the person gets the secret that alone lets it take the seat',
    );
    const live = (await call('GET', '/api/live')).json.items;
    const m = live.find((x: any) => x.id === r.json.matchId);
    assert.ok(m, 'listed as live');
    assert.equal(m.seats[0].label, 'tft');
    assert.equal(m.seats[1].kind, 'human');
    assert.equal((await call('POST', '/api/play', { game: 'ipd', opponent: 'tft', seat: 5 })).status, 400);
    assert.equal((await call('POST', '/api/play', { game: 'ipd', opponent: 'nobody' })).status, 404);
  });
});

describe('API: checkpoints', () => {
  const game = getGame('ipd');
  const cfg = game.configSchema.parse({});
  const arch = architectureFor(game.obsSize(cfg), game.actionSpace(cfg), { hidden: [8] });
  const rec = makeCheckpoint({
    id: 'ck-api-1',
    name: 'ppo-ipd-test',
    game: 'ipd',
    config: {},
    architecture: arch,
    params: initParams(arch, 1),
    training: { algo: 'ppo' },
  });

  it('needs the admin token to upload', async () => {
    assert.equal((await call('POST', '/api/checkpoints', rec)).status, 401);
    assert.equal((await call('POST', '/api/checkpoints', rec, 'not-the-admin')).status, 401);
  });

  it('stores an uploaded checkpoint and registers it as a checkpoint agent that can play', async () => {
    const r = await call('POST', '/api/checkpoints', rec, arena.generatedAdminToken);
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.agent.kind, 'checkpoint');
    const list = await call('GET', '/api/checkpoints?game=ipd');
    assert.ok(list.json.items.some((c: any) => c.id === 'ck-api-1' && c.weights === undefined));
    const full = await call('GET', '/api/checkpoints/ck-api-1');
    assert.equal(full.json.weights, rec.weights);
    const dup = await call('POST', '/api/checkpoints', rec, arena.generatedAdminToken);
    assert.equal(dup.status, 409);
    // It plays in-process through agents/policy checkpointAgent, like any built-in.
    const ck = (await arena.store.getAgent(r.json.agent.id))!;
    const spec = await agentResolver(arena.store, defaultCatalog)(ck, game);
    const tft = await builtin('tft');
    const m = finishedMatch(
      playMatch(game, { turns: 10 }, 3, instantiate(game, { turns: 10 }, 3, [spec, getAgent('ipd', 'tft')])),
      {
        seats: [
          { seat: 0, agentId: ck.id, kind: 'checkpoint', label: ck.name },
          { seat: 1, agentId: tft.id, kind: 'builtin', label: 'tft' },
        ],
      },
    );
    await arena.store.commitMatch(m);
    await arena.store.boards.settledRatings('ipd'); // the leaderboard refits off the request path
    const board = await call('GET', '/api/leaderboard/ipd');
    assert.ok(board.json.items.some((x: any) => x.name === 'ppo-ipd-test' && x.kind === 'checkpoint' && x.games === 1));
    const broken = await call(
      'POST',
      '/api/checkpoints',
      { ...rec, id: 'ck-api-2', name: 'broken', weights: 'AAAA' },
      arena.generatedAdminToken,
    );
    assert.equal(broken.status, 400);
  });
});

/** A bot over the real /bot WebSocket (plain ws, docs/protocol.md): auth → seek → turns → result. */
function playOverBot(token: string, game: string, config: unknown): Promise<{ result: any; errors: any[] }> {
  return new Promise((ok, fail) => {
    const ws = new WebSocket(`ws://127.0.0.1:${arena.port}/bot`);
    const errors: any[] = [];
    const send = (m: object) => ws.send(JSON.stringify(m));
    ws.on('open', () => send({ type: 'auth', token }));
    ws.on('error', fail);
    ws.on('message', (data) => {
      const m = JSON.parse(data.toString());
      if (m.type === 'welcome') send({ type: 'seek', game, config });
      else if (m.type === 'turn') send({ type: 'action', matchId: m.matchId, step: m.step, action: m.legal[0] });
      else if (m.type === 'error') {
        errors.push(m);
        if (m.code === 'UNAUTHORIZED') {
          ws.close();
          ok({ result: null, errors });
        }
      } else if (m.type === 'result') {
        ws.close();
        ok({ result: m, errors });
      }
    });
  });
}

describe('API with a remote bot over /bot (the acceptance path)', () => {
  it('registers with one request, plays a match, and finds it stored, replayable and rated', async () => {
    const reg = await call('POST', '/api/agents', { name: 'ws-bot', owner: 'me', games: ['ipd'] });
    const { result, errors } = await playOverBot(reg.json.token, 'ipd', { turns: 10 });
    assert.deepEqual(errors, []);
    assert.equal(result.outcome, 'normal');
    await arena.live!.flush(); // the finished match has been handed to the store
    const mine = await call('GET', '/api/matches?agent=ws-bot');
    assert.equal(mine.json.total, 1);
    const id = mine.json.items[0].id;
    assert.equal(id, result.matchId);
    const rep = (await call('GET', `/api/matches/${id}/replay`)).json;
    assert.equal(rep.finalHash, result.finalHash);
    assert.equal(replay(getGame('ipd'), rep).hash, result.finalHash);
    await arena.store.boards.settledRatings('ipd'); // the leaderboard refits off the request path
    const board = (await call('GET', '/api/leaderboard/ipd')).json.items;
    assert.equal(board.find((r: any) => r.name === 'ws-bot')?.games, 1);
  });

  it('refuses a revoked token on /bot with UNAUTHORIZED', async () => {
    const reg = await call('POST', '/api/agents', { name: 'ws-revoked', owner: 'me', games: ['ipd'] });
    await call('POST', '/api/agents/ws-revoked/revoke', undefined, reg.json.token);
    const { result, errors } = await playOverBot(reg.json.token, 'ipd', { turns: 10 });
    assert.equal(result, null);
    assert.equal(errors[0].code, 'UNAUTHORIZED');
  });
});
