/**
 * Test harness for live play: a real HTTP server on a random loopback port with `startLive` on it,
 * the in-memory store, and a raw JSON WebSocket bot that records every frame it receives.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import { startLive, type LiveHandle, type LiveOptions } from '../../server/live/index.ts';
import { MemoryLiveStore } from '../../server/store/memory-live-store.ts';

export interface LiveTestServer {
  http: Server;
  store: MemoryLiveStore;
  live: LiveHandle;
  port: number;
  botUrl: string;
  close(): Promise<void>;
}

export async function bootLive(
  opts: Partial<Omit<LiveOptions, 'server' | 'store'>> = {},
  store = new MemoryLiveStore(),
): Promise<LiveTestServer> {
  const http = createServer((_req, res) => {
    // Stands in for the HTTP API: every non-Colyseus request lands here.
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('api');
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const port = (http.address() as AddressInfo).port;
  const live = await startLive({ server: http, store, ...opts });
  return {
    http,
    store,
    live,
    port,
    botUrl: `ws://127.0.0.1:${port}/bot`,
    async close() {
      await live.close();
      http.closeAllConnections();
      await new Promise<void>((r) => http.close(() => r()));
    },
  };
}

export type Msg = { type: string; [k: string]: any };

/** A bot speaking the raw protocol, with an inbox that tests pick messages from. */
export class RawBot {
  readonly inbox: Msg[] = [];
  readonly seen: Msg[] = [];
  private waiters: { pred: (m: Msg) => boolean; resolve: (m: Msg) => void }[] = [];
  closed = false;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const m = JSON.parse(data.toString()) as Msg;
      this.seen.push(m);
      const i = this.waiters.findIndex((w) => w.pred(m));
      if (i >= 0) this.waiters.splice(i, 1)[0]!.resolve(m);
      else this.inbox.push(m);
    });
    ws.on('close', () => (this.closed = true));
  }

  static async connect(url: string): Promise<RawBot> {
    const ws = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new RawBot(ws);
  }

  /** Connect and authenticate; resolves with the welcome message. */
  static async login(url: string, token: string): Promise<{ bot: RawBot; welcome: Msg }> {
    const bot = await RawBot.connect(url);
    bot.send({ type: 'auth', token });
    const welcome = await bot.next('welcome');
    return { bot, welcome };
  }

  send(msg: unknown): void {
    this.ws.send(JSON.stringify(msg));
  }

  sendRaw(text: string): void {
    this.ws.send(text);
  }

  /** The next message of a type (or matching a predicate), waiting up to `timeoutMs`. */
  next(which: string | ((m: Msg) => boolean), timeoutMs = 5000): Promise<Msg> {
    const pred = typeof which === 'string' ? (m: Msg) => m.type === which : which;
    const i = this.inbox.findIndex(pred);
    if (i >= 0) return Promise.resolve(this.inbox.splice(i, 1)[0]!);
    return new Promise((resolve, reject) => {
      const w = { pred, resolve: (m: Msg) => (clearTimeout(t), resolve(m)) };
      const t = setTimeout(() => {
        this.waiters = this.waiters.filter((x) => x !== w);
        reject(
          new Error(
            `timed out waiting for ${typeof which === 'string' ? which : 'a message'}; inbox: ${JSON.stringify(this.inbox.map((m) => m.type))}`,
          ),
        );
      }, timeoutMs);
      this.waiters.push(w);
    });
  }

  /** Answer every turn with `policy` until the result arrives; returns the result. */
  async play(matchId: string, policy: (turn: Msg) => unknown): Promise<Msg> {
    for (;;) {
      const m = await this.next((x) => x.matchId === matchId && (x.type === 'turn' || x.type === 'result'));
      if (m.type === 'result') return m;
      this.send({ type: 'action', matchId, step: m.step, action: policy(m) });
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await new Promise<void>((r) => {
      this.ws.once('close', () => r());
      this.ws.close();
    });
  }

  /** Drop the TCP connection without a closing handshake (a crash or a network cut). */
  kill(): void {
    this.ws.terminate();
  }
}
