/**
 * `ludus tournament create|list|show|join|withdraw|cancel --url …`: hosted tournaments on a running
 * arena, through its HTTP API (docs/api.md § tournaments). Organiser commands take the admin token
 * (`--token` or LUDUS_ADMIN_TOKEN); `join`/`withdraw` take an agent's token (LUDUS_TOKEN) or the admin
 * token with `--agent`. The rules are built by the same code as the offline `--format` run.
 */
import type { Command } from 'commander';
import { parseConfig } from '../../games/core/kernel.ts';
import { getGame } from '../../games/index.ts';
import { guard, parseNumber, printJson, table, UsageError } from '../output.ts';
import { addGameOptions, gameConfigFrom } from './play.ts';
import { rulesFromOptions } from './tournament.ts';

export interface Remote {
  url?: string;
  token?: string;
}

export async function api(
  o: Remote,
  method: string,
  path: string,
  body?: unknown,
  tokenEnv = 'LUDUS_ADMIN_TOKEN',
): Promise<any> {
  const base = (o.url ?? process.env.LUDUS_URL ?? 'http://localhost:2567')
    .replace(/\/$/, '')
    .replace(/^ws/, 'http')
    .replace(/\/bot$/, '');
  const token = o.token ?? process.env[tokenEnv] ?? process.env.LUDUS_TOKEN;
  let res: Response;
  try {
    res = await fetch(`${base}/api${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch (e) {
    throw new UsageError(`cannot reach ${base}: ${(e as Error).message}`);
  }
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!res.ok)
    throw new UsageError(json?.code ? `${json.code}: ${json.message}` : `HTTP ${res.status}: ${text.slice(0, 200)}`);
  return json ?? text;
}

/**
 * The subcommand's options plus those the parent `tournament` command parsed from the command line
 * (options such as --game, --seed, --json and the game options belong to both; commander gives an
 * option to the parent when both define it).
 */
function merged(cmd: Command): Record<string, any> {
  const out: Record<string, any> = { ...cmd.opts() };
  const parent = cmd.parent!;
  for (const [k, v] of Object.entries(parent.opts())) {
    if (parent.getOptionValueSource(k) === 'cli' && cmd.getOptionValueSource(k) !== 'cli') out[k] = v;
  }
  return out;
}

export function remote(cmd: Command): Command {
  return cmd
    .option('--url <url>', 'the arena (default LUDUS_URL or http://localhost:2567)')
    .option('--token <token>', 'admin or agent token (default LUDUS_ADMIN_TOKEN / LUDUS_TOKEN)')
    .option('--json', 'the API answer as JSON');
}

function printStandings(v: any): void {
  const breaks = [...new Set<string>(v.standings.flatMap((r: any) => Object.keys(r.tiebreaks)))];
  const head = ['rank', 'agent', 'points', 'games', 'won', 'drawn', 'lost', 'forfeits', 'byes', ...breaks];
  const rows = v.standings.map((r: any) => [
    r.rank,
    r.name + (r.withdrawn ? ' (withdrawn)' : ''),
    r.points,
    r.games,
    r.wins,
    r.draws,
    r.losses,
    r.forfeitWins + r.forfeitLosses,
    r.byes,
    ...breaks.map((b) => r.tiebreaks[b] ?? ''),
  ]);
  process.stdout.write(
    `${v.name} (${v.id}): ${v.game}, ${v.rules.format.kind}, ${v.status}; round ${v.round}${v.totalRounds ? ` of ${v.totalRounds}` : ''}; ${v.progress.gamesDone}/${v.progress.gamesScheduled} games\n`,
  );
  if (rows.length) process.stdout.write(table(head, rows) + '\n');
  else process.stdout.write(`entrants: ${v.entrants.map((e: any) => e.name).join(', ') || 'none yet'}\n`);
}

export function registerTournamentRemote(parent: Command): void {
  addGameOptions(
    remote(
      parent
        .command('create')
        .description('create a tournament on a running arena (admin token)')
        .requiredOption('--name <name>', 'its name')
        .option('--rounds <n>', 'Swiss rounds')
        .option('--games-per-pairing <n>', 'games per pairing, seats alternating', '1')
        .option('--duration <s>', 'arena/ladder length in seconds', '600')
        .option('--max-games <n>', 'ladder: stop after this many games')
        .option('--tiebreaks <list>', 'comma-separated tiebreaks, in order')
        .option('--entrants <list>', 'invited agents (ids or names), in seeding order')
        .option('--open', 'open registration until the start')
        .option('--max-entrants <n>', 'cap on entrants')
        .option('--start-in <s>', 'seconds until the start (the registration window)', '0')
        .option('--seed <n>', 'seed (default: from the clock)')
        .option(
          '--cron <expr>',
          'recurring: create this tournament at every occurrence (croner syntax; 6 fields for seconds)',
        )
        .option('--grace <ms>', 'no-show grace: ms a remote entrant has to connect before it forfeits', '60000'),
    ),
  )
    .option('--game <id>', 'game id')
    .option('--format <kind>', 'round-robin, double-round-robin, swiss, elimination, arena, ladder')
    .action((_o, cmd: Command) =>
      guard(async () => {
        const opts = merged(cmd);
        if (!opts.game) throw new UsageError("required option '--game <id>' not specified");
        if (!opts.format) throw new UsageError("required option '--format <kind>' not specified");
        const game = getGame(opts.game);
        const config = parseConfig(game, gameConfigFrom(opts));
        const entrants = opts.entrants
          ? String(opts.entrants)
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean)
          : [];
        const rules = {
          ...rulesFromOptions(opts, Math.max(2, entrants.length)),
          noShowGraceMs: parseNumber('grace', opts.grace, { min: 0, integer: true }),
        };
        const startIn = parseNumber('start-in', opts.startIn, { min: 0, integer: true });
        const common = {
          name: opts.name,
          game: game.id,
          config,
          rules,
          entrants,
          open: Boolean(opts.open),
          ...(opts.maxEntrants
            ? { maxEntrants: parseNumber('max-entrants', opts.maxEntrants, { min: 2, integer: true }) }
            : {}),
        };
        if (opts.cron) {
          const s = await api(opts, 'POST', '/tournaments/schedules', {
            name: opts.name,
            cron: opts.cron,
            template: { ...common, registrationSeconds: startIn },
          });
          if (opts.json) return printJson(s);
          return void process.stdout.write(`schedule ${s.id}: "${s.name}" at ${s.cron}; next ${s.nextFireAt}\n`);
        }
        const v = await api(opts, 'POST', '/tournaments', {
          ...common,
          startInSeconds: startIn,
          ...(opts.seed !== undefined ? { seed: parseNumber('seed', opts.seed, { min: 0, integer: true }) } : {}),
        });
        if (opts.json) return printJson(v);
        process.stdout.write(`created ${v.id} ("${v.name}"), starts ${v.startsAt}\n`);
      }),
    );

  remote(
    parent
      .command('list')
      .description('tournaments on a running arena')
      .option('--status <s>', 'registration, running, finished or cancelled'),
  ).action((_o, cmd: Command) =>
    guard(async () => {
      const opts = merged(cmd);
      const r = await api(
        opts,
        'GET',
        `/tournaments?limit=100${opts.status ? `&status=${encodeURIComponent(opts.status)}` : ''}`,
      );
      if (opts.json) return printJson(r);
      process.stdout.write(
        table(
          ['id', 'name', 'game', 'format', 'status', 'entrants', 'games'],
          r.items.map((v: any) => [
            v.id,
            v.name,
            v.game,
            v.rules.format.kind,
            v.status,
            v.entrants.length,
            `${v.progress.gamesDone}/${v.progress.gamesScheduled}`,
          ]),
        ) + '\n',
      );
    }),
  );

  remote(
    parent
      .command('show <id>')
      .description('standings of a tournament on a running arena')
      .option('--csv', 'the standings as CSV'),
  ).action((id, _o, cmd: Command) =>
    guard(async () => {
      const opts = merged(cmd);
      if (opts.csv)
        return void process.stdout.write(
          await api(opts, 'GET', `/tournaments/${encodeURIComponent(id)}/export?format=csv`),
        );
      const v = await api(opts, 'GET', `/tournaments/${encodeURIComponent(id)}`);
      if (opts.json) return printJson(v);
      printStandings(v);
    }),
  );

  for (const [name, what] of [
    ['join', 'enter an open tournament (agent token; or admin token with --agent)'],
    ['withdraw', 'leave a tournament (agent token; or admin token with --agent)'],
  ] as const) {
    remote(
      parent
        .command(`${name} <id>`)
        .description(what)
        .option('--agent <agent>', 'with the admin token: the agent (id or name)'),
    ).action((id, _o, cmd: Command) =>
      guard(async () => {
        const opts = merged(cmd);
        const v = await api(
          opts,
          'POST',
          `/tournaments/${encodeURIComponent(id)}/${name}`,
          opts.agent ? { agent: opts.agent } : {},
          'LUDUS_TOKEN',
        );
        if (opts.json) return printJson(v);
        process.stdout.write(
          `${name === 'join' ? 'joined' : 'withdrew from'} ${v.id} ("${v.name}"); ${v.entrants.length} entrants\n`,
        );
      }),
    );
  }

  remote(parent.command('cancel <id>').description('cancel a tournament (admin token)')).action(
    (id, _o, cmd: Command) =>
      guard(async () => {
        const opts = merged(cmd);
        const v = await api(opts, 'POST', `/tournaments/${encodeURIComponent(id)}/cancel`);
        if (opts.json) return printJson(v);
        process.stdout.write(`cancelled ${v.id}\n`);
      }),
  );
}
