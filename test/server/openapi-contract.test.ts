/**
 * The published OpenAPI document (/api/docs-json) is the contract: every operation it lists is called
 * here, for its success and for its errors, and every real answer must have a documented status and a
 * body that validates against the documented schema (extra, undocumented fields included: response
 * objects are closed). An operation without requests in the table below fails the test, so a new route
 * cannot go unchecked; a row for an operation the document does not list fails too.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { getGame } from '../../games/index.ts';
import { getAgent, instantiate } from '../../agents/registry.ts';
import { playMatch } from '../../games/core/runner.ts';
import { architectureFor } from '../../agents/policy/architecture.ts';
import { initParams } from '../../agents/policy/params.ts';
import { makeCheckpoint } from '../../agents/policy/checkpoint.ts';
import { finishedMatch } from '../../server/live/record.ts';
import { bootArena, type TestArena } from '../support/arena-harness.ts';
import { BACKENDS } from './store-backends.ts';

interface Call {
  /** Path with its parameters filled in, query included. */
  url: string;
  method?: string;
  body?: unknown;
  token?: 'admin' | 'agent' | 'entrant' | 'wrong';
  /** The status this request must get. */
  status: number;
}

let t: TestArena;
let doc: any;
const ajv = new Ajv({ strict: false, allErrors: true });
const fixtures = {
  agentId: '',
  agentName: '',
  agentToken: '',
  entrantToken: '',
  matchId: '',
  tft: '',
  alld: '',
  tournament: '',
  cancellable: '',
  evaluation: '',
};

/** The requests per documented operation ("METHOD /path/{param}"); every operation needs a success and an error. */
function table(): Record<string, Call[]> {
  const f = fixtures;
  const ck = checkpoint('ck-contract-2');
  return {
    'GET /api': [{ url: '/api', status: 200 }],
    'GET /api/health': [{ url: '/api/health', status: 200 }],
    'GET /api/health/live': [{ url: '/api/health/live', status: 200 }],
    'GET /api/health/ready': [{ url: '/api/health/ready', status: 200 }],
    'GET /api/games': [{ url: '/api/games', status: 200 }],
    'GET /api/games/{id}': [
      { url: '/api/games/ipd', status: 200 },
      { url: '/api/games/no-such-game', status: 404 },
    ],
    'POST /api/agents': [
      {
        url: '/api/agents',
        method: 'POST',
        body: { name: 'contract-new', owner: 'tests', games: ['ipd'] },
        status: 201,
      },
      { url: '/api/agents', method: 'POST', body: { name: 'x' }, status: 400 },
      {
        url: '/api/agents',
        method: 'POST',
        body: { name: 'contract-other', owner: 'tests', games: ['no-such-game'] },
        status: 404,
      },
      { url: '/api/agents', method: 'POST', body: { name: f.agentName, owner: 'tests', games: ['ipd'] }, status: 409 },
    ],
    'GET /api/agents': [
      { url: '/api/agents?game=ipd&limit=5', status: 200 },
      { url: '/api/agents?limit=0', status: 400 },
    ],
    'GET /api/agents/me': [
      { url: '/api/agents/me', token: 'agent', status: 200 },
      { url: '/api/agents/me', token: 'wrong', status: 401 },
    ],
    'GET /api/agents/{id}': [
      { url: `/api/agents/${f.tft}`, status: 200 },
      { url: '/api/agents/a_nope', status: 404 },
    ],
    'GET /api/agents/{id}/ratings': [
      { url: `/api/agents/${f.tft}/ratings?game=ipd`, status: 200 },
      { url: '/api/agents/a_nope/ratings', status: 404 },
    ],
    'POST /api/agents/{id}/rotate': [
      { url: `/api/agents/${f.agentId}/rotate`, method: 'POST', token: 'admin', status: 200 },
      { url: `/api/agents/${f.agentId}/rotate`, method: 'POST', token: 'wrong', status: 401 },
      { url: '/api/agents/a_nope/rotate', method: 'POST', token: 'admin', status: 404 },
    ],
    'POST /api/agents/{id}/revoke': [
      { url: `/api/agents/${f.alld}/revoke`, method: 'POST', token: 'wrong', status: 401 },
      { url: '/api/agents/a_nope/revoke', method: 'POST', token: 'admin', status: 404 },
      // Last: revoking the registered bot ends the fixture.
      { url: `/api/agents/${f.agentId}/revoke`, method: 'POST', token: 'admin', status: 200 },
    ],
    'GET /api/matches': [
      { url: '/api/matches?game=ipd&limit=2', status: 200 },
      { url: '/api/matches?outcome=nonsense', status: 400 },
      { url: '/api/matches?agent=no-such-agent', status: 404 },
    ],
    'GET /api/matches/{id}': [
      { url: `/api/matches/${f.matchId}`, status: 200 },
      { url: '/api/matches/m_nope', status: 404 },
    ],
    'GET /api/matches/{id}/replay': [
      { url: `/api/matches/${f.matchId}/replay`, status: 200 },
      { url: '/api/matches/m_nope/replay', status: 404 },
    ],
    'GET /api/matches/{id}/trajectories': [
      { url: `/api/matches/${f.matchId}/trajectories?seat=0`, status: 200 },
      { url: `/api/matches/${f.matchId}/trajectories?format=turns`, status: 200 },
      { url: `/api/matches/${f.matchId}/trajectories?format=chat`, status: 400 },
      { url: `/api/matches/${f.matchId}/trajectories?seat=-1`, status: 400 },
      { url: `/api/matches/${f.matchId}/trajectories?seat=5`, status: 400 },
      { url: '/api/matches/m_nope/trajectories', status: 404 },
    ],
    'GET /api/matches/{id}/transcript': [
      { url: `/api/matches/${f.matchId}/transcript`, status: 200 },
      { url: '/api/matches/m_nope/transcript', status: 404 },
    ],
    'GET /api/matches/{id}/views': [
      { url: `/api/matches/${f.matchId}/views`, status: 200 },
      { url: '/api/matches/m_nope/views', status: 404 },
    ],
    'GET /api/leaderboard/{game}': [
      { url: '/api/leaderboard/ipd', status: 200 },
      { url: '/api/leaderboard/no-such-game', status: 404 },
    ],
    'GET /api/leaderboard/{game}/predict': [
      { url: `/api/leaderboard/ipd/predict?a=${f.tft}&b=${f.alld}`, status: 200 },
      { url: '/api/leaderboard/ipd/predict', status: 400 },
      { url: '/api/leaderboard/no-such-game/predict?a=x&b=y', status: 404 },
    ],
    'GET /api/leaderboard/{game}/agents/{agent}': [
      { url: `/api/leaderboard/ipd/agents/${f.tft}?top=3`, status: 200 },
      { url: `/api/leaderboard/ipd/agents/${f.tft}?top=0`, status: 400 },
      { url: '/api/leaderboard/ipd/agents/a_nope', status: 404 },
    ],
    'GET /api/live': [{ url: '/api/live', status: 200 }],
    'POST /api/play': [
      { url: '/api/play', method: 'POST', body: { game: 'ipd', opponent: 'tft', config: { turns: 3 } }, status: 201 },
      { url: '/api/play', method: 'POST', body: { game: 'ipd' }, status: 400 },
      { url: '/api/play', method: 'POST', body: { game: 'ipd', opponent: 'no-such-agent' }, status: 404 },
    ],
    'POST /api/checkpoints': [
      { url: '/api/checkpoints', method: 'POST', body: ck, token: 'admin', status: 201 },
      { url: '/api/checkpoints', method: 'POST', body: ck, token: 'wrong', status: 401 },
      { url: '/api/checkpoints', method: 'POST', body: { ...ck, weights: '!' }, token: 'admin', status: 400 },
      {
        url: '/api/checkpoints',
        method: 'POST',
        body: { ...ck, id: 'ck-contract-3', game: 'no-such-game' },
        token: 'admin',
        status: 404,
      },
      { url: '/api/checkpoints', method: 'POST', body: ck, token: 'admin', status: 409 },
    ],
    'GET /api/checkpoints': [{ url: '/api/checkpoints?game=ipd', status: 200 }],
    'POST /api/tournaments': [
      { url: '/api/tournaments', method: 'POST', token: 'admin', body: tournament('contract-made'), status: 201 },
      { url: '/api/tournaments', method: 'POST', token: 'admin', body: { name: 'x' }, status: 400 },
      { url: '/api/tournaments', method: 'POST', token: 'wrong', body: tournament('contract-denied'), status: 401 },
      {
        url: '/api/tournaments',
        method: 'POST',
        token: 'admin',
        body: { ...tournament('contract-nogame'), game: 'no-such-game' },
        status: 404,
      },
    ],
    'POST /api/tournaments/schedules': [
      {
        url: '/api/tournaments/schedules',
        method: 'POST',
        token: 'admin',
        body: {
          name: 'nightly',
          cron: '0 0 3 * * *',
          template: {
            name: 'nightly round robin',
            game: 'ipd',
            rules: { format: { kind: 'round-robin' } },
            entrants: [f.tft, f.alld],
          },
        },
        status: 201,
      },
      { url: '/api/tournaments/schedules', method: 'POST', token: 'admin', body: { name: 'nightly' }, status: 400 },
      {
        url: '/api/tournaments/schedules',
        method: 'POST',
        token: 'wrong',
        body: { name: 'n', cron: '* * * * *', template: {} },
        status: 401,
      },
    ],
    'GET /api/tournaments': [
      { url: '/api/tournaments?limit=5', status: 200 },
      { url: '/api/tournaments?status=nonsense', status: 400 },
    ],
    'GET /api/tournaments/{id}': [
      { url: `/api/tournaments/${f.tournament}`, status: 200 },
      { url: '/api/tournaments/t_nope', status: 404 },
    ],
    'GET /api/tournaments/{id}/export': [
      { url: `/api/tournaments/${f.tournament}/export?format=json`, status: 200 },
      { url: `/api/tournaments/${f.tournament}/export?format=csv`, status: 200 },
      { url: `/api/tournaments/${f.tournament}/export?format=pdf`, status: 400 },
      { url: '/api/tournaments/t_nope/export', status: 404 },
    ],
    'POST /api/tournaments/{id}/join': [
      { url: `/api/tournaments/${f.tournament}/join`, method: 'POST', token: 'entrant', status: 200 },
      { url: `/api/tournaments/${f.tournament}/join`, method: 'POST', token: 'entrant', status: 200 }, // joining again changes nothing
      { url: `/api/tournaments/${f.tournament}/join`, method: 'POST', token: 'wrong', status: 401 },
      { url: `/api/tournaments/${f.tournament}/join`, method: 'POST', token: 'admin', body: { agent: 7 }, status: 400 },
      { url: '/api/tournaments/t_nope/join', method: 'POST', token: 'entrant', status: 404 },
    ],
    'POST /api/tournaments/{id}/withdraw': [
      { url: `/api/tournaments/${f.tournament}/withdraw`, method: 'POST', token: 'entrant', status: 200 },
      { url: `/api/tournaments/${f.tournament}/withdraw`, method: 'POST', token: 'wrong', status: 401 },
      {
        url: `/api/tournaments/${f.tournament}/withdraw`,
        method: 'POST',
        token: 'admin',
        body: { agent: 7 },
        status: 400,
      },
      { url: '/api/tournaments/t_nope/withdraw', method: 'POST', token: 'entrant', status: 404 },
    ],
    'POST /api/tournaments/{id}/cancel': [
      { url: `/api/tournaments/${f.cancellable}/cancel`, method: 'POST', token: 'wrong', status: 401 },
      { url: `/api/tournaments/${f.cancellable}/cancel`, method: 'POST', token: 'admin', status: 200 },
      { url: `/api/tournaments/${f.cancellable}/cancel`, method: 'POST', token: 'admin', status: 409 },
      { url: '/api/tournaments/t_nope/cancel', method: 'POST', token: 'admin', status: 404 },
    ],
    'POST /api/evaluations': [
      { url: '/api/evaluations', method: 'POST', token: 'admin', body: evaluation(f.tft), status: 201 },
      { url: '/api/evaluations', method: 'POST', token: 'wrong', body: evaluation(f.tft), status: 401 },
      { url: '/api/evaluations', method: 'POST', token: 'entrant', body: evaluation(f.tft), status: 403 },
      { url: '/api/evaluations', method: 'POST', token: 'admin', body: { game: 'ipd' }, status: 400 },
      {
        url: '/api/evaluations',
        method: 'POST',
        token: 'admin',
        body: { ...evaluation(f.tft), budget: '99999it' },
        status: 400,
      },
      { url: '/api/evaluations', method: 'POST', token: 'admin', body: evaluation('a_nope'), status: 404 },
    ],
    'GET /api/evaluations': [
      { url: `/api/evaluations?victim=${f.tft}`, status: 200 },
      { url: '/api/evaluations?status=nonsense', status: 400 },
      { url: '/api/evaluations?victim=a_nope', status: 404 },
    ],
    'GET /api/evaluations/{id}': [
      { url: `/api/evaluations/${f.evaluation}`, status: 200 },
      { url: '/api/evaluations/ev_nope', status: 404 },
    ],
    'GET /api/checkpoints/{id}': [
      { url: '/api/checkpoints/ck-contract-1', status: 200 },
      { url: '/api/checkpoints/nope', status: 404 },
    ],
  };
}

/** An open round robin of ipd that starts in an hour (so joins and withdrawals stay possible). */
function tournament(name: string) {
  return {
    name,
    game: 'ipd',
    config: { turns: 3 },
    rules: { format: { kind: 'round-robin' } },
    entrants: [fixtures.tft, fixtures.alld],
    open: true,
    startInSeconds: 3600,
  };
}

/** A one-iteration attack on an ipd agent (it runs in its worker thread while the contract is checked). */
function evaluation(victim: string) {
  return { game: 'ipd', victim, budget: '1it', seed: 3, evalMatches: 2, evalPoints: 1, finalMatches: 4 };
}

function checkpoint(id: string) {
  const game = getGame('ipd');
  const cfg = game.configSchema.parse({});
  const arch = architectureFor(game.obsSize(cfg), game.actionSpace(cfg), { hidden: [4] });
  return makeCheckpoint({
    id,
    name: `${id}-agent`,
    game: 'ipd',
    config: {},
    architecture: arch,
    params: initParams(arch, 1),
    training: { algo: 'ppo' },
  });
}

/** Resolve `{"$ref": "#/components/schemas/X"}` against the document (swagger may hoist shared schemas). */
function withComponents(schema: unknown): unknown {
  return { ...(schema as object), components: doc.components ?? {} };
}

function refsToComponents(schema: any): any {
  if (Array.isArray(schema)) return schema.map(refsToComponents);
  if (schema && typeof schema === 'object') {
    const out: any = {};
    for (const [k, v] of Object.entries(schema))
      out[k] =
        k === '$ref' && typeof v === 'string'
          ? v.replace('#/components/schemas/', '#/components/schemas/')
          : refsToComponents(v);
    return out;
  }
  return schema;
}

async function perform(c: Call) {
  const token =
    c.token === 'admin'
      ? t.arena.generatedAdminToken
      : c.token === 'agent'
        ? fixtures.agentToken
        : c.token === 'entrant'
          ? fixtures.entrantToken
          : c.token === 'wrong'
            ? 'not-a-token'
            : undefined;
  const headers: Record<string, string> = {};
  if (c.body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(t.base + c.url, {
    method: c.method ?? 'GET',
    headers,
    ...(c.body !== undefined ? { body: JSON.stringify(c.body) } : {}),
  });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

const backend = BACKENDS.find((b) => b.name === 'pglite')!; // PGlite: the contract does not depend on the backend (store tests cover both)

describe('the OpenAPI document is the contract', () => {
  before(async () => {
    t = await bootArena(
      backend,
      {},
      {
        tournaments: { enabled: true, leaseMs: 5000, jobExpireSeconds: 10, pollSeconds: 0.5 },
        evaluations: { enabled: true, leaseMs: 5000, snapshotSeconds: 10, arenaGapMs: 0 },
      },
    );
    doc = (await t.call('GET', '/api/docs-json')).json;
    const store = t.arena.store;
    const tft = (await store.getAgentByName('tft'))!;
    const alld = (await store.getAgentByName('alld'))!;
    fixtures.tft = tft.id;
    fixtures.alld = alld.id;
    const game = getGame('ipd');
    for (let i = 0; i < 3; i++) {
      const seated = i % 2 ? [alld, tft] : [tft, alld];
      const specs = seated.map((a) => getAgent('ipd', a.ref!));
      const m = finishedMatch(playMatch(game, { turns: 5 }, 100 + i, instantiate(game, { turns: 5 }, 100 + i, specs)), {
        seats: seated.map((a, seat) => ({ seat, agentId: a.id, kind: 'builtin' as const, label: a.name })),
      });
      await store.commitMatch(m);
      fixtures.matchId = m.id;
    }
    await store.boards.settledRatings('ipd');
    const bot = await t.register('contract-bot', ['ipd']);
    fixtures.agentId = bot.id;
    fixtures.agentName = 'contract-bot';
    fixtures.agentToken = bot.token;
    fixtures.entrantToken = (await t.register('contract-entrant', ['ipd'])).token; // the tournament rows' agent (the other is revoked)
    const up = await t.call('POST', '/api/checkpoints', checkpoint('ck-contract-1'), t.arena.generatedAdminToken);
    assert.equal(up.status, 201, up.text);
    const ev = await t.call('POST', '/api/evaluations', evaluation(tft.id), t.arena.generatedAdminToken);
    assert.equal(ev.status, 201, ev.text);
    fixtures.evaluation = ev.json.id;
    for (const key of ['tournament', 'cancellable'] as const) {
      const made = await t.call('POST', '/api/tournaments', tournament(`contract-${key}`), t.arena.generatedAdminToken);
      assert.equal(made.status, 201, made.text);
      fixtures[key] = made.json.id;
    }
  });
  after(async () => {
    await t?.close();
  });

  it('every documented operation has requests in the table, and the table names only documented operations', () => {
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
    assert.deepEqual(Object.keys(table()).sort(), documented.sort());
  });

  it('every operation documents at least one success and one error (except the read-only facts: /api, health, games, live, checkpoints)', () => {
    const noErrors = new Set([
      'GET /api',
      'GET /api/health/live',
      'GET /api/games',
      'GET /api/live',
      'GET /api/checkpoints',
    ]);
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      for (const [method, op] of Object.entries(ops)) {
        const statuses = Object.keys(op.responses ?? {}).map(Number);
        const key = `${method.toUpperCase()} ${path}`;
        assert.ok(
          statuses.some((s) => s >= 200 && s < 300),
          `${key} documents no success`,
        );
        if (!noErrors.has(key))
          assert.ok(
            statuses.some((s) => s >= 400),
            `${key} documents no error`,
          );
      }
    }
  });

  it('every real answer, success or error, has a documented status and a body that validates against its schema', async () => {
    const problems: string[] = [];
    for (const [key, calls] of Object.entries(table())) {
      const [method, path] = key.split(' ') as [string, string];
      const op = doc.paths[path]?.[method.toLowerCase()];
      if (!op) continue; // reported by the first test
      for (const c of calls) {
        const r = await perform({ ...c, method });
        const label = `${method} ${c.url} → ${r.status}`;
        if (r.status !== c.status) {
          problems.push(`${label}: expected ${c.status} (${r.text.slice(0, 200)})`);
          continue;
        }
        const documented = op.responses?.[String(r.status)];
        if (!documented) {
          problems.push(
            `${label}: status ${r.status} is not documented (documented: ${Object.keys(op.responses ?? {}).join(', ')})`,
          );
          continue;
        }
        const media = r.type.split(';')[0]!.trim();
        const content = documented.content as Record<string, { schema?: unknown }> | undefined;
        if (!content?.[media]) {
          problems.push(
            `${label}: content type ${media} is not documented (documented: ${Object.keys(content ?? {}).join(', ') || 'none'})`,
          );
          continue;
        }
        if (media !== 'application/json') continue; // NDJSON and the like: the type is the contract
        const schema = content[media]!.schema;
        if (!schema) {
          problems.push(`${label}: no schema for ${media}`);
          continue;
        }
        const validate = ajv.compile(refsToComponents(withComponents(schema)) as object);
        if (!validate(JSON.parse(r.text))) {
          problems.push(
            `${label}: body does not match the documented schema: ${ajv.errorsText(validate.errors, { separator: '; ' })}`,
          );
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  it('readiness reports the job queue and the commit backlog beside the database; /metrics has the backlog and the stalls', async () => {
    const r = await t.call('GET', '/api/health/ready');
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.info.queue, JSON.stringify(r.json));
    assert.equal(typeof r.json.info.queue.waiting, 'number');
    assert.equal(r.json.info.commits.backlog, 0, 'no finished match waits for its commit');
    const metrics = await fetch(`${t.base}/metrics`).then((x) => x.text());
    assert.match(metrics, /^ludus_commit_backlog 0$/m);
    assert.match(metrics, /^ludus_server_stalled_seconds \d/m);
  });
});
