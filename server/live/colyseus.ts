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
import { ERRORS, isErrorCode, type ErrorCode } from '../errors.ts';

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

/**
 * Colyseus's own matchmaking error codes (@colyseus/shared-types `ErrorCode`) in our vocabulary: a
 * refusal that Colyseus raises itself (no such room type, a room id that is gone, a bad payload) is
 * answered with the same code as every other refusal.
 */
const COLYSEUS_CODES: Record<number, ErrorCode> = {
  520: 'NOT_FOUND', // MATCHMAKE_NO_HANDLER: no room type of that name
  521: 'SCHEMA', // MATCHMAKE_INVALID_CRITERIA
  522: 'UNKNOWN_MATCH', // MATCHMAKE_INVALID_ROOM_ID: the room (its match) is gone
  523: 'INTERNAL', // MATCHMAKE_UNHANDLED
  524: 'UNKNOWN_MATCH', // MATCHMAKE_EXPIRED: the seat reservation lapsed
  525: 'UNAUTHORIZED', // AUTH_FAILED
  526: 'INTERNAL', // APPLICATION_ERROR
  4217: 'SCHEMA', // INVALID_PAYLOAD
};

/**
 * A refusal of `/matchmake` in the join-refusal form of docs/protocol.md: HTTP status of the code, body
 * `{ code: 4000 + status, error: 'CODE: message' }` (the shape Colyseus's SDK reads, with the code of our
 * vocabulary leading the message, as a refused room join has it).
 */
function refusal(code: ErrorCode, message: string): { status: number; body: { code: number; error: string } } {
  const status = ERRORS[code].status;
  return { status, body: { code: 4000 + status, error: `${code}: ${message}` } };
}

/** A thrown join refusal in our vocabulary: our own (`CODE: message`) as it is, Colyseus's mapped, anything else INTERNAL. */
function refusalOf(e: unknown): { status: number; body: { code: number; error: string } } {
  const err = e as { code?: unknown; message?: unknown };
  const message = typeof err?.message === 'string' ? err.message : String(e);
  const ours = /^([A-Z_]+): ([\s\S]*)$/.exec(message);
  if (ours && isErrorCode(ours[1])) return refusal(ours[1], ours[2]!);
  const mapped = typeof err?.code === 'number' ? COLYSEUS_CODES[err.code] : undefined;
  return refusal(mapped ?? 'INTERNAL', mapped ? message : 'the seat reservation failed');
}

/**
 * POST /matchmake/<method>/<room>: Colyseus's seat reservation, answered by us so that every refusal
 * comes back in our vocabulary with a real HTTP status (refusal above; the SDK reports both).
 */
async function matchmake(
  req: IncomingMessage,
  res: ServerResponse,
  transport: WebSocketTransport,
  log: (line: string) => void,
): Promise<void> {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
  const cors = { ...matchMaker.controller.DEFAULT_CORS_HEADERS, ...matchMaker.controller.getCorsHeaders(headers) };
  const reply = (status: number, body: unknown) => {
    res.writeHead(status, {
      ...cors,
      'content-type': 'application/json',
      ...(status === 405 ? { allow: 'POST, OPTIONS' } : {}),
    });
    res.end(JSON.stringify(body));
  };
  const refuse = (r: { status: number; body: unknown }) => reply(r.status, r.body);
  if (req.method === 'OPTIONS') {
    res.writeHead(204, cors);
    res.end();
    return;
  }
  const m = /^\/matchmake\/(\w+)\/([a-zA-Z0-9_-]+)$/.exec(pathOf(req));
  if (!m) return refuse(refusal('NOT_FOUND', 'no such route: POST /matchmake/<method>/<room>'));
  if (req.method !== 'POST')
    return refuse(refusal('METHOD_NOT_ALLOWED', `${req.method} is not allowed here: POST /matchmake/<method>/<room>`));
  let body: unknown = {};
  try {
    let text = '';
    for await (const chunk of req) {
      text += chunk;
      if (text.length > MATCHMAKE_BODY_LIMIT)
        return refuse(refusal('TOO_LARGE', `the body is larger than ${MATCHMAKE_BODY_LIMIT} bytes`));
    }
    body = text ? JSON.parse(text) : {};
  } catch {
    return refuse(refusal('BAD_JSON', 'the body is not JSON'));
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return refuse(refusal('BAD_JSON', 'the body is not a JSON object'));
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
    const r = refusalOf(e);
    if (r.body.code === 4500) log(`matchmake: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    refuse(r);
  }
}

/** Largest /matchmake body (join options are a few hundred bytes). */
const MATCHMAKE_BODY_LIMIT = 64 * 1024;

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
  opts: { pingIntervalMs?: number; cluster?: ColyseusCluster; log?: (line: string) => void } = {},
): Promise<ColyseusHandle> {
  const log = opts.log ?? (() => {});
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
      const path = pathOf(req);
      if (path === '/matchmake' || path.startsWith('/matchmake/')) {
        void matchmake(req, res, transport, log);
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
