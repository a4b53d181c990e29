/**
 * Adversarial policy evaluations as durable jobs (issue #14). The attack itself is pure and lives in
 * agents/adversary (`runAttack`); this service only queues it, runs it in a worker thread, keeps its
 * state in `evaluations` (server/evaluation/store.ts) and stores what it produced.
 *
 * - **Queue**: the arena's one pg-boss queue (server/tournament/queue.ts). A job is (evaluation id,
 *   attempt); its pg-boss id derives from both, so sending it again inserts nothing.
 * - **Claim and lease**: a job first claims its attempt by compare-and-set (queued → running, with a
 *   lease it renews while it runs). Every later write — progress, the curve, a resume snapshot every
 *   `snapshotSeconds`, the end — is a compare-and-set on (attempt, owner), so a process that lost its
 *   lease cannot write. A late duplicate of a job finds its attempt taken or done and returns.
 * - **Restart**: every process ticks; a running job whose lease ran out belongs to a dead process, and
 *   its next attempt is queued (the snapshot stays, so the attack resumes from it — exactly, with an
 *   env-step or iteration budget — or restarts cleanly when there is none). After `maxAttempts` it fails.
 * - **Exactly once**: the end is one transaction: the compare-and-set to `finished`, the adversary's
 *   checkpoint and its arena agent (role `exploiter`, server/store/checkpoints.ts). Its ids derive from
 *   the evaluation, so a job never finishes, or registers its exploiter, twice.
 * - **Victims**: built-in and checkpoint agents are attacked in-process (mode `train`). A remote bot
 *   only if it opted in at registration (`allowEvaluation`), and only by an already-trained adversary
 *   through the arena (mode `arena`, a budget in matches): one evaluation match at a time, at least
 *   `arenaGapMs` apart, never while the bot is in another match, unrated.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Cron } from 'croner';
import { describeBudget, type AttackBudget, type AttackResult } from '../../agents/adversary/attack.ts';
import { attackEvidence, unitOf, type AttackEvidence } from '../../agents/adversary/exploitability.ts';
import { meanInterval, wilson } from '../../agents/eval/stats.ts';
import { parseConfig } from '../../games/core/kernel.ts';
import { deriveSeed } from '../../games/core/rng.ts';
import type { Json } from '../../games/core/types.ts';
import type { GameCatalog } from '../catalog.ts';
import type { AgentRecord } from '../contracts.ts';
import { ArenaError } from '../errors.ts';
import type { StartMatch } from '../league/league.ts';
import { insertCheckpoint } from '../store/checkpoints.ts';
import type { Store } from '../store/store.ts';
import type { JobQueue } from '../tournament/queue.ts';
import { AttackFailed, AttackThread } from './attack-thread.ts';
import * as db from './store.ts';

export const EVALUATION_JOB = 'evaluation';

/** Bounds of a request (docs/api.md, "Evaluations"); outside them → 400 BAD_CONFIG. */
export const EVALUATION_LIMITS = {
  envSteps: 2_000_000,
  iterations: 2_000,
  minutes: 60,
  matches: 500,
  evalMatches: { min: 2, max: 200, default: 20 },
  evalPoints: { min: 1, max: 20, default: 5 },
  finalMatches: { min: 4, max: 1_000, default: 100 },
} as const;

export interface EvaluationRequest {
  game: string;
  /** Agent id or name. */
  victim: string;
  budget: EvaluationBudgetInput;
  seed?: number;
  config?: Json;
  /** Arena mode: the already-trained adversary (a checkpoint agent's id or name, or a checkpoint id). */
  adversary?: string;
  evalMatches?: number;
  evalPoints?: number;
  finalMatches?: number;
  /** A fixed id (the demo's, so a restart does not queue its attacks again); default random. */
  id?: string;
  /** Start no earlier than this many seconds from now (the demo lets the server settle first). */
  delaySeconds?: number;
}

export type EvaluationBudgetInput = string | db.EvaluationBudget;

export interface EvaluationServiceOptions {
  store: Store;
  queue: JobQueue;
  catalog: GameCatalog;
  /** The match service's startMatch (arena mode). */
  startMatch?: StartMatch;
  /** Whether a remote agent has a live /bot connection. */
  isOnline?: (agentId: string) => boolean;
  /** Whether an agent is seated in a live match right now (arena evaluations wait for it to finish). */
  isPlaying?: (agentId: string) => boolean;
  log?: (line: string) => void;
  /**
   * A lease not renewed for this long belongs to a dead process (ms, default 60 000: writing a
   * VGC-lite snapshot of ~16 MB can hold an embedded database for seconds).
   */
  leaseMs?: number;
  /** Resume snapshots at most this often (s of attack time, default 30; a VGC-lite snapshot is ~16 MB). */
  snapshotSeconds?: number;
  /** Attempts before a job that keeps losing its process fails (default 5). */
  maxAttempts?: number;
  /** Jobs run at once by this process (default 1: an attack takes a core). */
  concurrency?: number;
  /** Arena mode: minimum ms between two evaluation matches against one bot (default 10 000). */
  arenaGapMs?: number;
  /** Scheduler period (ms, default 1000). */
  tickMs?: number;
}

/** A budget from its text form (`200k`, `50it`, `5min`, `20matches`) or its object form; null when unreadable. */
export function readBudget(b: EvaluationBudgetInput): db.EvaluationBudget | null {
  if (typeof b !== 'string') return b;
  const m = /^\s*(\d+)\s*(?:matches|m)\s*$/.exec(b);
  if (m) return Number(m[1]) > 0 ? { matches: Number(m[1]) } : null;
  const s = /^\s*(\d+(?:\.\d+)?(?:e\d+)?)\s*(k|M|it|min)?\s*$/.exec(b);
  if (!s) return null;
  const x = Number(s[1]);
  if (!(x > 0)) return null;
  if (s[2] === 'min') return { minutes: x };
  if (s[2] === 'it') return Number.isInteger(x) ? { iterations: x } : null;
  const steps = x * (s[2] === 'k' ? 1e3 : s[2] === 'M' ? 1e6 : 1);
  return Number.isInteger(steps) ? { envSteps: steps } : null;
}

function badConfig(message: string, path: string): never {
  throw new ArenaError('BAD_CONFIG', message, [{ path: [path], message }]);
}

function checkBudget(b: db.EvaluationBudget, mode: db.EvaluationMode): void {
  const L = EVALUATION_LIMITS;
  if (mode === 'arena') {
    if (!('matches' in b))
      badConfig(
        'an arena evaluation (an adversary playing the victim) has a budget in matches, e.g. "20matches"',
        'budget',
      );
    if (!Number.isInteger(b.matches) || b.matches < 1 || b.matches > L.matches)
      badConfig(`budget.matches must be an integer in [1, ${L.matches}]`, 'budget');
    return;
  }
  if ('matches' in b)
    badConfig(
      'a budget in matches needs an already-trained adversary ("adversary"); a trained attack has env steps, iterations or minutes',
      'budget',
    );
  if ('envSteps' in b && !(Number.isInteger(b.envSteps) && b.envSteps >= 1 && b.envSteps <= L.envSteps))
    badConfig(`budget.envSteps must be an integer in [1, ${L.envSteps}]`, 'budget');
  if ('iterations' in b && !(Number.isInteger(b.iterations) && b.iterations >= 1 && b.iterations <= L.iterations))
    badConfig(`budget.iterations must be an integer in [1, ${L.iterations}]`, 'budget');
  if ('minutes' in b && !(b.minutes > 0 && b.minutes <= L.minutes))
    badConfig(`budget.minutes must be in (0, ${L.minutes}]`, 'budget');
}

function bounded(v: number | undefined, k: 'evalMatches' | 'evalPoints' | 'finalMatches'): number {
  const L = EVALUATION_LIMITS[k];
  if (v === undefined) return L.default;
  if (!Number.isInteger(v) || v < L.min || v > L.max) badConfig(`${k} must be an integer in [${L.min}, ${L.max}]`, k);
  return v;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The result without the adversary's weights and the resume state (they live in `checkpoints`, or nowhere). */
function summary(r: AttackResult): Json {
  const { adversary, resume: _resume, ...rest } = r;
  const { weights: _w, ...adv } = adversary;
  return { ...rest, adversary: adv } as unknown as Json;
}

export class EvaluationService {
  readonly owner = `${process.pid}-${randomBytes(4).toString('hex')}`;
  private cron: Cron | undefined;
  private stopped = false;
  private readonly leaseMs: number;
  private readonly running = new Set<{ stop(): void; done: Promise<void> }>();
  /** Remote victims with an evaluation match in progress from this process. */
  private readonly arenaBusy = new Set<string>();

  constructor(private readonly opts: EvaluationServiceOptions) {
    this.leaseMs = opts.leaseMs ?? 60_000;
  }

  private get sql() {
    return this.opts.store.db;
  }

  private log(line: string): void {
    this.opts.log?.(`evaluations: ${line}`);
  }

  async start(): Promise<void> {
    await this.opts.queue.work<{ id: string; attempt: number }>(EVALUATION_JOB, this.opts.concurrency ?? 1, (j) =>
      this.runJob(j),
    );
    const seconds = Math.max(1, Math.round((this.opts.tickMs ?? 1000) / 1000));
    this.cron = new Cron('* * * * * *', { interval: seconds, protect: true, unref: true }, () => this.tick());
    await this.tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.cron?.stop();
    for (const r of this.running) r.stop();
    // Jobs end quickly once their threads are gone; wait, so none writes after the store closes (at
    // most 5 s: an arena match in progress is ended by the match service's own shutdown).
    await Promise.race([Promise.all([...this.running].map((r) => r.done)), sleep(5000)]);
  }

  /** Requeue jobs of dead processes and (re)send every queued attempt; idempotent, in every process. */
  async tick(): Promise<void> {
    if (this.stopped) return;
    try {
      const revived = await db.requeueExpired(this.sql, this.opts.maxAttempts ?? 5);
      for (const r of revived) this.log(`${r.id}: its process stopped; attempt ${r.attempt} resumes it`);
      for (const a of await db.queuedAttempts(this.sql)) await this.send(a.id, a.attempt);
    } catch (e) {
      if (!this.stopped) this.log(`tick: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private send(id: string, attempt: number, startAfter?: Date): Promise<boolean> {
    return this.opts.queue.send(
      EVALUATION_JOB,
      { id, attempt },
      // Our own lease recovers a dead process's job; pg-boss's expiry only has to outlast any attack.
      // The first send of a key decides its start; later sends of the same key insert nothing.
      {
        key: `${id}/${attempt}`,
        retryLimit: 3,
        retryDelay: 5,
        expireInSeconds: 6 * 3600,
        ...(startAfter ? { startAfter } : {}),
      },
    );
  }

  // ── requests ────────────────────────────────────────────────────────────────

  /** The victim of a request (by id or name), checked against the game. */
  async victimOf(game: string, ref: string): Promise<AgentRecord> {
    const a = (await this.opts.store.getAgent(ref)) ?? (await this.opts.store.getAgentByName(ref));
    if (!a) throw new ArenaError('UNKNOWN_AGENT', `no agent ${JSON.stringify(ref)}`);
    if (!a.games.includes(game)) badConfig(`${a.name} does not play ${game}`, 'victim');
    return a;
  }

  /** Validate and queue an attack; the caller has checked who may ask (server/api/evaluations.controller.ts). */
  async request(req: EvaluationRequest, requestedBy: string, victim?: AgentRecord): Promise<db.EvaluationRow> {
    const game = this.opts.catalog.game(req.game);
    const config = parseConfig(game, req.config ?? {}) as Json;
    const v = victim ?? (await this.victimOf(game.id, req.victim));
    const budget = readBudget(req.budget);
    if (!budget)
      badConfig(
        `budget must be env steps (200000, 200k, 2M), iterations (50it), minutes (5min) or matches (20matches), got ${JSON.stringify(req.budget)}`,
        'budget',
      );
    const mode: db.EvaluationMode = req.adversary !== undefined ? 'arena' : 'train';
    if (v.kind === 'remote') {
      if (!v.allowEvaluation)
        throw new ArenaError(
          'FORBIDDEN',
          `${v.name} did not opt in to adversarial evaluation (register it with "allowEvaluation": true)`,
        );
      if (mode !== 'arena')
        badConfig(
          `${v.name} is a remote bot: it is evaluated by an already-trained adversary through the arena ("adversary": checkpoint, budget in matches)`,
          'adversary',
        );
    }
    checkBudget(budget, mode);
    const adversaryCheckpoint =
      req.adversary !== undefined ? await this.adversaryCheckpoint(game.id, req.adversary) : undefined;
    const options: db.EvaluationOptions = {
      evalMatches: bounded(req.evalMatches, 'evalMatches'),
      evalPoints: bounded(req.evalPoints, 'evalPoints'),
      finalMatches: bounded(req.finalMatches, 'finalMatches'),
      ...(adversaryCheckpoint ? { adversaryCheckpoint } : {}),
    };
    const id = req.id ?? `ev_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const row = await db.insertEvaluation(this.sql, {
      id,
      game: game.id,
      config,
      victimId: v.id,
      mode,
      budget,
      seed: req.seed ?? randomBytes(4).readUInt32BE() >>> 1,
      options,
      requestedBy,
    });
    if (!row) return (await db.getEvaluation(this.sql, id))!;
    this.log(
      `${id}: queued (${game.id}, victim ${v.name}, ${'matches' in budget ? `${budget.matches} matches` : describeBudget(budget)})`,
    );
    await this.send(row.id, row.attempt, req.delaySeconds ? new Date(Date.now() + req.delaySeconds * 1000) : undefined);
    return row;
  }

  private async adversaryCheckpoint(game: string, ref: string): Promise<string> {
    const byId = await this.opts.store.getCheckpoint(ref);
    const agent = byId ? null : ((await this.opts.store.getAgent(ref)) ?? (await this.opts.store.getAgentByName(ref)));
    const cp =
      byId ?? (agent?.kind === 'checkpoint' && agent.ref ? await this.opts.store.getCheckpoint(agent.ref) : null);
    if (!cp) throw new ArenaError('UNKNOWN_CHECKPOINT', `no checkpoint or checkpoint agent ${JSON.stringify(ref)}`);
    if (cp.game !== game) badConfig(`adversary ${cp.id} plays ${cp.game}, not ${game}`, 'adversary');
    return cp.id;
  }

  get(id: string): Promise<db.EvaluationRow | null> {
    return db.getEvaluation(this.sql, id);
  }

  list(f: db.EvaluationFilter) {
    return db.listEvaluations(this.sql, f);
  }

  evidence(game: string) {
    return db.evidenceOf(this.sql, game);
  }

  // ── jobs ────────────────────────────────────────────────────────────────────

  /** The job: claim the attempt, run it under a lease, end it once. Safe to run twice, anywhere. */
  private async runJob(j: { id: string; attempt: number }): Promise<void> {
    if (this.stopped) throw new Error('stopping');
    const row = await db.claimEvaluation(this.sql, j.id, j.attempt, this.owner, this.leaseMs);
    if (!row) return; // taken, done, or a stale attempt
    let lost = false;
    const stoppers = new Set<() => void>();
    let settle = () => undefined as void;
    const handle = {
      stop: () => stoppers.forEach((f) => f()),
      done: new Promise<void>((r) => (settle = r)),
    };
    this.running.add(handle);
    const renew = setInterval(
      () => {
        void db.renewEvaluation(this.sql, row.id, row.attempt, this.owner, this.leaseMs).then(
          (ok) => {
            if (!ok && !lost) {
              lost = true;
              this.log(`${row.id}: lost its lease; stopping this attempt`);
              handle.stop();
            }
          },
          () => undefined,
        );
      },
      Math.max(200, this.leaseMs / 3),
    );
    try {
      this.log(`${row.id}: attempt ${row.attempt} running${row.snapshot ? ' (resuming from its snapshot)' : ''}`);
      if (row.mode === 'train') await this.runTrain(row, stoppers);
      else await this.runArena(row, stoppers, () => lost || this.stopped);
    } catch (e) {
      if (this.stopped || lost) return; // a successor resumes it
      const message = e instanceof Error ? e.message : String(e);
      const fatal = e instanceof AttackFailed ? e.code !== undefined : e instanceof ArenaError;
      if (!fatal && row.attempt < (this.opts.maxAttempts ?? 5)) {
        // Infrastructure (a thread died, the database blinked): let the lease lapse and a successor resume.
        this.log(`${row.id}: attempt ${row.attempt} failed (${message}); it will be resumed`);
        return;
      }
      await db.endEvaluation(this.sql, row.id, row.attempt, this.owner, { status: 'failed', error: message });
      this.log(`${row.id}: failed: ${message}`);
    } finally {
      clearInterval(renew);
      this.running.delete(handle);
      settle();
    }
  }

  private async attackVictim(row: db.EvaluationRow) {
    const v = await this.opts.store.getAgent(row.victimId);
    if (!v) throw new ArenaError('UNKNOWN_AGENT', `victim ${row.victimId} is gone`);
    if (v.kind === 'builtin') return { kind: 'builtin' as const, id: v.ref ?? v.name };
    const cp = v.kind === 'checkpoint' && v.ref ? await this.opts.store.getCheckpoint(v.ref) : null;
    if (!cp) throw new ArenaError('UNKNOWN_CHECKPOINT', `victim ${v.name} has no stored checkpoint`);
    const { agentId: _a, ...record } = cp;
    return { kind: 'checkpoint' as const, record };
  }

  private async runTrain(row: db.EvaluationRow, stoppers: Set<() => void>): Promise<void> {
    const victim = await this.attackVictim(row);
    let lastWrite = 0;
    let pending: Promise<unknown> = Promise.resolve();
    const write = (state: Parameters<typeof db.saveEvaluationState>[4]) => {
      pending = pending.then(() =>
        db.saveEvaluationState(this.sql, row.id, row.attempt, this.owner, state).catch(() => undefined),
      );
    };
    const thread = new AttackThread(
      {
        game: row.game,
        config: row.config,
        victim,
        budget: row.budget as AttackBudget,
        seed: row.seed,
        evalMatches: row.options.evalMatches,
        evalPoints: row.options.evalPoints,
        finalMatches: row.options.finalMatches,
        adversaryId: `adv-${row.game}-${row.id.replace(/^ev_/, '')}`,
        snapshotEverySeconds: this.opts.snapshotSeconds ?? 30,
        ...(row.snapshot ? { resumeFrom: row.snapshot as any } : {}),
      },
      {
        onProgress: (p) => {
          if (Date.now() - lastWrite < 1000 && p.fraction < 1) return;
          lastWrite = Date.now();
          const progress = { fraction: p.fraction, iteration: p.iteration, envSteps: p.envSteps, seconds: p.seconds };
          write({ progress, curve: p.curve });
        },
        onSnapshot: (s) => write({ snapshot: s as unknown as Json, curve: s.curve }),
      },
    );
    stoppers.add(() => void thread.terminate());
    const result = await thread.result;
    await pending;
    if (this.stopped) return;
    const evidence = attackEvidence(result, row.config);
    const ended = await this.sql
      .transaction(async (tx) => {
        const { agent } = await insertCheckpoint(tx, result.adversary, `evaluation ${row.id}`, 'exploiter');
        const ok = await db.endEvaluation(tx, row.id, row.attempt, this.owner, {
          status: 'finished',
          result: summary(result),
          evidence,
          curve: result.curve,
          progress: { fraction: 1, iteration: result.iterations, envSteps: result.envSteps, seconds: result.seconds },
          adversaryCheckpoint: result.adversary.id,
          exploiterId: agent.id,
        });
        if (!ok) throw new LostLease();
        return agent;
      })
      .catch((e) => {
        if (e instanceof LostLease) return null;
        throw e;
      });
    if (ended)
      this.log(
        `${row.id}: finished: adversary scores ${result.final.score.estimate.toFixed(3)} against the victim; exploiter ${ended.name} registered`,
      );
  }

  /**
   * Arena mode: the adversary plays the victim `budget.matches` times through the match service.
   * Match k has the id ev_<id>_m<k> and a seed derived from the job's, so after a restart a stored
   * match is counted, never played again. Rate limit: one evaluation match at a time per bot, at
   * least arenaGapMs apart, and only while the bot is not in another match.
   */
  private async runArena(row: db.EvaluationRow, stoppers: Set<() => void>, gone: () => boolean): Promise<void> {
    const startMatch = this.opts.startMatch;
    if (!startMatch) throw new Error('arena evaluations need the match service');
    const n = (row.budget as { matches: number }).matches;
    const victim = await this.opts.store.getAgent(row.victimId);
    const cp = await this.opts.store.getCheckpoint(row.options.adversaryCheckpoint ?? '');
    if (!victim || !cp) throw new ArenaError('UNKNOWN_AGENT', 'the victim or the adversary is gone');
    const adversary = await this.opts.store.getAgent(cp.agentId);
    if (!adversary) throw new ArenaError('UNKNOWN_AGENT', `the adversary ${cp.id} has no agent`);
    let cancel = () => undefined as void;
    stoppers.add(() => cancel());
    const outcomes: { score: number; payoff: number; matchId: string }[] = [];
    const gap = this.opts.arenaGapMs ?? 10_000;
    let last = 0;
    for (let k = 0; k < n; k++) {
      const matchId = `${row.id}_m${k}`;
      const advSeat = k % 2;
      let stored = await this.storedResult(matchId);
      if (!stored) {
        while (
          !gone() &&
          (Date.now() - last < gap ||
            this.arenaBusy.has(victim.id) ||
            (this.opts.isPlaying?.(victim.id) ?? false) ||
            (victim.kind === 'remote' && !(this.opts.isOnline?.(victim.id) ?? false)))
        )
          await new Promise<void>((r) => {
            const t = setTimeout(r, 250);
            cancel = () => {
              clearTimeout(t);
              r();
            };
          });
        if (gone()) return;
        this.arenaBusy.add(victim.id);
        try {
          const seats = advSeat === 0 ? [adversary, victim] : [victim, adversary];
          const { done } = await startMatch({
            id: matchId,
            game: row.game,
            config: row.config,
            seed: deriveSeed(row.seed, k),
            seats: seats.map((agent) => ({ agent })),
            rated: false,
            origin: { type: 'evaluation', evaluationId: row.id },
          });
          await done;
        } finally {
          this.arenaBusy.delete(victim.id);
          last = Date.now();
        }
        stored = await this.storedResult(matchId);
      }
      if (stored) {
        const a = stored.ranks[advSeat]!;
        const b = stored.ranks[1 - advSeat]!;
        outcomes.push({ score: a < b ? 1 : a === b ? 0.5 : 0, payoff: stored.returns[advSeat] ?? 0, matchId });
      }
      if (gone()) return;
      await db.saveEvaluationState(this.sql, row.id, row.attempt, this.owner, {
        progress: { fraction: (k + 1) / n, matches: k + 1 },
      });
    }
    const wins = outcomes.reduce((s, o) => s + o.score, 0);
    const score = wilson(wins, Math.max(1, outcomes.length));
    const payoff = meanInterval(outcomes.map((o) => o.payoff));
    const date = new Date().toISOString();
    // A score bounds exploitability (V(π, π) = ½ by symmetry); a payoff would need the bot's self-play value.
    const evidence: AttackEvidence | null =
      unitOf(row.game) === 'score' && outcomes.length > 0
        ? {
            game: row.game,
            victim: row.victimId,
            unit: 'score',
            adversary: score,
            selfPlay: 0.5,
            budget: { iterations: 0 },
            envSteps: 0,
            matches: outcomes.length,
            adversaryId: cp.id,
            date,
          }
        : null;
    const result = { matches: outcomes.length, score, payoff, matchIds: outcomes.map((o) => o.matchId) };
    const ok = await db.endEvaluation(this.sql, row.id, row.attempt, this.owner, {
      status: 'finished',
      result: result as unknown as Json,
      evidence: evidence ? { ...evidence, budget: { matches: outcomes.length } as unknown as AttackBudget } : null,
      curve: [],
      progress: { fraction: 1, matches: outcomes.length },
      adversaryCheckpoint: cp.id,
      exploiterId: adversary.id,
    });
    if (ok)
      this.log(
        `${row.id}: finished: ${adversary.name} scores ${score.estimate.toFixed(3)} over ${outcomes.length} matches`,
      );
  }

  private async storedResult(matchId: string): Promise<{ ranks: number[]; returns: number[] } | null> {
    const [r] = await this.sql.query<{ result: { ranks?: number[]; returns?: number[] }; outcome: string }>(
      'SELECT result, outcome FROM matches WHERE id = $1',
      [matchId],
    );
    if (!r || r.outcome === 'aborted' || !r.result?.ranks) return null;
    return { ranks: r.result.ranks, returns: r.result.returns ?? [] };
  }
}

class LostLease extends Error {}
