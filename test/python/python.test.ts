/**
 * The Python client (agents/client/python) against a real arena on loopback: boots the whole arena
 * (HTTP API, /bot, embedded PGlite) and runs the Python suite with `python3 -m unittest`, failing with
 * its output. The suite registers its own agents over HTTP and plays through the real gateway.
 * Stag hunt gets a short forfeit clock here (1 s a turn, no bank) so a test can cut a match short on time, chicken a short clock
 * under the default-action rule so a test can miss a turn; every other game keeps the default clock. Runs on both store backends (PGlite, and the real Postgres in a fresh schema
 * when LUDUS_TEST_DATABASE_URL is set, as every arena test does). Skips (visibly) only when no
 * python3 ≥ 3.9 is on the PATH.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { bootArena, type TestArena } from '../support/arena-harness.ts';
import { BACKENDS } from '../server/store-backends.ts';

const root = new URL('../..', import.meta.url).pathname;
const pkg = `${root}agents/client/python`;

function pythonSkip(): string | undefined {
  const r = spawnSync('python3', ['-c', 'import sys; print(sys.version_info >= (3, 9))'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return 'python3 is not on the PATH';
  return r.stdout.trim() === 'True' ? undefined : 'python3 is older than 3.9';
}

/** Run the Python suite as a child process (async: the arena runs on this event loop), SIGKILL after `ms`. */
function unittest(base: string, ms: number): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const p = spawn('python3', ['-m', 'unittest', 'discover', '-s', 'tests', '-t', '.', '-v'], {
      cwd: pkg,
      env: { ...process.env, LUDUS_URL: base, PYTHONDONTWRITEBYTECODE: '1', PYTHONUNBUFFERED: '1' },
    });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => {
      out += `\n[killed after ${ms} ms]`;
      p.kill('SIGKILL');
    }, ms);
    p.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

const skip = pythonSkip();

for (const backend of BACKENDS) {
  describe(`Python client (python3 -m unittest against a live arena on ${backend.name})`, {
    skip: skip ?? backend.skip,
  }, () => {
    let t: TestArena;
    before(async () => {
      t = await bootArena(backend, {
        liveOptions: {
          matchmaking: { fillerAfterMs: 50 },
          timing: {
            games: {
              'stag-hunt': { turnMs: 1000, bankMs: 0, onTimeout: 'forfeit' },
              chicken: { turnMs: 150, bankMs: 0, onTimeout: 'default' },
            },
          },
        },
      });
    });
    after(async () => {
      await t?.close();
    });

    it('the Python suite passes', { timeout: 240_000 }, async () => {
      const r = await unittest(t.base, 230_000);
      if (r.code !== 0) assert.fail(`python3 -m unittest exited with ${r.code}:\n${r.out}`);
      process.stdout.write(
        r.out
          .split('\n')
          .filter((l) => /skipped|Ran |OK|interval/.test(l))
          .map((l) => `    ${l}\n`)
          .join(''),
      );
    });

    it("`ludus trajectories <match id> --url` prints the API's lines for a match the Python suite forfeited", async () => {
      const list = await t.call('GET', '/api/matches?game=stag-hunt&outcome=timeout-forfeit&limit=50');
      const ids: string[] = list.json.items.map((m: { id: string }) => m.id);
      let id: string | undefined;
      let api = '';
      for (const candidate of ids) {
        api = (await t.call('GET', `/api/matches/${candidate}/trajectories`)).text;
        if (api.length > 0) {
          id = candidate; // one cut after some steps (a match cut at step 0 has no line)
          break;
        }
      }
      assert.ok(id, 'the Python suite forfeits a stag-hunt match after two steps');
      const cli = await new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
        const p = spawn(process.execPath, ['bin/ludus.js', 'trajectories', id!, '--url', t.base], { cwd: root });
        let out = '';
        let err = '';
        p.stdout.on('data', (d) => (out += d));
        p.stderr.on('data', (d) => (err += d));
        p.on('close', (code) => resolve({ code, out, err }));
      });
      assert.equal(cli.code, 0, cli.err);
      assert.equal(cli.out, api);
      const last = JSON.parse(cli.out.trim().split('\n').at(-1)!);
      assert.deepEqual(
        [last.terminated, last.truncated, last.reason, last.outcome],
        [false, true, 'timeout', 'timeout-forfeit'],
      );
    });
  });
}
