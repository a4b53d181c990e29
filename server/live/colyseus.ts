/**
 * Boots Colyseus 0.18 on an HTTP server that other parts already use (NestJS on the same port):
 *   - WebSocket upgrades: the transport only takes room paths (`/<processId>/<roomId>`), so /bot and
 *     anything else are left to their own handlers;
 *   - HTTP: only `/matchmake/*` goes to Colyseus's matchmaking handler; every other request reaches
 *     the server's own `request` listeners (the API), whatever order they were added in.
 */
import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import { createNodeMatchmakingMiddleware, matchMaker, Server as ColyseusServer } from '@colyseus/core';
import { setTransport } from '@colyseus/core/Transport';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { MatchRoom, ROOM_NAME } from './rooms.ts';

const ROOM_PATH = /^\/[a-zA-Z0-9_-]+\/[a-zA-Z0-9_-]+$/;

function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

export interface ColyseusHandle {
  server: ColyseusServer;
  close(): Promise<void>;
}

export async function startColyseus(http: HttpServer, opts: { pingIntervalMs?: number } = {}): Promise<ColyseusHandle> {
  const transport = new WebSocketTransport({ noServer: true, pingInterval: opts.pingIntervalMs ?? 10_000, maxPayload: 64 * 1024 });
  transport.attachToServer(http, { filter: (req) => ROOM_PATH.test(pathOf(req)) && !pathOf(req).startsWith('/api/') });
  const server = new ColyseusServer({ transport, greet: false, gracefullyShutdown: false });
  server.define(ROOM_NAME, MatchRoom).filterBy(['matchId']);
  setTransport(transport);
  await matchMaker.accept();
  const address = http.address();
  if (address && typeof address === 'object') (server as unknown as { port: number }).port = address.port;

  // Route /matchmake/* to Colyseus before the other request listeners see it.
  const middleware = createNodeMatchmakingMiddleware();
  const originalEmit = http.emit;
  const routedEmit = function (this: HttpServer, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'request') {
      const [req, res] = args as [IncomingMessage, ServerResponse];
      if (pathOf(req).startsWith('/matchmake/')) {
        void middleware(req, res, () => {
          res.writeHead(404, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: 'not found' }));
        });
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
    },
  };
}
