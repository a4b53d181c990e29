/**
 * The demo a fresh `npm start` shows (LUDUS_DEMO, on by default; it replaces the legacy 30-s league,
 * now off unless LUDUS_LEAGUE=on): a recurring double round robin of the five built-in
 * prisoner's-dilemma agents every 5 minutes, and an open Swiss every 15 minutes with a
 * 5-minute registration window that remote bots can join (they get a `tournament-invitation`), both
 * paced (LUDUS_DEMO_PACE_MS a turn, default 200) so the Live page has matches to follow. One of each
 * starts at once on a database that has no tournament yet. Created once per database: the check and
 * the inserts run under an advisory lock, so two servers booting together do not double them.
 *
 * The leaderboard fills by itself: the double round robin gives each built-in DEMO_RR_GAMES = 8
 * rated games (4 opponents × 2 seats), the first event at boot and the next at the following
 * 5-minute mark, so each has ≥ 16 games (Nash averaging and α-Rank need minGames = 10) within
 * about 5 minutes plus one event (10 rounds of 2 paced matches: 30 turns × 200 ms ≈ 6 s a round).
 */
import type { Store } from '../store/store.ts';
import { insertSchedule, listSchedules, type TemplateInput } from './schedules.ts';
import type { TournamentService } from './service.ts';

const LOCK = 73_117_013;
export const DEMO_RR = 'Demo round robin';
export const DEMO_SWISS = 'Open Swiss';
/** The built-ins of the demo round robin, and the rated games each plays per event (double round robin). */
export const DEMO_FIELD = ['tft', 'alld', 'wsls', 'gtft', 'random'];
/** The games the demo tournaments fill; the demo's league plays every other game (server/main.ts). */
export const DEMO_TOURNAMENT_GAMES: readonly string[] = ['ipd'];
export const DEMO_RR_GAMES = 2 * (DEMO_FIELD.length - 1);

export async function ensureDemo(
  tours: TournamentService,
  store: Store,
  opts: { paceMs: number; log?: (line: string) => void },
): Promise<void> {
  const builtins = (await store.listAgents({ game: 'ipd', kind: 'builtin', limit: 100, offset: 0 })).items;
  const pick = (refs: string[]) =>
    refs.map((r) => builtins.find((a) => (a.ref ?? a.name) === r)?.id).filter((x): x is string => x !== undefined);
  const field = pick(DEMO_FIELD);
  if (field.length < 2) return;
  const config = { turns: 30 };
  const rr: TemplateInput = {
    name: DEMO_RR,
    game: 'ipd',
    config,
    rules: {
      format: { kind: 'round-robin', cycles: 2 },
      gamesPerPairing: 1,
      noShowGraceMs: 60_000,
      maxForfeits: 2,
      maxReplays: 3,
    },
    entrants: field,
    open: false,
    registrationSeconds: 0,
    pacedMs: opts.paceMs,
  };
  const swiss: TemplateInput = {
    name: DEMO_SWISS,
    game: 'ipd',
    config,
    rules: {
      format: { kind: 'swiss', rounds: 3 },
      gamesPerPairing: 1,
      noShowGraceMs: 30_000,
      maxForfeits: 2,
      maxReplays: 3,
    },
    entrants: field.slice(0, 3),
    open: true,
    maxEntrants: 32,
    registrationSeconds: 300,
    pacedMs: opts.paceMs,
  };
  const fresh = await store.db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK]);
    const names = new Set((await listSchedules(tx)).map((s) => s.name));
    const now = new Date();
    if (!names.has(DEMO_RR)) await insertSchedule(tx, DEMO_RR, '0 */5 * * * *', rr, now);
    if (!names.has(DEMO_SWISS)) await insertSchedule(tx, DEMO_SWISS, '0 */15 * * * *', swiss, now);
    const [n] = await tx.query<{ n: unknown }>('SELECT count(*) AS n FROM tournaments');
    return Number(n?.n ?? 0) === 0 && !names.has(DEMO_RR);
  });
  if (!fresh) return;
  const now = Date.now();
  await tours.create({
    name: `${DEMO_RR} (first)`,
    game: 'ipd',
    config,
    rules: rr.rules,
    entrants: field,
    pacedMs: opts.paceMs,
  });
  await tours.create({
    name: `${DEMO_SWISS} (first)`,
    game: 'ipd',
    config,
    rules: swiss.rules,
    entrants: field.slice(0, 3),
    open: true,
    maxEntrants: 32,
    startsAt: new Date(now + 120_000),
    pacedMs: opts.paceMs,
  });
  opts.log?.(
    `tournaments: demo ready: "${DEMO_RR}" (double) every 5 min, "${DEMO_SWISS}" every 15 min (open; the first starts in 2 min), ${opts.paceMs} ms a turn`,
  );
}
