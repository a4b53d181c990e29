/**
 * Boots Colyseus 0.18 on an HTTP server that other parts already use (NestJS on the same port):
 *   - WebSocket upgrades: the transport only takes room paths (`/<processId>/<roomId>`), so /bot and
 *     anything else are left to their own handlers;
 *   - HTTP: only `/matchmake/*` goes to Colyseus's matchmaking handler; every other request reaches
 *     the server's own `request` listeners (the API), whatever order they were added in.
 */
import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import { createAuthContext, matchMaker, type Presence, Server as ColyseusServer } from '@colyseus/core';
import { setTransport } from '@colyseus/core/Transport';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { WebSocket as WsWebSocket } from 'ws';
import { MatchRoom, ROOM_NAME } from './rooms.ts';

// @colyseus/core 0.18 reads the global `WebSocket.OPEN` when a client reconnects to its room, a
// global that Node has only from version 22. On Node 20 every SDK reconnection would fail with
// "WebSocket is not defined" (test/server/rooms.test.ts catches it); `ws` provides the same constants.
if (typeof (globalThis as { WebSocket?: unknown }).WebSocket === 'undefined') {
  (globalThis as { WebSocket?: unknown }).WebSocket = WsWebSocket;
}

const ROOM_PATH = /^\/[a-zA-Z0-9_-]+\/[a-zA-Z0-9_-]+$/;

function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

/** True for the WebSocket upgrades Colyseus's transport takes: room paths (`/<processId>/<roomId>`), never /api/. */
export function isRoomUpgrade(req: IncomingMessage): boolean {
  const path = pathOf(req);
  return ROOM_PATH.test(path) && !path.startsWith('/api/');
}

/** HTTP status for a join refusal; the message starts with our error code (e.g. 'UNAUTHORIZED: ...'). */
function statusOf(message: string): number {
  const code = /^([A-Z_]+):/.exec(message)?.[1];
  return code === 'UNAUTHORIZED'
    ? 401
    : code === 'NOT_YOUR_SEAT'
      ? 403
      : code === 'UNKNOWN_MATCH'
        ? 404
        : code === 'RATE_LIMITED'
          ? 429
          : 400;
}

/**
 * POST /matchmake/<method>/<room>: Colyseus's seat reservation, answered by us so that a refused join
 * always comes back as `{ code, error }` with a real HTTP status (the SDK reports both).
 */
async function matchmake(req: IncomingMessage, res: ServerResponse, transport: WebSocketTransport): Promise<void> {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
  const cors = { ...matchMaker.controller.DEFAULT_CORS_HEADERS, ...matchMaker.controller.getCorsHeaders(headers) };
  const reply = (status: number, body: unknown) => {
    res.writeHead(status, { ...cors, 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  if (req.method === 'OPTIONS') {
    res.writeHead(204, cors);
    res.end();
    return;
  }
  const m = /^\/matchmake\/(\w+)\/([a-zA-Z0-9_-]+)$/.exec(pathOf(req));
  if (req.method !== 'POST' || !m) return reply(404, { code: 404, error: 'not found' });
  let body: unknown = {};
  try {
    let text = '';
    for await (const chunk of req) {
      text += chunk;
      if (text.length > 64 * 1024) return reply(413, { code: 413, error: 'request body too large' });
    }
    body = text ? JSON.parse(text) : {};
  } catch {
    return reply(400, { code: 400, error: 'SCHEMA: the body is not JSON' });
  }
  try {
    const reservation = await matchMaker.controller.invokeMethod(
      m[1]!,
      m[2]!,
      body,
      createAuthContext({ headers, remoteAddress: req.socket.remoteAddress, req }),
    );
    const t = transport as unknown as { protocol?: unknown; fingerprint?: unknown };
    reply(200, {
      ...reservation,
      ...(t.protocol !== undefined ? { protocol: t.protocol } : {}),
      ...(t.fingerprint !== undefined ? { fingerprint: t.fingerprint } : {}),
    });
  } catch (e) {
    const err = e as { code?: number; message?: string };
    const message = err.message ?? String(e);
    reply(statusOf(message), { code: err.code ?? 500, error: message });
  }
}

export interface ColyseusHandle {
  server: ColyseusServer;
  close(): Promise<void>;
}

/** Multi-process mode: Colyseus's Redis presence and driver, and where each room is created. */
export interface ColyseusCluster {
  presence: Presence;
  driver: matchMaker.MatchMakerDriver;
  /** host:port by which clients reach this process (seat reservations carry it). */
  publicAddress: string;
  /** The process that owns the match a room is for (rooms live with their match). */
  selectProcessIdToCreateRoom: matchMaker.SelectProcessIdCallback;
}

export async function startColyseus(
  http: HttpServer,
  opts: { pingIntervalMs?: number; cluster?: ColyseusCluster } = {},
): Promise<ColyseusHandle> {
  const transport = new WebSocketTransport({
    noServer: true,
    pingInterval: opts.pingIntervalMs ?? 10_000,
    maxPayload: 64 * 1024,
  });
  transport.attachToServer(http, { filter: isRoomUpgrade });
  const server = new ColyseusServer({ transport, greet: false, gracefullyShutdown: false, ...(opts.cluster ?? {}) });
  server.define(ROOM_NAME, MatchRoom).filterBy(['matchId']);
  setTransport(transport);
  await matchMaker.accept();
  // Colyseus (and @colyseus/testing) read the port from the server object; boot may listen after us.
  const notePort = () => {
    const address = http.address();
    if (address && typeof address === 'object') (server as unknown as { port: number }).port = address.port;
  };
  if (http.listening) notePort();
  else http.once('listening', notePort);

  // Route /matchmake/* to Colyseus before the other request listeners see it.
  const originalEmit = http.emit;
  const routedEmit = function (this: HttpServer, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'request') {
      const [req, res] = args as [IncomingMessage, ServerResponse];
      if (pathOf(req).startsWith('/matchmake/')) {
        void matchmake(req, res, transport);
        return true;
      }
    }
    return (originalEmit as (...a: unknown[]) => boolean).call(this, event, ...args);
  } as typeof http.emit;
  http.emit = routedEmit;

  return {
    server,
    async close() {
      if (http.emit === routedEmit) http.emit = originalEmit;
      await server.gracefullyShutdown(false);
      // The transport clears its ping timer on the HTTP server's 'close' event, which never comes when
      // the server never listened (a boot that failed on a busy port): clear it here, or the process
      // cannot exit.
      clearInterval((transport as unknown as { pingInterval?: ReturnType<typeof setInterval> }).pingInterval);
    },
  };
}
