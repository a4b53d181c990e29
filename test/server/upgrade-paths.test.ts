/**
 * WebSocket upgrades to a path nobody serves (neither /bot nor a Colyseus room path) are answered with
 * 404 and closed: before, the socket stayed open for ever and the server's close() waited on it.
 */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { bootLive, type LiveTestServer } from '../support/live-harness.ts';

/** Send an upgrade request; resolves when the server closes the socket (or after 3 s), or, with `headOnly`, once the response head is in. */
function upgrade(port: number, path: string, headOnly = false): Promise<{ head: string; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const sock = connect(port, '127.0.0.1');
    let data = '';
    const timer = setTimeout(() => {
      sock.destroy();
      resolve({ head: data, closed: false });
    }, 3000);
    sock.on('error', reject);
    sock.on('data', (d) => {
      data += d.toString('latin1');
      if (headOnly && data.includes('\r\n\r\n')) {
        clearTimeout(timer);
        sock.destroy();
        resolve({ head: data, closed: false });
      }
    });
    sock.on('close', () => {
      clearTimeout(timer);
      resolve({ head: data, closed: true });
    });
    sock.write(
      `GET ${path} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
  });
}

describe('upgrades to unknown paths', () => {
  let s: LiveTestServer;
  before(async () => {
    s = await bootLive();
  });
  after(async () => {
    await s.close();
  });

  it('are answered with 404 and closed', async () => {
    for (const path of ['/nope', '/api/x/y', '/a/b/c']) {
      const r = await upgrade(s.port, path);
      assert.match(r.head, /^HTTP\/1\.1 404 /, path);
      assert.equal(r.closed, true, path);
    }
  });

  it('while /bot still upgrades', async () => {
    const r = await upgrade(s.port, '/bot', true);
    assert.match(r.head, /^HTTP\/1\.1 101 /);
  });
});
