/**
 * Boot: one http.Server on one port carrying the NestJS API (/api, OpenAPI at /api/docs), the
 * arena UI (/), Colyseus rooms and the /bot JSON WebSocket gateway (server/live), over one store
 * (embedded PGlite by default, Postgres with DATABASE_URL). Also registers every built-in agent,
 * makes sure an admin token exists, and starts the scheduled demo league.
 *
 * `startArena` is what `ludus start` and the boot tests call; it returns a handle whose `close()`
 * shuts everything down in reverse order (the CLI wires it to SIGINT/SIGTERM).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApi, type Api } from './api/app.ts';
import { builtinSpecs, defaultCatalog, type GameCatalog } from './api/catalog.ts';
import type { ApiDeps } from './api/deps.ts';
import { ExploitabilityCache } from './api/exploitability.ts';
import type { ArenaConfig } from './config.ts';
import { League, type StartMatch } from './league/league.ts';
import { agentResolver } from './league/resolve.ts';
import { BOT_PATH, startLive, type LiveHandle, type LiveOptions } from './live/index.ts';
import { MatchService } from './live/service.ts';
import { Store } from './store/store.ts';
import { mountUi, type UiHandle } from './ui.ts';

export interface ArenaOptions {
  catalog?: GameCatalog;
  log?: (line: string) => void;
  /** Start live play (Colyseus + /bot); default true. */
  live?: boolean;
  /** Extra options for live play (timing, matchmaking…), e.g. a short filler wait in tests. */
  liveOptions?: Omit<LiveOptions, 'server' | 'store' | 'log' | 'resolveAgent'>;
}

export interface Arena {
  port: number;
  /** Base URL, e.g. http://localhost:2567 */
  url: string;
  urls: Record<string, string>;
  store: Store;
  live: LiveHandle | undefined;
  league: League | undefined;
  /** Set only when this boot generated the admin token (print it once). */
  generatedAdminToken?: string;
  close(): Promise<void>;
}

export async function startArena(config: ArenaConfig, opts: ArenaOptions = {}): Promise<Arena> {
  const log = opts.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const catalog = opts.catalog ?? defaultCatalog;
  const store = await Store.open({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? undefined : config.pgliteDir, schema: config.schema });
  const cleanups: (() => Promise<unknown> | unknown)[] = [() => store.close()];
  const close = async () => {
    for (const c of cleanups.reverse().splice(0)) {
      try {
        await c();
      } catch (e) {
        log(`shutdown: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  };
  try {
    const synced = await store.syncBuiltins(builtinSpecs(catalog));
    if (synced.added.length) log(`store: registered ${synced.added.length} built-in agents (${synced.added.join(', ')})`);
    const { generated } = await store.ensureAdminToken(config.adminToken);

    const server = http.createServer();
    let live: LiveHandle | undefined;
    let league: League | undefined;
    let urls: Record<string, string> = {};
    let ui: UiHandle | undefined;
    const deps: ApiDeps = {
      store,
      catalog,
      live: () => live,
      league: () => league?.status() ?? (config.league.enabled ? undefined : { enabled: false, intervalSeconds: config.league.intervalSeconds, rounds: 0, matches: 0, running: false }),
      exploitability: new ExploitabilityCache(catalog),
      urls: () => urls,
      log,
    };
    const api: Api = await createApi(deps, { homePage: () => homePage(urls) });
    cleanups.push(() => api.app.close());
    server.on('request', api.handler);
    cleanups.push(
      () =>
        new Promise<void>((ok) => {
          if (!server.listening) return ok();
          server.close(() => ok());
          server.closeAllConnections();
        }),
    );

    if (config.ui) {
      try {
        ui = await mountUi(server);
        cleanups.push(() => ui?.unmount());
      } catch (e) {
        log(`ui: not served (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); a plain page lists the URLs`);
      }
    }

    const resolve = agentResolver(store, catalog);
    if (opts.live ?? true) {
      live = await startLive({ ...(config.journalDir !== undefined ? { journalDir: config.journalDir } : {}), ...opts.liveOptions, server, store, log, resolveAgent: resolve });
      cleanups.push(() => live?.close());
    }

    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(config.port, config.host, () => {
        server.off('error', fail);
        ok();
      });
    });
    const port = (server.address() as AddressInfo).port;
    const base = (config.publicUrl ?? `http://localhost:${port}`).replace(/\/$/, '');
    urls = {
      ui: `${base}/`,
      api: `${base}/api`,
      docs: `${base}/api/docs`,
      bot: `${base.replace(/^http/, 'ws')}${BOT_PATH}`,
      colyseus: base.replace(/^http/, 'ws'),
    };

    if (config.league.enabled) {
      // The league's matches go through the match service; without live play, a service of its own.
      let startMatch: StartMatch;
      if (live) startMatch = live.startMatch;
      else {
        const service = new MatchService({ store, resolveAgent: resolve, log });
        startMatch = (req) => service.play(req);
        cleanups.push(() => service.close());
      }
      league = new League({ store, catalog, startMatch, intervalSeconds: config.league.intervalSeconds, matchesPerGame: config.league.matchesPerGame, log });
      league.start();
      cleanups.push(() => league?.stop());
    }

    return {
      port,
      url: base,
      urls,
      store,
      live,
      league,
      ...(generated ? { generatedAdminToken: generated } : {}),
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}

function homePage(urls: Record<string, string>): string {
  const row = (k: string, v: string) => `<li>${k}: <a href="${v}">${v}</a></li>`;
  return `<!doctype html><meta charset="utf-8"><title>Ludus arena</title>
<h1>Ludus arena</h1><ul>${Object.entries(urls).map(([k, v]) => row(k, v)).join('')}</ul>
<p>Register a bot: <code>curl -X POST ${urls.api ?? '/api'}/agents -H 'content-type: application/json' -d '{"name":"mybot","owner":"me","games":["ipd"]}'</code></p>`;
}
