/**
 * One server per data directory and per port: a second `ludus start` on a data directory in use, or on
 * a port in use, says so in one line and exits 2 without touching the first server's data; after a
 * SIGKILL the directory is free again at once (the lock names a pid that no longer exists).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { DataDirInUseError, lockDataDir } from '../../server/store/pglite.ts';

const ROOT = resolve(import.meta.dirname, '../..');

function start(dataDir: string, port: number | string = 0) {
  const child = spawn(process.execPath, ['bin/ludus.js', 'start', '--port', String(port), '--no-league'], {
    cwd: ROOT,
    env: {
      ...process.env,
      LUDUS_DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      LUDUS_UI: 'off',
      LUDUS_DEMO_ATTACKS: 'off', // attacks have their own tests (test/evaluation/)
      LUDUS_ADMIN_TOKEN: '',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exit = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
  const up = new Promise<string>((ok, fail) => {
    child.stdout.on('data', () => {
      const m = /API\s+http:\/\/[^:\s]+:(\d+)\/api\b/.exec(stdout);
      if (m && /Colyseus/.test(stdout)) ok(m[1]!);
    });
    void exit.then((code) => fail(new Error(`exited ${code}: ${stderr}`)));
  });
  up.catch(() => {}); // refused starts never come up; the tests await `exit` for them
  return { child, exit, up, out: () => ({ stdout, stderr }) };
}

describe('one server per data directory and port', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ludus-lock-'));
  const other = mkdtempSync(join(tmpdir(), 'ludus-lock-other-'));
  after(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(other, { recursive: true, force: true });
  });

  it('refuses a second server on the same data directory or port in one line (exit 2), and takes over at once after a SIGKILL', async () => {
    const first = start(dir);
    const port = await first.up;
    try {
      const sameDir = start(dir);
      assert.equal(await sameDir.exit, 2);
      const lines = sameDir
        .out()
        .stderr.trim()
        .split('\n')
        .filter((l) => l.startsWith('ludus:'));
      assert.equal(lines.length, 1, sameDir.out().stderr);
      assert.match(lines[0]!, /data directory .* is in use by another Ludus server \(pid \d+\)/);

      const samePort = start(other, port);
      assert.equal(await samePort.exit, 2);
      assert.match(samePort.out().stderr, /^ludus: port \d+ is already in use/m);
      assert.doesNotMatch(samePort.out().stderr, /at .*\.ts:\d+/, 'no stack trace');

      // The first server is untouched.
      assert.equal((await fetch(`http://127.0.0.1:${port}/api/health`)).status, 200);
    } finally {
      first.child.kill('SIGKILL');
      await first.exit;
    }
    // Its pid file stays behind, naming a dead process: the next server takes the directory at once.
    const again = start(dir);
    await again.up;
    again.child.kill('SIGTERM');
    assert.equal(await again.exit, 0);
  });

  it('refuses a second hold of a directory inside one process too, and frees it on release', () => {
    const release = lockDataDir(other);
    assert.throws(() => lockDataDir(other), DataDirInUseError);
    release();
    lockDataDir(other)();
  });
});
