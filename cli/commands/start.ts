/**
 * `ludus start` (what `npm start` runs) and its alias `ludus serve`: boot the arena server
 * (server/main.ts): HTTP API + OpenAPI, arena UI, Colyseus rooms and the /bot gateway on one port,
 * embedded PGlite unless DATABASE_URL is set, and the demo tournaments (the legacy league with
 * --league or LUDUS_LEAGUE=on). Settings come from
 * the environment (server/config.ts); flags override the common ones.
 */
import type { Command } from 'commander';
import { ConfigError, configFromEnv } from '../../server/config.ts';
import { guard, parseNumber, printJson, UsageError } from '../output.ts';

export function registerStart(program: Command): void {
  for (const name of ['start', 'serve']) {
    program
      .command(name)
      .description(
        name === 'start'
          ? 'start the arena server (API, UI, bot gateway, demo tournaments); see docs/api.md'
          : 'alias of start',
      )
      .option('--port <n>', 'port (default PORT or 2567)')
      .option('--league', 'also run the legacy 30-s league of every game (LUDUS_LEAGUE=on; off by default)')
      .option('--no-league', 'do not run the legacy league (the default)')
      .option('--league-interval <s>', 'seconds between league rounds (default 30)')
      .option('--json', 'print the start-up facts as one JSON line instead of text')
      .action((opts) => guard(() => start(opts)));
  }
}

async function start(opts: {
  port?: string;
  league?: boolean;
  leagueInterval?: string;
  json?: boolean;
}): Promise<void> {
  let config: ReturnType<typeof configFromEnv>;
  try {
    config = configFromEnv();
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  }
  if (opts.port !== undefined) config.port = parseNumber('port', opts.port, { min: 0, max: 65535, integer: true });
  if (opts.league !== undefined) config.league.enabled = opts.league;
  if (opts.leagueInterval !== undefined)
    config.league.intervalSeconds = parseNumber('league-interval', opts.leagueInterval, { min: 1, integer: true });

  const { startArena } = await import('../../server/main.ts'); // NestJS/Colyseus load only for this command
  const { DataDirInUseError } = await import('../../server/store/pglite.ts');
  const log = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
  let arena: Awaited<ReturnType<typeof startArena>>;
  try {
    arena = await startArena(config, { log });
  } catch (e) {
    // Two servers on one data directory or one port: one clear line and exit 2, nothing opened stays open.
    if (e instanceof DataDirInUseError) throw new UsageError(e.message);
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new UsageError(
        `port ${config.port} is already in use (another Ludus server?); choose another with --port or PORT`,
      );
    }
    throw e;
  }
  const facts = {
    urls: arena.urls,
    database: config.databaseUrl ? 'postgres' : `pglite (${config.pgliteDir})`,
    league: config.league.enabled ? `every ${config.league.intervalSeconds}s` : 'off',
    adminToken: arena.generatedAdminToken ?? null,
  };
  // Stop cleanly on a signal (a second one forces the exit); the handlers are in place before anyone can
  // read the URLs and send one.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      log(`${signal} again: exiting without waiting for the shutdown`);
      process.exit(1);
    }
    stopping = true;
    log(`${signal}: shutting down`);
    arena.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  if (opts.json) printJson(facts);
  else {
    const lines = [
      `Ludus arena is up (${facts.database}; league ${facts.league})`,
      `  UI         ${arena.urls.ui}`,
      `  API        ${arena.urls.api}`,
      `  API docs   ${arena.urls.docs}`,
      `  bot        ${arena.urls.bot}   (JSON over WebSocket, docs/protocol.md)`,
      `  Colyseus   ${arena.urls.colyseus}`,
    ];
    if (arena.generatedAdminToken)
      lines.push('', `  admin token (shown once, store it now): ${arena.generatedAdminToken}`);
    process.stdout.write(lines.join('\n') + '\n');
  }
}
