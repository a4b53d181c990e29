/**
 * Hosted tournaments: the pure engine (agents/tournament/) driven by the store and the job queue.
 *
 * - Every change is one `transition` (server/tournament/store.ts): row locked, engine moved, state
 *   written with version + 1, in one transaction.
 * - Each game is a pg-boss job (server/tournament/queue.ts) keyed by tournament/pairing/game/attempt.
 *   A job first claims its attempt (tournament_games, with a lease it renews while the match runs),
 *   then plays the match through the live match service with a derived match id and the engine's
 *   seed. The match service commits the match (and its rating) before anything else hears of it;
 *   then the result is recorded in the tournament in one transaction.
 * - After a crash, a claim whose lease ran out is settled by whoever sees it first: its match is in
 *   `matches` → recorded (not replayed); it is not → an infrastructure failure, replayed with the next
 *   attempt's seed and never scored. A match is therefore never lost, played twice or counted twice.
 * - `tick` (every second, in every process; all of it idempotent): fire due cron schedules (one
 *   process wins each occurrence), start tournaments whose start time has come, settle expired
 *   claims, and send the jobs of every pending game (deduplicated by job id).
 * - Remote entrants: one that is not connected when its game is due gets `noShowGraceMs` to
 *   connect, then forfeits the game (the rules say so; `maxForfeits` in a row withdraws it).
 */
import { Cron } from 'croner';
import {
  advance,
  createTournament,
  pendingGames,
  recordGame,
  replayGame,
  withdraw as withdrawEntrant,
} from '../../agents/tournament/engine.ts';
import { rulesSchema, TournamentError, type GameOutcome, type TournamentState } from '../../agents/tournament/spec.ts';
import { GameError } from '../../games/core/errors.ts';
import { parseConfig } from '../../games/core/kernel.ts';
import { deriveSeed } from '../../games/core/rng.ts';
import { getGame } from '../../games/index.ts';
import type { Json } from '../../games/core/types.ts';
import type { AgentRecord, FinishedMatch } from '../contracts.ts';
import { ArenaError } from '../errors.ts';
import type { StartMatch } from '../league/league.ts';
import type { Store } from '../store/store.ts';
import type { JobQueue } from './queue.ts';
import { fireDue, insertSchedule, type TemplateInput } from './schedules.ts';
import * as db from './store.ts';
import { ratingOf } from '../store/leaderboard.ts';
import { ELO_INITIAL } from '../store/rating-policy.ts';

export const GAME_JOB = 'tournament-game';

interface GameJob {
  t: string;
  pairing: string;
  game: number;
  attempt: number;
}

export interface TournamentServiceOptions {
  store: Store;
  queue: JobQueue;
  /** The match service's startMatch. */
  startMatch: StartMatch;
  /** Whether a remote agent has a live /bot connection (no-show detection). */
  isOnline?: (agentId: string) => boolean;
  log?: (line: string) => void;
  /** Scheduler period (ms, default 1000). */
  tickMs?: number;
  /** A claim not renewed for this long belongs to a dead process (ms, default 15 000). */
  leaseMs?: number;
  /** pg-boss expiry of a game job whose process died before claiming (s, default 60). */
  jobExpireSeconds?: number;
  /** Games played at once by this process (default 2). */
  concurrency?: number;
  /** The wall clock (ms). */
  now?: () => number;
}

export interface CreateTournament {
  name: string;
  game: string;
  config?: Json;
  rules: unknown;
  seed?: number;
  entrants?: string[];
  open?: boolean;
  maxEntrants?: number;
  startsAt?: Date;
  pacedMs?: number;
}

const matchIdOf = (j: GameJob) => `t_${j.t.slice(2)}_${j.pairing}_g${j.game}_a${j.attempt}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function isInfrastructureFailure(f: { outcome: string; faultSeat?: number | null }): boolean {
  return f.outcome === 'aborted' || (f.outcome === 'crash' && (f.faultSeat === undefined || f.faultSeat === null));
}

export class TournamentService {
  private cron: Cron | undefined;
  private ticking: Promise<void> | undefined;
  private stopped = false;
  private readonly listeners = new Set<(id: string, state: TournamentState | null, status: string) => void>();
  private readonly now: () => number;
  private readonly leaseMs: number;

  constructor(private readonly opts: TournamentServiceOptions) {
    this.now = opts.now ?? Date.now;
    this.leaseMs = opts.leaseMs ?? 15_000;
  }

  private get sql() {
    return this.opts.store.db;
  }

  /** Listen to every committed change of a tournament (for protocol and UI updates). */
  onChange(fn: (id: string, state: TournamentState | null, status: string) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private changed(row: db.TournamentRow): void {
    for (const fn of this.listeners) {
      try {
        fn(row.id, row.state, row.status);
      } catch {
        /* a listener's bug is not the tournament's */
      }
    }
  }

  async start(): Promise<void> {
    await this.opts.queue.work<GameJob>(GAME_JOB, this.opts.concurrency ?? 2, (j) => this.playJob(j));
    const seconds = Math.max(1, Math.round((this.opts.tickMs ?? 1000) / 1000));
    this.cron = new Cron('* * * * * *', { interval: seconds, protect: true, unref: true }, () => this.tick());
    void this.tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.cron?.stop();
    await this.ticking?.catch(() => undefined);
  }

  // ── organiser actions ───────────────────────────────────────────────────────

  async create(req: CreateTournament): Promise<db.TournamentRow> {
    const parsed = rulesSchema.safeParse(req.rules);
    if (!parsed.success)
      throw new ArenaError(
        'TOURNAMENT_RULES',
        parsed.error.issues.map((i) => `${i.path.join('.') || 'rules'}: ${i.message}`).join('; '),
      );
    let game: string;
    try {
      const g = getGame(req.game);
      const config = parseConfig(g, req.config ?? {});
      if (g.numSeats(config) !== 2)
        throw new ArenaError(
          'TOURNAMENT_RULES',
          `tournaments are for two-seat games; ${g.id} has ${g.numSeats(config)} seats`,
        );
      game = g.id;
    } catch (e) {
      if (e instanceof GameError)
        throw new ArenaError(e.code === 'BAD_CONFIG' ? 'BAD_CONFIG' : 'UNKNOWN_GAME', e.message, e.details);
      throw e;
    }
    const entrants = req.entrants ?? [];
    if (new Set(entrants).size !== entrants.length)
      throw new ArenaError('TOURNAMENT_ENTRANTS', 'an entrant is listed twice');
    for (const id of entrants) await this.entrantAgent(id, game);
    if (req.maxEntrants !== undefined && entrants.length > req.maxEntrants)
      throw new ArenaError('TOURNAMENT_ENTRANTS', `${entrants.length} invited entrants, cap ${req.maxEntrants}`);
    if (!req.open && entrants.length < 2)
      throw new ArenaError('TOURNAMENT_ENTRANTS', 'an invitation-only tournament needs at least two entrants');
    const row = await db.insertTournament(this.sql, {
      name: req.name,
      game,
      config: req.config ?? {},
      rules: parsed.data,
      seed: req.seed ?? deriveSeed(this.now(), req.name),
      open: req.open ?? false,
      ...(req.maxEntrants !== undefined ? { maxEntrants: req.maxEntrants } : {}),
      startsAt: req.startsAt ?? new Date(this.now()),
      ...(req.pacedMs !== undefined ? { pacedMs: req.pacedMs } : {}),
      entrants,
    });
    this.changed(row!);
    void this.tick();
    return row!;
  }

  /** A recurring tournament: `template` is created at every occurrence of `cron`. */
  createSchedule(name: string, cron: string, template: TemplateInput) {
    return insertSchedule(this.sql, name, cron, template, new Date(this.now()));
  }

  private async entrantAgent(id: string, game: string): Promise<AgentRecord> {
    const a = await this.opts.store.getAgent(id);
    if (!a || a.revoked) throw new ArenaError('UNKNOWN_AGENT', `no agent ${id}`);
    if (!a.games.includes(game)) throw new ArenaError('TOURNAMENT_ENTRANTS', `agent ${a.name} does not play ${game}`);
    return a;
  }

  /** Join by open registration (before the start, under the cap). */
  async join(id: string, agentId: string): Promise<db.TournamentRow> {
    const t0 = await this.get(id);
    await this.entrantAgent(agentId, t0.game);
    const { row } = await db.transition(this.sql, id, async (t, tx) => {
      if (t.entrants.includes(agentId)) return { write: false, value: undefined };
      if (t.status !== 'registration') throw new ArenaError('TOURNAMENT_CLOSED', `tournament ${id} is ${t.status}`);
      if (!t.open) throw new ArenaError('TOURNAMENT_CLOSED', `tournament ${id} is by invitation only`);
      if (Date.parse(t.startsAt) <= this.now())
        throw new ArenaError('TOURNAMENT_CLOSED', `registration for ${id} closed at ${t.startsAt}`);
      if (t.maxEntrants !== null && t.entrants.length >= t.maxEntrants)
        throw new ArenaError('TOURNAMENT_CLOSED', `tournament ${id} is full (${t.maxEntrants})`);
      await db.addEntrant(tx, id, agentId);
      t.entrants.push(agentId);
      return { write: true, value: undefined };
    });
    this.changed(row);
    return row;
  }

  /** Withdraw an entrant: before the start it leaves the field; after, its remaining games are forfeited. */
  async withdraw(id: string, agentId: string, reason = 'withdrawn'): Promise<db.TournamentRow> {
    const { row } = await db.transition(this.sql, id, async (t, tx) => {
      if (!t.entrants.includes(agentId))
        throw new ArenaError('TOURNAMENT_ENTRANTS', `${agentId} is not an entrant of ${id}`);
      if (t.status === 'registration') {
        await tx.query('DELETE FROM tournament_entrants WHERE tournament_id = $1 AND agent_id = $2', [id, agentId]);
        t.entrants = t.entrants.filter((e) => e !== agentId);
        return { write: true, value: undefined };
      }
      if (t.status !== 'running' || !t.state)
        throw new ArenaError('TOURNAMENT_STATE', `tournament ${id} is ${t.status}`);
      withdrawEntrant(t.state, agentId, reason);
      this.advanceState(t);
      return { write: true, value: undefined };
    });
    this.changed(row);
    await this.sendPending(row);
    return row;
  }

  async cancel(id: string): Promise<db.TournamentRow> {
    const { row } = await db.transition(this.sql, id, async (t) => {
      if (t.status === 'finished' || t.status === 'cancelled')
        throw new ArenaError('TOURNAMENT_STATE', `tournament ${id} is ${t.status}`);
      t.status = 'cancelled';
      return { write: true, value: undefined };
    });
    this.changed(row);
    return row;
  }

  async get(id: string): Promise<db.TournamentRow> {
    const t = await db.getTournament(this.sql, id);
    if (!t) throw new ArenaError('UNKNOWN_TOURNAMENT', `no tournament ${id}`);
    return t;
  }

  list(f: { status?: db.TournamentStatus; limit: number; offset: number }) {
    return db.listTournaments(this.sql, f);
  }

  // ── the scheduler ───────────────────────────────────────────────────────────

  /** One pass of the scheduler (never two at once in a process; idempotent across processes). */
  tick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.ticking ??= this.tickOnce()
      .catch((e) => this.opts.log?.(`tournaments: tick: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  private async tickOnce(): Promise<void> {
    const now = new Date(this.now());
    await fireDue(this.sql, now, async (s, fireAt, tx) => {
      const tpl = s.template;
      await db.insertTournamentIn(tx, {
        name: `${tpl.name} · ${fireAt.toISOString().slice(0, 16).replace('T', ' ')}`,
        game: tpl.game,
        config: tpl.config as Json,
        rules: tpl.rules,
        seed: deriveSeed(s.id, fireAt.toISOString()),
        open: tpl.open,
        ...(tpl.maxEntrants !== undefined ? { maxEntrants: tpl.maxEntrants } : {}),
        startsAt: new Date(fireAt.getTime() + tpl.registrationSeconds * 1000),
        ...(tpl.pacedMs !== undefined ? { pacedMs: tpl.pacedMs } : {}),
        entrants: tpl.entrants,
        scheduleId: s.id,
        fireAt,
      });
      this.opts.log?.(`tournaments: schedule ${s.name} fired for ${fireAt.toISOString()}`);
    });
    for (const id of await db.idsWithStatus(this.sql, 'registration', now)) await this.begin(id);
    for (const id of await db.idsWithStatus(this.sql, 'running')) {
      if (this.stopped) return;
      await this.settleExpiredClaims(id);
      const row = await this.clockTick(id);
      await this.sendPending(row);
    }
  }

  /** Registration over: build the engine state and pair round 1 (or cancel a field too small). */
  private async begin(id: string): Promise<void> {
    const { row } = await db.transition(this.sql, id, async (t, tx) => {
      if (t.status !== 'registration' || Date.parse(t.startsAt) > this.now()) return { write: false, value: undefined };
      // The arena's Elo of each entrant: the ladder starts from it, and `seeding: rating` orders by it.
      const elo = new Map<string, number>();
      for (const a of t.entrants) elo.set(a, (await ratingOf(tx, a, t.game)) ?? ELO_INITIAL);
      const rules = rulesSchema.parse(t.rules);
      const order = rules.seeding === 'rating' ? [...t.entrants].sort((a, b) => elo.get(b)! - elo.get(a)!) : t.entrants;
      try {
        t.state = createTournament(
          t.rules,
          order.map((a) => ({ id: a, rating: elo.get(a)! })),
          t.seed,
        );
      } catch (e) {
        if (!(e instanceof TournamentError)) throw e;
        this.opts.log?.(`tournaments: ${id} cancelled at its start: ${e.message}`);
        t.status = 'cancelled';
        return { write: true, value: undefined };
      }
      t.status = 'running';
      t.startedAt = new Date(this.now()).toISOString();
      this.advanceState(t);
      return { write: true, value: undefined };
    });
    this.changed(row);
    await this.sendPending(row);
  }

  /** ms since the tournament started: the arena and ladder clock. */
  private elapsed(t: db.TournamentRow): number {
    return t.startedAt ? Math.max(0, this.now() - Date.parse(t.startedAt)) : 0;
  }

  private advanceState(t: db.TournamentRow): void {
    if (!t.state) return;
    advance(t.state, this.elapsed(t));
    if (t.state.status === 'finished') t.status = 'finished';
  }

  /** Arena and ladder move with the clock (new waves, the end): advance and write only on change. */
  private async clockTick(id: string): Promise<db.TournamentRow> {
    const { row } = await db.transition(this.sql, id, async (t) => {
      if (t.status !== 'running' || !t.state) return { write: false, value: undefined };
      const before = t.state.log.length;
      this.advanceState(t);
      return { write: t.state.log.length !== before, value: undefined };
    });
    if (row.state && row.version > 0) this.changed(row);
    return row;
  }

  private async sendPending(t: db.TournamentRow): Promise<void> {
    if (t.status !== 'running' || !t.state) return;
    for (const { pairing, game } of pendingGames(t.state)) {
      const job: GameJob = { t: t.id, pairing: pairing.id, game: game.index, attempt: game.attempt };
      await this.opts.queue.send(GAME_JOB, job, {
        key: `${job.t}/${job.pairing}/${job.game}/${job.attempt}`,
        expireInSeconds: this.opts.jobExpireSeconds ?? 60,
        retryLimit: 1000,
        retryDelay: 1,
      });
    }
  }

  /** Claims whose process died: record the stored match, or replay the game. */
  private async settleExpiredClaims(id: string): Promise<void> {
    const rows = await this.sql.query<{ pairing: string; game: number; attempt: number }>(
      `SELECT pairing, game, attempt FROM tournament_games WHERE tournament_id = $1 AND status = 'playing' AND lease_until < now()`,
      [id],
    );
    for (const r of rows)
      await this.settle({ t: id, pairing: r.pairing, game: Number(r.game), attempt: Number(r.attempt) }, undefined);
  }

  // ── games ───────────────────────────────────────────────────────────────────

  /** The job: claim the attempt, play it, record it. Safe to run twice, anywhere. */
  private async playJob(j: GameJob): Promise<void> {
    if (this.stopped) throw new Error('stopping');
    const matchId = matchIdOf(j);
    const claimed = await db.transition(this.sql, j.t, async (t, tx) => {
      const slot = t.state?.pairings.find((p) => p.id === j.pairing)?.games[j.game];
      if (t.status !== 'running' || !slot || slot.outcome || slot.attempt !== j.attempt)
        return { write: false, value: null };
      const c = await db.getClaim(tx, j.t, j.pairing, j.game, j.attempt);
      if (c) return { write: false, value: null }; // someone has it; an expired one is settled by the tick
      await db.claim(tx, j.t, j.pairing, j.game, j.attempt, matchId, this.leaseMs);
      return {
        write: false,
        value: {
          seats: [...slot.seats],
          seed: slot.seed,
          round: t.state!.pairings.find((p) => p.id === j.pairing)!.round,
          t,
        },
      };
    });
    const c = claimed.value;
    if (!c) return;
    const renew = setInterval(
      () => void db.renewLease(this.sql, matchId, this.leaseMs).catch(() => undefined),
      Math.max(200, this.leaseMs / 3),
    );
    try {
      const outcome = await this.play(j, matchId, c.t, c.seats, c.seed, c.round);
      await this.settle(j, outcome);
    } finally {
      clearInterval(renew);
    }
  }

  /**
   * Play one game; returns the outcome to record, or 'failed' for an infrastructure failure.
   * Remote entrants that are not connected get the grace period, then forfeit.
   */
  private async play(
    j: GameJob,
    matchId: string,
    t: db.TournamentRow,
    seats: string[],
    seed: number,
    round: number,
  ): Promise<GameOutcome | 'failed'> {
    const agents = await Promise.all(seats.map((id) => this.opts.store.getAgent(id)));
    const grace = t.state!.rules.noShowGraceMs;
    const remote = (a: AgentRecord | null) => a !== null && a.kind === 'remote';
    const offline = () => seats.filter((_, i) => remote(agents[i]!) && !(this.opts.isOnline?.(seats[i]!) ?? false));
    const deadline = this.now() + grace;
    while (offline().length > 0 && this.now() < deadline && !this.stopped) await sleep(Math.min(250, grace));
    const absent = offline();
    if (absent.length > 0) return { kind: 'forfeit', absent };
    let done: Promise<FinishedMatch>;
    try {
      ({ done } = await this.opts.startMatch({
        id: matchId,
        game: t.game,
        config: t.config,
        seed,
        seats: agents.map((agent) => ({ agent: agent! })),
        origin: { type: 'tournament', tournamentId: t.id, round, pairing: j.pairing, game: j.game },
        ...(t.pacedMs ? { paceMs: t.pacedMs } : {}),
        ...(t.state!.rules.timeControl ? { timing: t.state!.rules.timeControl } : {}),
      }));
    } catch (e) {
      const gone = offline();
      if (gone.length > 0) return { kind: 'forfeit', absent: gone };
      this.opts.log?.(`tournaments: ${matchId} did not start: ${e instanceof Error ? e.message : String(e)}`);
      return 'failed';
    }
    const f = await done;
    if (isInfrastructureFailure({ outcome: f.outcome, faultSeat: f.faultSeat ?? null })) return 'failed';
    return { kind: 'played', ranks: f.result.ranks, matchId };
  }

  /**
   * Record an attempt in one transaction: the given outcome, or — for a claim found expired — the
   * stored match if there is one, else a replay.
   */
  private async settle(j: GameJob, outcome: GameOutcome | 'failed' | undefined): Promise<void> {
    const matchId = matchIdOf(j);
    const { row } = await db.transition(this.sql, j.t, async (t, tx) => {
      const slot = t.state?.pairings.find((p) => p.id === j.pairing)?.games[j.game];
      const c = await db.getClaim(tx, j.t, j.pairing, j.game, j.attempt);
      if (!t.state || !slot || !c || c.status !== 'playing') return { write: false, value: undefined };
      let o = outcome;
      if (o === undefined) {
        const stored = await db.storedMatch(tx, matchId);
        o = stored && !isInfrastructureFailure(stored) ? { kind: 'played', ranks: stored.ranks, matchId } : 'failed';
      }
      if (t.status !== 'running' || slot.outcome || slot.attempt !== j.attempt) {
        await db.settleClaim(tx, matchId, 'failed');
        return { write: false, value: undefined };
      }
      if (o === 'failed') {
        replayGame(
          t.state,
          j.pairing,
          j.game,
          outcome === undefined ? 'the server stopped during the match' : 'infrastructure failure',
        );
        await db.settleClaim(tx, matchId, 'failed');
      } else {
        recordGame(t.state, j.pairing, j.game, o, this.elapsed(t));
        await db.settleClaim(tx, matchId, o.kind === 'forfeit' ? 'forfeit' : 'recorded');
      }
      this.advanceState(t);
      return { write: true, value: undefined };
    });
    this.changed(row);
    await this.sendPending(row);
  }
}
