/**
 * The evaluation service over the HTTP API (server/evaluation/, docs/api.md § evaluations):
 *  - requests are bounded and typed: out-of-range budgets and sizes → 400 BAD_CONFIG, malformed
 *    bodies → 400 SCHEMA, unknown victims → 404, another agent's token → 403, a remote bot that did not
 *    opt in → 403, an opted-in bot without an adversary → 400;
 *  - a trained attack on a built-in sumo agent finishes, registers its adversary as a checkpoint agent
 *    with role `exploiter`, and the sumo leaderboard then shows the victim's exploitability as an
 *    `attack` bound (interval, budget, date, exploiter) beside the `exact` values of the dilemmas;
 *  - a remote bot that opted in is evaluated by an already-trained adversary through the arena with
 *    a budget in matches: unrated matches with derived ids, seats alternating, at least the gap apart;
 *  - the demo queues its attacks once per database; `ludus evaluations list|show` read them.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { getGame } from '../../games/index.ts';
import { getAgent, instantiate } from '../../agents/registry.ts';
import { playMatch } from '../../games/core/runner.ts';
import { architectureFor } from '../../agents/policy/architecture.ts';
import { initParams } from '../../agents/policy/params.ts';
import { makeCheckpoint } from '../../agents/policy/checkpoint.ts';
import { finishedMatch } from '../../server/live/record.ts';
import { defaultCatalog } from '../../server/catalog.ts';
import { DEMO_ATTACKS, ensureDemoAttacks } from '../../server/evaluation/demo.ts';
import { EvaluationService } from '../../server/evaluation/service.ts';
import { Store } from '../../server/store/store.ts';
import { JobQueue } from '../../server/tournament/queue.ts';
import { bootArena, type TestArena } from '../support/arena-harness.ts';
import { BACKENDS } from '../server/store-backends.ts';
import { ludus, until } from '../tournament/support.ts';

const ADMIN = 'evaluation-api-admin-token-0123';
const GAP_MS = 300;
const pglite = BACKENDS.find((b) => b.name === 'pglite')!;

/** A remote ipd bot over /bot that always defects. */
function defector(url: string, token: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('open', () => ws.send(JSON.stringify({ type: 'auth', token })));
    ws.on('error', reject);
    ws.on('message', (data) => {
      const m = JSON.parse(data.toString());
      if (m.type === 'welcome') resolve(ws);
      if (m.type === 'turn') ws.send(JSON.stringify({ type: 'action', matchId: m.matchId, step: m.step, action: 'D' }));
    });
  });
}

function ipdCheckpoint(id: string) {
  const game = getGame('ipd');
  const cfg = game.configSchema.parse({});
  const arch = architectureFor(game.obsSize(cfg), game.actionSpace(cfg), { hidden: [4] });
  return makeCheckpoint({
    id,
    name: `${id}-agent`,
    game: 'ipd',
    config: { turns: 5 },
    architecture: arch,
    params: initParams(arch, 1),
    training: { algo: 'ppo' },
  });
}

describe('evaluations over the API', () => {
  let t: TestArena;
  const sockets: WebSocket[] = [];
  let rusher = '';
  let tft = '';
  before(async () => {
    t = await bootArena(
      pglite,
      {},
      {
        adminToken: ADMIN,
        evaluations: { enabled: true, leaseMs: 3000, snapshotSeconds: 30, arenaGapMs: GAP_MS },
      },
    );
    const store = t.arena.store;
    rusher = (await store.getAgentByName('rusher'))!.id;
    tft = (await store.getAgentByName('tft'))!.id;
    // Rated matches, so that rusher, edge and tft are on their leaderboards.
    for (const [game, names, config] of [
      ['sumo', ['rusher', 'edge'], {}],
      ['ipd', ['tft', 'alld'], { turns: 5 }],
    ] as const) {
      const g = getGame(game);
      const agents = await Promise.all(names.map((n) => store.getAgentByName(n)));
      for (let i = 0; i < 2; i++) {
        const seated = i % 2 ? [agents[1]!, agents[0]!] : [agents[0]!, agents[1]!];
        const specs = seated.map((a) => getAgent(game, a.ref!));
        const m = finishedMatch(playMatch(g, config, 50 + i, instantiate(g, config, 50 + i, specs)), {
          seats: seated.map((a, seat) => ({ seat, agentId: a.id, kind: 'builtin' as const, label: a.name })),
        });
        await store.commitMatch(m);
      }
      await store.boards.settledRatings(game);
    }
  });
  after(async () => {
    for (const s of sockets) s.close();
    await t?.close();
  });

  const post = (body: unknown, token: string | null = ADMIN) =>
    t.call('POST', '/api/evaluations', body, token ?? undefined);
  const finished = (id: string) =>
    until(
      `evaluation ${id} to end`,
      async () => {
        const r = await t.call('GET', `/api/evaluations/${id}`);
        return r.json.status === 'finished' || r.json.status === 'failed' ? r.json : undefined;
      },
      120_000,
      200,
    );

  it('refuses unbounded, malformed and unauthorised requests with typed errors', async () => {
    const ok = { game: 'sumo', victim: 'rusher', budget: '1it' };
    const cases: [unknown, string | null, number, string][] = [
      [{ ...ok, budget: '99999it' }, ADMIN, 400, 'BAD_CONFIG'],
      [{ ...ok, budget: { envSteps: 10_000_000 } }, ADMIN, 400, 'BAD_CONFIG'],
      [{ ...ok, budget: '61min' }, ADMIN, 400, 'BAD_CONFIG'],
      [{ ...ok, budget: 'lots' }, ADMIN, 400, 'BAD_CONFIG'],
      [{ ...ok, budget: '5matches' }, ADMIN, 400, 'BAD_CONFIG'],
      [{ ...ok, finalMatches: 1 }, ADMIN, 400, 'BAD_CONFIG'],
      [{ ...ok, evalPoints: 500 }, ADMIN, 400, 'BAD_CONFIG'],
      [{ ...ok, game: 'ipd' }, ADMIN, 400, 'BAD_CONFIG'], // rusher does not play ipd
      [{ ...ok, budget: 7 }, ADMIN, 400, 'SCHEMA'],
      [{ ...ok, extra: true }, ADMIN, 400, 'SCHEMA'],
      [{ ...ok, victim: 'no-such-agent' }, ADMIN, 404, 'UNKNOWN_AGENT'],
      [{ ...ok, game: 'no-such-game' }, ADMIN, 404, 'UNKNOWN_GAME'],
      [ok, null, 401, 'UNAUTHORIZED'],
    ];
    for (const [body, token, status, code] of cases) {
      const r = await post(body, token);
      assert.equal(r.status, status, `${JSON.stringify(body)}: ${r.text}`);
      assert.equal(r.json.code, code, JSON.stringify(body));
    }
    const bot = await t.register('eval-no-optin', ['ipd']);
    const other = await t.register('eval-other', ['ipd']);
    const forbidden = await post({ game: 'ipd', victim: 'tft', budget: '1it' }, other.token);
    assert.equal(forbidden.status, 403, 'another agent’s token');
    const notOptedIn = await post({ game: 'ipd', victim: bot.id, budget: '2matches', adversary: 'x' }, bot.token);
    assert.equal(notOptedIn.status, 403, notOptedIn.text);
    assert.match(notOptedIn.json.message, /allowEvaluation/);
    assert.equal((await t.call('GET', '/api/evaluations?victim=tft')).json.total, 0, 'nothing was queued');
  });

  it('a trained attack on a sumo built-in registers an exploiter, and the leaderboard shows its bound beside exact values', async () => {
    const r = await post({
      game: 'sumo',
      victim: 'rusher',
      budget: '1it',
      seed: 5,
      evalMatches: 4,
      evalPoints: 1,
      finalMatches: 10,
    });
    assert.equal(r.status, 201, r.text);
    assert.deepEqual(
      [r.json.status, r.json.mode, r.json.requestedBy, r.json.victim.name],
      ['queued', 'train', 'admin', 'rusher'],
    );
    const e = await finished(r.json.id);
    assert.equal(e.status, 'finished', e.error ?? '');
    assert.equal(e.result.iterations, 1);
    assert.equal(e.progress.fraction, 1);
    assert.ok(e.curve.length >= 2, 'the curve has its start and its end');
    assert.equal(e.exploitability.kind, 'attack');
    assert.equal(e.exploitability.unit, 'score');

    const exploiter = (await t.call('GET', `/api/agents/${e.exploiter.id}`)).json;
    assert.deepEqual([exploiter.kind, exploiter.role, exploiter.games], ['checkpoint', 'exploiter', ['sumo']]);
    assert.equal(exploiter.ref, e.adversaryCheckpoint);
    const cp = (await t.call('GET', `/api/checkpoints/${e.adversaryCheckpoint}`)).json;
    assert.equal(cp.training.victim.id, 'rusher', 'the lineage names the victim');

    const sumo = (await t.call('GET', '/api/leaderboard/sumo')).json.items;
    const row = sumo.find((x: { agentId: string }) => x.agentId === rusher);
    const x = row.exploitability;
    assert.equal(x.kind, 'attack');
    assert.equal(x.evaluationId, e.id);
    assert.equal(x.exploiterId, e.exploiter.id);
    assert.deepEqual(x.budget, { iterations: 1 });
    assert.ok(x.low <= x.value && x.value <= x.high, JSON.stringify(x));
    // Score unit: E ≥ score(adversary vs π) − ½ (and E ≥ 0), from the final measurement on fresh seeds.
    assert.ok(Math.abs(x.value - Math.max(0, e.result.final.score.estimate - 0.5)) < 1e-6, JSON.stringify(x));
    assert.equal(sumo.find((y: { name: string }) => y.name === 'edge').exploitability, null, 'never attacked');
    const ipd = (await t.call('GET', '/api/leaderboard/ipd')).json.items;
    const tftRow = ipd.find((y: { agentId: string }) => y.agentId === tft);
    assert.equal(tftRow.exploitability.kind, 'exact');
    assert.equal(tftRow.exploitability.unit, 'payoff-per-round');

    const mine = (await t.call('GET', `/api/evaluations?victim=rusher&status=finished`)).json;
    assert.deepEqual(
      mine.items.map((i: { id: string }) => i.id),
      [e.id],
    );

    // The CLI reads the same API.
    const list = await ludus({}, 'evaluations', 'list', '--url', t.base, '--victim', 'rusher');
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, new RegExp(e.id));
    assert.match(list.stdout, /attack/);
    const show = await ludus({}, 'evaluations', 'show', e.id, '--url', t.base, '--wait');
    assert.equal(show.code, 0, show.stderr);
    assert.match(show.stdout, /status finished/);
    assert.match(show.stdout, new RegExp(`exploiter ${e.exploiter.name}`));
  });

  it('an opted-in remote bot is played by an already-trained adversary through the arena, unrated, at most one match at a time, the gap apart', async () => {
    const reg = await t.call('POST', '/api/agents', {
      name: 'eval-defector',
      owner: 'tests',
      games: ['ipd'],
      allowEvaluation: true,
    });
    assert.equal(reg.status, 201, reg.text);
    assert.equal(reg.json.agent.allowEvaluation, true);
    sockets.push(await defector(t.botUrl, reg.json.token));
    const up = await t.call('POST', '/api/checkpoints', ipdCheckpoint('ck-eval-adv'), ADMIN);
    assert.equal(up.status, 201, up.text);
    const noAdversary = await post({ game: 'ipd', victim: reg.json.agent.id, budget: '1it' }, reg.json.token);
    assert.equal(noAdversary.status, 400);
    assert.equal(noAdversary.json.code, 'BAD_CONFIG');

    // The bot's own token may ask for it.
    const r = await post(
      { game: 'ipd', victim: 'eval-defector', budget: '3matches', adversary: 'ck-eval-adv', config: { turns: 5 } },
      reg.json.token,
    );
    assert.equal(r.status, 201, r.text);
    assert.deepEqual([r.json.mode, r.json.requestedBy], ['arena', reg.json.agent.id]);
    const e = await finished(r.json.id);
    assert.equal(e.status, 'finished', e.error ?? '');
    assert.equal(e.result.matches, 3);
    const matches = await Promise.all(
      [0, 1, 2].map(async (k) => (await t.call('GET', `/api/matches/${e.id}_m${k}`)).json),
    );
    const adversary = up.json.agent.id;
    for (const [k, m] of matches.entries()) {
      assert.equal(m.rated, false, 'evaluation matches are unrated');
      assert.equal(m.seats[k % 2].agentId, adversary, 'seats alternate');
      assert.equal(m.seats[1 - (k % 2)].agentId, reg.json.agent.id);
    }
    for (let k = 1; k < 3; k++)
      assert.ok(
        Date.parse(matches[k].startedAt) - Date.parse(matches[k - 1].endedAt) >= GAP_MS - 20,
        'one match at a time, the gap apart',
      );
    // ipd's unit is a payoff per round, and a remote bot's self-play value is unknown: no bound is claimed.
    assert.equal(e.exploitability, null);
  });
});

describe('the demo queues its attacks once', () => {
  it('queues one attack per (game, built-in) of DEMO_ATTACKS, and nothing on a second call', async () => {
    const store = await Store.open();
    await store.syncBuiltins((await import('../../server/catalog.ts')).builtinSpecs(defaultCatalog));
    const queue = new JobQueue(store.db, { schema: 'pgboss' });
    await queue.start();
    try {
      // Not started: the jobs are queued, nobody works them.
      const service = new EvaluationService({ store, queue, catalog: defaultCatalog });
      assert.equal(await ensureDemoAttacks(service, store), DEMO_ATTACKS.length);
      assert.equal(await ensureDemoAttacks(service, store), 0);
      const { items } = await service.list({ limit: 100, offset: 0 });
      assert.deepEqual(
        new Set(items.map((i) => i.game)),
        new Set(['sumo', 'vgc', 'public-goods', 'ipd']),
        'every game family',
      );
      assert.ok(items.every((i) => i.status === 'queued' && i.requestedBy === 'demo'));
    } finally {
      await queue.stop();
      await store.close();
    }
  });
});
