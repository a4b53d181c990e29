/**
 * Multi-process fixtures: `ludus start` child processes (bin/ludus.js, each on its own loopback port
 * and data directory) sharing the machine's real Redis (a key prefix unique to the run) and real
 * PostgreSQL (a fresh schema), and a scripted /bot client that records every message it receives.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { WebSocket } from 'ws';

const root = new URL('../..', import.meta.url).pathname;
export const REDIS_URL = process.env.LUDUS_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const PG_URL = process.env.LUDUS_TEST_DATABASE_URL;
export const ADMIN = 'scale-admin-token-0123456789abcdef';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Poll `cond` until it gives a value. `intervalMs` between polls: 25 ms for in-memory checks; polls over
 * HTTP use `HTTP_POLL_MS`, since every /api route allows 600 requests a minute per address (server/api/rate-limits.ts).
 */
export async function until<T>(
  what: string,
  cond: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 20_000,
  intervalMs = 25,
): Promise<T> {
  const t0 = performance.now();
  for (;;) {
    const v = await cond();
    if (v) return v;
    if (performance.now() - t0 > timeoutMs) assert.fail(`timed out waiting for ${what}`);
    await sleep(intervalMs);
  }
}

/** Interval of a poll over HTTP: a minute of it stays well under a route's budget of 600 requests. */
export const HTTP_POLL_MS = 250;

/** A free loopback port (multi-process mode needs a fixed port: seat reservations name it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface Proc {
  name: string;
  child: ChildProcess;
  port: number;
  base: string;
  bot: string;
  stderr: string[];
  dir: string;
}

/** One arena process of the cluster; resolves once it listens. */
export async function startProc(name: string, env: NodeJS.ProcessEnv): Promise<Proc> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), `ludus-scale-${name}-`));
  const child = spawn(process.execPath, [join(root, 'bin/ludus.js'), 'start', '--json', '--no-league'], {
    cwd: root,
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LUDUS_DATA_DIR: dir,
      LUDUS_UI: 'off',
      LUDUS_DEMO: 'off',
      LUDUS_ADMIN_TOKEN: ADMIN,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr!.on('data', (d) => stderr.push(String(d)));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += String(d);
      try {
        JSON.parse(out);
        resolve();
      } catch {
        // not complete yet
      }
    });
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}: ${stderr.join('')}`)));
  });
  return { name, child, port, base: `http://127.0.0.1:${port}`, bot: `ws://127.0.0.1:${port}/bot`, stderr, dir };
}

export async function stopProc(p: Proc, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (p.child.exitCode === null && p.child.signalCode === null) {
    const exited = new Promise((r) => p.child.once('exit', r));
    p.child.kill(signal);
    await Promise.race([exited, sleep(10_000)]);
    if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  }
  rmSync(p.dir, { recursive: true, force: true });
}

/** Every key of a run's prefix, deleted (the run leaves nothing in the shared Redis). */
export async function dropPrefix(prefix: string): Promise<void> {
  const r = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await r.del(...keys);
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
}

export function runPrefix(): string {
  return `ludus-test:${randomBytes(6).toString('hex')}:`;
}

export async function call(base: string, method: string, path: string, body?: unknown, token = ADMIN): Promise<any> {
  const r = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await r.text();
  // A poll that outran the route's budget must say so, not fail later on a missing field.
  if (r.status === 429) throw new Error(`${method} ${path}: rate limited (${text.slice(0, 200)})`);
  return { status: r.status, ...(text ? JSON.parse(text) : {}) };
}

export async function register(base: string, name: string): Promise<{ id: string; token: string }> {
  const r = await call(base, 'POST', '/api/agents', { name, owner: 'scale', games: ['ipd'] });
  assert.equal(r.status, 201, JSON.stringify(r));
  return { id: r.agent?.id ?? r.id, token: r.token };
}

/**
 * A /bot client: authenticates, records every message, and (while `autoplay`) answers each turn with
 * `action` after `thinkMs`.
 */
export class Bot {
  readonly msgs: any[] = [];
  autoplay = true;
  ws!: WebSocket;
  constructor(
    readonly token: string,
    readonly opts: {
      action?: unknown;
      thinkMs?: number;
      /** Text mode: ask for text views at auth and answer every turn with this text (and a transcript). */
      text?: string;
    } = {},
  ) {}

  async connect(url: string): Promise<any> {
    const ws = new WebSocket(url);
    this.ws = ws;
    ws.on('message', (d) => {
      const m = JSON.parse(String(d));
      this.msgs.push(m);
      if (m.type === 'turn' && this.autoplay) {
        setTimeout(() => {
          if (ws.readyState === WebSocket.OPEN)
            ws.send(
              JSON.stringify(
                this.opts.text !== undefined
                  ? {
                      type: 'action',
                      matchId: m.matchId,
                      step: m.step,
                      text: this.opts.text,
                      transcript: { prompt: [{ role: 'user', content: m.text || 'turn' }], completion: this.opts.text },
                    }
                  : { type: 'action', matchId: m.matchId, step: m.step, action: this.opts.action ?? 'C' },
              ),
            );
        }, this.opts.thinkMs ?? 0);
      }
    });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    const before = this.msgs.length;
    this.send({ type: 'auth', token: this.token, ...(this.opts.text !== undefined ? { observation: 'text' } : {}) });
    return until('welcome', () => this.msgs.slice(before).find((m) => m.type === 'welcome'));
  }

  send(msg: unknown): void {
    this.ws.send(JSON.stringify(msg));
  }

  close(): void {
    this.ws.close();
  }

  /** The first message after index `from` that satisfies `pred`. */
  wait(what: string, pred: (m: any) => boolean, timeoutMs = 20_000, from = 0): Promise<any> {
    return until(what, () => this.msgs.slice(from).find(pred), timeoutMs);
  }

  turns(matchId: string): number {
    return this.msgs.filter((m) => m.type === 'turn' && m.matchId === matchId).length;
  }
}
