/**
 * server/ui.ts: the app is bundled once into memory and served ahead of the API on the shared
 * HTTP server; every other path still reaches the server's own handler.
 */
import assert from 'node:assert/strict';
import { createServer, get as httpGet, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { mountUi, type UiHandle } from '../../server/ui.ts';

describe('UI serving', () => {
  let http: Server;
  let ui: UiHandle;
  let base: string;
  before(async () => {
    http = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`api ${req.method} ${req.url}`);
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    ui = await mountUi(http);
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  after(async () => {
    ui.unmount();
    http.closeAllConnections();
    await new Promise<void>((r) => http.close(() => r()));
  });

  it('serves the page at / and the bundled app it loads', async () => {
    const page = await fetch(base + '/');
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type')!, /text\/html/);
    const html = await page.text();
    assert.match(html, /<script type="module" src="\/app\.js"><\/script>/);
    const app = await fetch(base + '/app.js');
    assert.equal(app.status, 200);
    assert.match(app.headers.get('content-type')!, /javascript/);
    const js = await app.text();
    assert.ok(js.length > 10_000, 'the bundle holds the app, the engines and the Colyseus SDK');
    assert.ok(!/\bfrom\s*["'](?:\.\.?\/|node:)/.test(js), 'no import is left unresolved');
    const css = await fetch(base + '/style.css');
    assert.equal(css.status, 200);
    assert.match(css.headers.get('content-type')!, /text\/css/);
  });

  it('gzips for browsers that accept it and answers 304 to a matching etag', async () => {
    const raw = await fetch(base + '/app.js', { headers: { 'accept-encoding': 'identity' } });
    const plain = Buffer.from(await raw.arrayBuffer());
    assert.equal(raw.headers.get('content-encoding'), null);
    const res = await new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
      const req = httpGet(base + '/app.js', { headers: { 'accept-encoding': 'gzip' } }, (r) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => resolve({ headers: r.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
    });
    assert.equal(res.headers['content-encoding'], 'gzip');
    assert.ok(res.body.length < plain.length / 2);
    assert.deepEqual(gunzipSync(res.body), plain);
    const etag = raw.headers.get('etag')!;
    const again = await fetch(base + '/app.js', { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
  });

  it('passes every other path and method to the server (API, unknown files)', async () => {
    assert.equal(await (await fetch(base + '/api/games')).text(), 'api GET /api/games');
    assert.equal(await (await fetch(base + '/nope.js')).text(), 'api GET /nope.js');
    assert.equal(await (await fetch(base + '/', { method: 'POST', body: 'x' })).text(), 'api POST /');
  });

  it('stops answering after unmount', async () => {
    const other = createServer((_q, r) => r.end('api'));
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    const h = await mountUi(other, { assets: ui });
    const url = `http://127.0.0.1:${(other.address() as AddressInfo).port}/`;
    assert.match(await (await fetch(url)).text(), /<html/);
    h.unmount();
    assert.equal(await (await fetch(url)).text(), 'api');
    other.closeAllConnections();
    await new Promise<void>((r) => other.close(() => r()));
  });
});

