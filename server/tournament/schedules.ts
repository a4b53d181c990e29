/**
 * Recurring tournaments (a nightly league, a round robin every ten minutes): a cron expression
 * (croner; seconds allowed, so tests can use a short interval) and a template of the tournament.
 *
 * Exactly one process fires each occurrence, however many share the database: firing is a
 * compare-and-set on `next_fire_at` (UPDATE … WHERE next_fire_at = <the due time we read>), and the
 * tournament it creates is unique on (schedule_id, fire_at) — a process that loses the race changes
 * nothing. Occurrences missed while every server was down are not replayed: the next fire time is
 * computed from now, and the one missed occurrence fires once (catch-up of at most one).
 */
import { randomBytes } from 'node:crypto';
import { Cron } from 'croner';
import { z } from 'zod';
import { rulesSchema } from '../../agents/tournament/spec.ts';
import { ArenaError } from '../errors.ts';
import { iso, num, type Sql, type SqlDb } from '../store/sql.ts';

export const templateSchema = z.strictObject({
  name: z.string().min(1).max(100),
  game: z.string().min(1).max(50),
  config: z.record(z.string(), z.unknown()).default({}),
  rules: rulesSchema,
  /** Invited agent ids (entered at creation). */
  entrants: z.array(z.string().min(1).max(100)).max(256).default([]),
  /** Open registration: any agent that plays the game may join until the start. */
  open: z.boolean().default(false),
  maxEntrants: z.number().int().min(2).max(256).optional(),
  /** Seconds between an occurrence's creation and its start (the registration window). */
  registrationSeconds: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 3600)
    .default(0),
  /** Showcase pacing: ms a turn at least (spectators can follow). */
  pacedMs: z.number().int().min(0).max(10_000).optional(),
});
export type TournamentTemplate = z.output<typeof templateSchema>;
/** A template as given (defaults not yet filled in). */
export type TemplateInput = z.input<typeof templateSchema>;

export interface ScheduleRow {
  id: string;
  name: string;
  cron: string;
  template: TournamentTemplate;
  nextFireAt: string;
  enabled: boolean;
  fired: number;
}

/** The next fire time strictly after `after` (croner), or an ArenaError for a bad expression. */
export function nextFire(cron: string, after: Date): Date {
  let job: Cron;
  try {
    job = new Cron(cron, { paused: true });
  } catch (e) {
    throw new ArenaError('TOURNAMENT_RULES', `bad cron expression ${JSON.stringify(cron)}: ${(e as Error).message}`);
  }
  const next = job.nextRun(after);
  job.stop();
  if (!next) throw new ArenaError('TOURNAMENT_RULES', `cron expression ${JSON.stringify(cron)} never fires`);
  return next;
}

export async function insertSchedule(
  db: Sql,
  name: string,
  cron: string,
  input: TemplateInput,
  now: Date,
): Promise<ScheduleRow> {
  const parsed = templateSchema.safeParse(input);
  if (!parsed.success)
    throw new ArenaError(
      'TOURNAMENT_RULES',
      `bad template: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  const template = parsed.data;
  const id = 's_' + randomBytes(8).toString('base64url').replace(/[-_]/g, 'x');
  const next = nextFire(cron, now);
  await db.query(
    'INSERT INTO tournament_schedules (id, name, cron, template, next_fire_at) VALUES ($1, $2, $3, $4::jsonb, $5)',
    [id, name, cron, JSON.stringify(template), next],
  );
  return { id, name, cron, template, nextFireAt: next.toISOString(), enabled: true, fired: 0 };
}

export async function listSchedules(db: Sql): Promise<ScheduleRow[]> {
  const rows = await db.query(
    'SELECT id, name, cron, template, next_fire_at, enabled, fired FROM tournament_schedules ORDER BY created_at, id',
  );
  return rows.map((r) => ({
    id: String(r.id),
    name: String(r.name),
    cron: String(r.cron),
    template: r.template as TournamentTemplate,
    nextFireAt: iso(r.next_fire_at),
    enabled: Boolean(r.enabled),
    fired: num(r.fired),
  }));
}

export async function setScheduleEnabled(db: SqlDb, id: string, enabled: boolean): Promise<boolean> {
  const rows = await db.query('UPDATE tournament_schedules SET enabled = $2 WHERE id = $1 RETURNING id', [id, enabled]);
  return rows.length > 0;
}

/**
 * Claim every due occurrence: for each enabled schedule whose next_fire_at has passed, move
 * next_fire_at on by compare-and-set and call `create` for the occurrence this process won, in the
 * same transaction (so a crash between the two leaves the occurrence unfired, never half-fired).
 */
export async function fireDue(
  db: SqlDb,
  now: Date,
  create: (s: ScheduleRow, fireAt: Date, tx: Sql) => Promise<void>,
): Promise<number> {
  const due = await db.query(
    'SELECT id, next_fire_at FROM tournament_schedules WHERE enabled AND next_fire_at <= $1 ORDER BY next_fire_at, id',
    [now],
  );
  let fired = 0;
  for (const d of due) {
    const fireAt = new Date(iso(d.next_fire_at));
    const won = await db.transaction(async (tx) => {
      const [s] = await tx.query(
        'SELECT id, name, cron, template, next_fire_at, enabled, fired FROM tournament_schedules WHERE id = $1',
        [d.id],
      );
      if (!s) return false;
      const next = nextFire(String(s.cron), new Date(Math.max(now.getTime(), fireAt.getTime())));
      const rows = await tx.query(
        'UPDATE tournament_schedules SET next_fire_at = $3, fired = fired + 1 WHERE id = $1 AND next_fire_at = $2 RETURNING id',
        [d.id, fireAt, next],
      );
      if (rows.length === 0) return false; // another process fired it
      const row: ScheduleRow = {
        id: String(s.id),
        name: String(s.name),
        cron: String(s.cron),
        template: s.template as TournamentTemplate,
        nextFireAt: next.toISOString(),
        enabled: true,
        fired: num(s.fired) + 1,
      };
      await create(row, fireAt, tx);
      return true;
    });
    if (won) fired++;
  }
  return fired;
}
