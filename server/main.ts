/**
 * Boot: one http.Server on one port carrying the NestJS API (/api, OpenAPI at /api/docs), the
 * arena UI (/), Colyseus rooms and the /bot JSON WebSocket gateway (server/live), over one store
 * (embedded PGlite by default, Postgres with DATABASE_URL). Also registers every built-in agent,
 * makes sure an admin token exists, and sets up the demo tournaments (server/tournament/demo.ts;
 * the legacy league of server/league/ only with LUDUS_LEAGUE=on).
 *
 * `startArena` is what `ludus start` and the boot tests call; it returns a handle whose `close()`
 * shuts everything down in reverse order (the CLI wires it to SIGINT/SIGTERM).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApi, type Api } from './api/app.ts';
import { builtinSpecs, defaultCatalog, type GameCatalog } from './catalog.ts';
import type { ApiDeps } from './api/deps.ts';
import { ExploitabilityCache } from './api/exploitability.ts';
import type { ArenaConfig } from './config.ts';
import { League, type StartMatch } from './league/league.ts';
import { agentResolver } from './league/resolve.ts';
import { BOT_PATH, startLive, type LiveHandle, type LiveOptions } from './live/index.ts';
import { MatchService } from './live/service.ts';
import { Store } from './store/store.ts';
import { JobQueue } from './tournament/queue.ts';
import { TournamentService } from './tournament/service.ts';
import { TournamentNotifier } from './tournament/notify.ts';
import { DEMO_TOURNAMENT_GAMES, ensureDemo } from './tournament/demo.ts';
import { EvaluationService } from './evaluation/service.ts';
import { ensureDemoAttacks } from './evaluation/demo.ts';
import { mountUi, type UiHandle } from './ui.ts';
import type { HttpRateLimits } from './api/rate-limits.ts';
import { ArenaMetrics } from './metrics.ts';
import { AuthFailureLimiter } from './auth-failures.ts';

export interface ArenaOptions {
  catalog?: GameCatalog;
  log?: (line: string) => void;
  /** Start live play (Colyseus + /bot); default true. */
  live?: boolean;
  /** Extra options for live play (timing, matchmaking…), e.g. a short filler wait in tests. */
  liveOptions?: Omit<LiveOptions, 'server' | 'store' | 'log' | 'resolveAgent'>;
  /** HTTP rate limits (default DEFAULT_HTTP_RATE_LIMITS in server/api/rate-limits.ts). */
  rateLimits?: HttpRateLimits;
  /** Readiness checks beside the database's, e.g. the job queue's backlog (ApiDeps.readiness, GET /api/health/ready). */
  readiness?: ApiDeps['readiness'];
}

export interface Arena {
  port: number;
  /** Base URL, e.g. http://localhost:2567 */
  url: string;
  urls: Record<string, string>;
  store: Store;
  /** Failed authentications per address, one policy for every transport (HTTP counts into it; /bot may). */
  authFailures: AuthFailureLimiter;
  /** Prometheus metrics (GET /metrics); the live layer may feed it more (metrics.ts). */
  metrics: ArenaMetrics;
  live: LiveHandle | undefined;
  league: League | undefined;
  tournaments: TournamentService | undefined;
  /** Set only when this boot generated the admin token (print it once). */
  generatedAdminToken?: string;
  close(): Promise<void>;
}

export async function startArena(config: ArenaConfig, opts: ArenaOptions = {}): Promise<Arena> {
  const log = opts.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const catalog = opts.catalog ?? defaultCatalog;
  const store = await Store.open({
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : config.pgliteDir,
    schema: config.schema,
  });
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
    if (synced.added.length)
      log(`store: registered ${synced.added.length} built-in agents (${synced.added.join(', ')})`);
    const { generated } = await store.ensureAdminToken(config.adminToken);

    const authFailures = new AuthFailureLimiter(opts.rateLimits?.authFailures);
    cleanups.push(() => authFailures.close());
    const server = http.createServer();
    let live: LiveHandle | undefined;
    let league: League | undefined;
    let urls: Record<string, string> = {};
    let ui: UiHandle | undefined;
    let queue: JobQueue | undefined;
    let tournaments: TournamentService | undefined;
    let evaluations: EvaluationService | undefined;
    const readiness: NonNullable<ApiDeps['readiness']> = { ...opts.readiness };
    const deps: ApiDeps = {
      tournaments: () => tournaments,
      evaluations: () => evaluations,
      store,
      catalog,
      live: () => live,
      league: () =>
        league?.status() ??
        (config.league.enabled
          ? undefined
          : { enabled: false, intervalSeconds: config.league.intervalSeconds, rounds: 0, matches: 0, running: false }),
      exploitability: new ExploitabilityCache(catalog),
      authFailures,
      // Filled as parts start: the job queue adds its check once it runs (tournaments on).
      readiness,
      urls: () => urls,
      log,
    };
    const metrics = new ArenaMetrics();
    const api: Api = await createApi(deps, { homePage: () => homePage(urls), rateLimits: opts.rateLimits, metrics });
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
        log(
          `ui: not served (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); a plain page lists the URLs`,
        );
      }
    }

    const resolve = agentResolver(store, catalog);
    // Live play commits through a view of the store whose commitMatch is timed and counted.
    const timedStore: Store = Object.create(store, {
      commitMatch: {
        value: (m: Parameters<Store['commitMatch']>[0]) => metrics.timeCommit(m, () => store.commitMatch(m)),
      },
    });
    if (opts.live ?? true) {
      const c = config.cluster;
      live = await startLive({
        ...(c
          ? {
              cluster: {
                redisUrl: c.redisUrl,
                leaseMs: c.leaseMs,
                publicAddress: c.publicAddress ?? publicAddress(config),
                ...(c.prefix ? { prefix: c.prefix } : {}),
              },
            }
          : {}),
        ...(config.journalDir !== undefined ? { journalDir: config.journalDir } : {}),
        ...opts.liveOptions,
        server,
        store: timedStore,
        log,
        resolveAgent: resolve,
        catalog,
      });
      const view = live;
      metrics.setLiveView(() => view.service.liveMatches()); // this process's (each process is scraped)
      metrics.setConnections(() => view.connections());
      metrics.setLiveHealth(
        () => view.commitBacklog(),
        () => view.service.stalledMs(),
      );
      // Readiness reports the commit backlog (results parked in the journal until the database takes them).
      readiness.commits = async () => ({
        backlog: view.commitBacklog(),
        stalledMs: Math.round(view.service.stalledMs()),
      });
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

    // League and tournament matches go through the match service; without live play, a service of its own.
    let ownService: MatchService | undefined;
    const startMatch: StartMatch = live
      ? live.startMatch
      : (req) => {
          if (!ownService) {
            ownService = new MatchService({ store: timedStore, catalog, resolveAgent: resolve, log });
            cleanups.push(() => ownService?.close());
          }
          return ownService.play(req);
        };
    if (config.tournaments?.enabled || config.evaluations?.enabled) {
      queue = new JobQueue(store.db, {
        schema: config.schema ? `${config.schema}_boss` : 'pgboss',
        pollingIntervalSeconds: config.tournaments?.pollSeconds ?? 1,
        log,
      });
      await queue.start();
      cleanups.push(() => queue?.stop());
      const q = queue;
      readiness.queue = () => q.health();
    }
    if (queue && config.evaluations?.enabled) {
      const playing = (id: string) => live?.liveMatches().some((m) => m.seats.some((s) => s.agentId === id)) ?? false;
      evaluations = new EvaluationService({
        store,
        queue,
        catalog,
        startMatch,
        isOnline: (id) => live?.service.isOnline(id) ?? false,
        isPlaying: playing,
        log,
        leaseMs: config.evaluations.leaseMs,
        snapshotSeconds: config.evaluations.snapshotSeconds,
        arenaGapMs: config.evaluations.arenaGapMs,
      });
      await evaluations.start();
      cleanups.push(() => evaluations?.stop());
      if (config.demo?.enabled && config.demo.attacks !== false) await ensureDemoAttacks(evaluations, store, { log });
    }
    if (queue && config.tournaments?.enabled) {
      tournaments = new TournamentService({
        store,
        queue,
        startMatch,
        isOnline: (id) => live?.service.isOnline(id) ?? false,
        log,
        leaseMs: config.tournaments.leaseMs,
        jobExpireSeconds: config.tournaments.jobExpireSeconds,
      });
      await tournaments.start();
      cleanups.push(() => tournaments?.stop());
      if (live) {
        const notifier = new TournamentNotifier(tournaments, store, live.service, log);
        live.setTournaments(notifier);
        cleanups.push(() => {
          live?.setTournaments(undefined);
          notifier.close();
        });
      }
      if (config.demo?.enabled) await ensureDemo(tournaments, store, { paceMs: config.demo.paceMs, log });
    }

    // The demo fills the ipd board with tournaments; every other game (public goods has more than two seats,
    // which tournaments do not host) keeps the 30-s league, so each leaderboard fills by itself.
    const demoLeague = !config.league.enabled && config.demo?.enabled && tournaments !== undefined;
    if (config.league.enabled || demoLeague) {
      const games = demoLeague
        ? catalog
            .games()
            .map((g) => g.id)
            .filter((id) => !DEMO_TOURNAMENT_GAMES.includes(id))
        : undefined;
      league = new League({
        store,
        catalog,
        startMatch,
        intervalSeconds: config.league.intervalSeconds,
        matchesPerGame: config.league.matchesPerGame,
        log,
        ...(games ? { games } : {}),
      });
      league.start();
      cleanups.push(() => league?.stop());
    }

    return {
      port,
      url: base,
      urls,
      store,
      metrics,
      authFailures,
      live,
      league,
      tournaments,
      ...(generated ? { generatedAdminToken: generated } : {}),
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}

/** host:port by which clients reach this process: LUDUS_PUBLIC_URL's host, else HOST, with PORT. */
function publicAddress(config: ArenaConfig): string {
  if (config.publicUrl) return new URL(config.publicUrl).host;
  if (config.port === 0)
    throw new Error(
      'multi-process mode needs a fixed PORT (or LUDUS_PUBLIC_ADDRESS): clients are sent to this process',
    );
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  return `${host}:${config.port}`;
}

function homePage(urls: Record<string, string>): string {
  const row = (k: string, v: string) => `<li>${k}: <a href="${v}">${v}</a></li>`;
  return `<!doctype html><meta charset="utf-8"><title>Ludus arena</title>
<h1>Ludus arena</h1><ul>${Object.entries(urls)
    .map(([k, v]) => row(k, v))
    .join('')}</ul>
<p>Register a bot: <code>curl -X POST ${urls.api ?? '/api'}/agents -H 'content-type: application/json' -d '{"name":"mybot","owner":"me","games":["ipd"]}'</code></p>`;
}
