/**
 * docs/deploy.md and docker-compose.yml describe one topology and must not drift apart: every arena
 * service of the compose file sets every variable the guide's table marks as the same for all (and its
 * own LUDUS_PUBLIC_ADDRESS), only variables the server knows (server/config.ts), with Postgres, Redis and
 * a proxy that forwards the WebSocket upgrade; and the guide names every service of the file.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';

const root = new URL('../..', import.meta.url).pathname;
const guide = readFileSync(`${root}docs/deploy.md`, 'utf8');
const compose = parse(readFileSync(`${root}docker-compose.yml`, 'utf8'), { merge: true }) as {
  services: Record<string, { environment?: Record<string, string>; image?: string; command?: string[] }>;
  configs?: Record<string, { content: string }>;
};
const configSource = readFileSync(`${root}server/config.ts`, 'utf8');

/** The guide's environment table: variable → its row's text. */
function guideVariables(): Map<string, string> {
  const rows = new Map<string, string>();
  for (const line of guide.split('\n')) {
    const m = /^\| `([A-Z_]+)`(?:, `([A-Z_]+)`)? \| (.*) \|$/.exec(line);
    if (!m) continue;
    rows.set(m[1]!, m[3]!);
    if (m[2]) rows.set(m[2], m[3]!);
  }
  return rows;
}

describe('the deployment guide and docker-compose.yml', () => {
  const arenas = Object.entries(compose.services).filter(([, s]) => s.command?.includes('start'));
  const vars = guideVariables();

  it('has several arena processes, Postgres, Redis and a proxy', () => {
    assert.ok(arenas.length >= 2, 'at least two arena processes');
    assert.ok(compose.services.postgres?.image?.startsWith('postgres'));
    assert.ok(compose.services.redis?.image?.startsWith('redis'));
    const nginx = compose.configs?.nginx?.content ?? '';
    assert.match(nginx, /proxy_set_header Upgrade/, 'the proxy forwards the WebSocket upgrade');
    assert.match(nginx, /proxy_http_version 1\.1/);
  });

  it('gives every arena process the variables the guide requires, each its own public address', () => {
    assert.ok(vars.size >= 8, `the guide's table was read (${[...vars.keys()].join(', ')})`);
    const required = ['DATABASE_URL', 'LUDUS_REDIS_URL', 'LUDUS_ADMIN_TOKEN', 'LUDUS_DATA_DIR', 'LUDUS_PUBLIC_ADDRESS'];
    for (const v of required) assert.ok(vars.has(v), `the guide documents ${v}`);
    const addresses = new Set<string>();
    for (const [name, s] of arenas) {
      const env = s.environment ?? {};
      for (const v of required) assert.ok(env[v], `${name} sets ${v}`);
      assert.match(env.DATABASE_URL!, /^postgres:\/\/.*@postgres:/, `${name} uses the compose Postgres`);
      assert.match(env.LUDUS_REDIS_URL!, /^redis:\/\/redis:/, `${name} uses the compose Redis`);
      addresses.add(env.LUDUS_PUBLIC_ADDRESS!);
    }
    assert.equal(addresses.size, arenas.length, 'each process has its own public address');
    const same = ['DATABASE_URL', 'LUDUS_REDIS_URL', 'LUDUS_REDIS_PREFIX', 'LUDUS_ADMIN_TOKEN'];
    for (const v of same)
      assert.equal(new Set(arenas.map(([, s]) => s.environment?.[v])).size, 1, `${v} is the same for all`);
  });

  it('uses only variables the server reads, and the guide documents each of them', () => {
    for (const [name, s] of arenas)
      for (const v of Object.keys(s.environment ?? {})) {
        assert.ok(configSource.includes(`${v}:`), `${name}: ${v} is read by server/config.ts`);
        assert.ok(vars.has(v), `${name}: ${v} is in the guide's table`);
      }
  });

  it('names every service of the compose file in the guide', () => {
    for (const name of Object.keys(compose.services)) {
      const word = name.replace(/-\d+$/, '');
      assert.ok(guide.toLowerCase().includes(word), `docs/deploy.md mentions ${name}`);
    }
  });
});
