import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { uploadCheckpoint } from '../../agents/train/upload.ts';
import { makeCheckpoint, parseCheckpoint } from '../../agents/policy/checkpoint.ts';
import { architectureFor } from '../../agents/policy/architecture.ts';
import { initParams } from '../../agents/policy/params.ts';

describe('arena upload', () => {
  it('POSTs the record as JSON to <url>/api/checkpoints with the admin token as a bearer token', async () => {
    const arch = architectureFor(4, { kind: 'discrete', n: 2 }, { hidden: [4] });
    const rec = makeCheckpoint({
      id: 'ck',
      name: 'ppo-x',
      game: 'ipd',
      config: {},
      architecture: arch,
      params: initParams(arch, 1),
      training: { algo: 'ppo' },
    });
    const seen: { method?: string; url?: string; auth?: string; body?: unknown } = {};
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        Object.assign(seen, {
          method: req.method,
          url: req.url,
          auth: req.headers.authorization,
          body: JSON.parse(body),
        });
        res.writeHead(201, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    try {
      const r = await uploadCheckpoint(`http://127.0.0.1:${port}/`, 'secret-admin-token', rec);
      assert.deepEqual([r.ok, r.status], [true, 201]);
      assert.deepEqual([seen.method, seen.url, seen.auth], ['POST', '/api/checkpoints', 'Bearer secret-admin-token']);
      assert.deepEqual(parseCheckpoint(seen.body), rec);
    } finally {
      server.close();
    }
  });
});
