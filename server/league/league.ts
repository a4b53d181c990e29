/**
 * The legacy scheduled league (off unless LUDUS_LEAGUE=on; the demo is now server/tournament/demo.ts):
 * every `intervalSeconds` (croner), each game plays a few matches between its registered in-process
 * agents (built-ins and checkpoints), so every game's leaderboard moves. Its matches go through the
 * live match service like every other match: they are listed while they run, can be spectated, are
 * committed before their result is known, and are scored by the same rules (games/core/standings.ts).
 *
 * Cheap by design: `matchesPerGame` matches per game per round (default 1), one match at a time
 * (in-process matches run at engine speed, yielding to the event loop every few hundred steps).
 * Pairings and seeds come from a PRNG seeded by the round number (reproducible, not fixed).
 */
import { Cron } from 'croner';
import { Rng, deriveSeed } from '../../games/core/rng.ts';
import type { AnyGame } from '../../games/core/types.ts';
import type { GameCatalog } from '../catalog.ts';
import type { AgentRecord, FinishedMatch } from '../contracts.ts';
import type { CreateMatch } from '../live/service.ts';
import type { Store } from '../store/store.ts';

/** What GET /api shows of the league. */
export interface LeagueStatus {
  enabled: boolean;
  intervalSeconds: number;
  rounds: number;
  matches: number;
  running: boolean;
  /** The games it plays (absent: every game of the catalog). */
  games?: string[];
  lastRound?: { at: string; matches: number; ms: number; errors: number };
}

/** Start a match through the live match service; `done` resolves once it is committed. */
export type StartMatch = (req: CreateMatch) => Promise<{ matchId: string; done: Promise<FinishedMatch> }>;

export interface LeagueOptions {
  store: Store;
  catalog: GameCatalog;
  /** The match service's `startMatch` (LiveHandle.startMatch). */
  startMatch: StartMatch;
  intervalSeconds: number;
  matchesPerGame: number;
  /** Only these games (default: every game of the catalog). */
  games?: readonly string[];
  log?: (line: string) => void;
  /** Seed of the pairing PRNG (default: from the clock at start). */
  seed?: number;
}

export interface RoundReport {
  round: number;
  matches: { id: string; game: string; seats: string[]; returns: number[]; outcome: string }[];
  errors: string[];
  ms: number;
}

const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));

export class League {
  private job: Cron | undefined;
  private rounds = 0;
  private played = 0;
  private running: Promise<RoundReport> | undefined;
  private last: LeagueStatus['lastRound'];
  private stopped = false;
  private readonly seed: number;

  constructor(private readonly opts: LeagueOptions) {
    this.seed = opts.seed ?? Date.now() % 0xffffffff;
  }

  /** Schedule rounds every interval, and play the first one now. */
  start(): void {
    this.job = new Cron('* * * * * *', { interval: this.opts.intervalSeconds, protect: true, unref: true }, () =>
      this.round().then(() => undefined),
    );
    void this.round();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.job?.stop();
    await this.running?.catch(() => undefined);
  }

  status(): LeagueStatus {
    return {
      enabled: true,
      intervalSeconds: this.opts.intervalSeconds,
      rounds: this.rounds,
      matches: this.played,
      running: this.running !== undefined,
      ...(this.opts.games ? { games: [...this.opts.games] } : {}),
      ...(this.last ? { lastRound: this.last } : {}),
    };
  }

  /** One round (rounds never overlap: a call during a round waits for it). Nothing once stopped. */
  round(): Promise<RoundReport> {
    if (this.stopped) return Promise.resolve({ round: this.rounds, matches: [], errors: [], ms: 0 });
    this.running ??= this.playRound().finally(() => (this.running = undefined));
    return this.running;
  }

  private async playRound(): Promise<RoundReport> {
    const round = ++this.rounds;
    const t0 = performance.now();
    const report: RoundReport = { round, matches: [], errors: [], ms: 0 };
    for (const game of this.opts.catalog.games()) {
      if (this.stopped) break;
      if (this.opts.games && !this.opts.games.includes(game.id)) continue;
      try {
        await this.playGame(game, round, report);
      } catch (e) {
        report.errors.push(`${game.id}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    report.ms = Math.round(performance.now() - t0);
    this.played += report.matches.length;
    this.last = {
      at: new Date().toISOString(),
      matches: report.matches.length,
      ms: report.ms,
      errors: report.errors.length,
    };
    const games = new Set(report.matches.map((m) => m.game)).size;
    this.opts.log?.(
      `league: round ${round}: ${report.matches.length} matches in ${games} games, ${report.ms} ms (total ${this.played})` +
        (report.errors.length ? `; ${report.errors.length} errors: ${report.errors.slice(0, 3).join(' | ')}` : ''),
    );
    return report;
  }

  private async playGame(game: AnyGame, round: number, report: RoundReport): Promise<void> {
    const { items } = await this.opts.store.listAgents({ game: game.id, limit: 500, offset: 0 });
    const pool = items.filter((a) => !a.revoked && (a.kind === 'builtin' || a.kind === 'checkpoint'));
    if (pool.length === 0) return;
    const config = game.configSchema.parse({});
    const n = game.numSeats(config);
    const rng = Rng.seeded(deriveSeed(this.seed, 'league', round, game.id));
    for (let i = 0; i < this.opts.matchesPerGame && !this.stopped; i++) {
      const seated = pickSeats(pool, n, rng);
      const { done } = await this.opts.startMatch({
        game: game.id,
        config,
        seed: rng.uint32(),
        seats: seated.map((agent) => ({ agent })),
        origin: { type: 'league', round },
      });
      const m = await done;
      report.matches.push({
        id: m.id,
        game: game.id,
        seats: seated.map((a) => a.name),
        returns: m.result.returns,
        outcome: m.outcome,
      });
      await yieldToLoop();
    }
  }
}

/** Distinct agents when there are enough, otherwise with repeats. */
function pickSeats(pool: readonly AgentRecord[], n: number, rng: Rng): AgentRecord[] {
  const shuffled = rng.shuffle([...pool]);
  return Array.from({ length: n }, (_, i) => (i < shuffled.length ? shuffled[i]! : rng.pick(pool)));
}
