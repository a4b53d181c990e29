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

  it('splits the app: the first load (page, styles, app.js and its static chunks) is under 300 KB gzipped and ships no engine or Colyseus; every chunk is served', async () => {
    assert.ok(ui.firstLoad.files.includes('app.js'));
    assert.ok(ui.firstLoad.gzipBytes < 300 * 1024, `first load ${ui.firstLoad.gzipBytes} bytes gzipped`);
    const first = ui.firstLoad.files
      .filter((f) => f.endsWith('.js'))
      .map((f) => ui.files.get('/' + f)!.body.toString())
      .join('\n');
    assert.doesNotMatch(
      first,
      /planck|Colyseus|bulwark/i,
      'no sumo physics, no Colyseus SDK, no VGC data on the home page',
    );
    const chunks = [...ui.files.keys()].filter((p) => /^\/chunk-[A-Z0-9]+\.js$/.test(p));
    assert.ok(chunks.length >= 5, `the pages are chunks of their own (${chunks.length})`);
    for (const c of chunks) assert.equal((await fetch(base + c)).status, 200, c);
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
    assert.ok(js.length > 2_000, 'the entry holds the router and the home page');
    assert.ok(!/["']node:/.test(js), 'nothing of Node is imported');
    // Every relative import names a chunk that is served.
    for (const m of js.matchAll(/["']\.\/(chunk-[A-Z0-9]+\.js)["']/g)) assert.ok(ui.files.has('/' + m[1]), m[1]);
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
