/**
 * What a tournament is: its format, scoring and rules, as a zod schema (the HTTP API, the CLI and
 * the store validate with this one schema; the types are inferred from it), and the serialisable
 * state that agents/tournament/engine.ts moves from transition to transition.
 *
 * Formats (docs/tournaments.md has the rules an entrant reads):
 *   - `round-robin`: every pair meets once per cycle (circle method, Berger tables); `cycles: 2` is the double
 *     round robin, second cycle with seats swapped.
 *   - `swiss`: N rounds; equal scores meet, nobody meets twice, an odd entrant gets a bye worth a win
 *     (FIDE Dutch-style weights, maximum-weight matching by edmonds-blossom-fixed: pairing.ts).
 *   - `elimination`: single elimination seeded 1 v N (entrant order is the seeding); top seeds get
 *     the byes of a non-power-of-two field; a drawn pairing plays sudden-death games.
 *   - `arena` (Lichess): for `durationMs`, an idle entrant is paired again as soon as its game ends;
 *     win 2, draw 1, loss 0, doubled after two wins in a row while the streak lasts (`streaks`).
 *   - `ladder` (Kaggle-style): continuous, idle entrants are paired with the nearest Elo; ends after
 *     `maxGames` games or `durationMs`.
 */
import { z } from 'zod';

export const TIEBREAKS = ['buchholz', 'sonneborn-berger', 'head-to-head', 'wins'] as const;
export type Tiebreak = (typeof TIEBREAKS)[number];

const duration = z
  .number()
  .int()
  .min(1000)
  .max(7 * 24 * 3600 * 1000)
  .describe('milliseconds');

export const formatSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('round-robin'),
    cycles: z.number().int().min(1).max(2).default(1).describe('2 = double round robin'),
  }),
  z.strictObject({ kind: z.literal('swiss'), rounds: z.number().int().min(1).max(64) }),
  z.strictObject({
    kind: z.literal('elimination'),
    suddenDeath: z
      .number()
      .int()
      .min(0)
      .max(9)
      .default(3)
      .describe('extra games to break a drawn pairing; then the better seed advances'),
  }),
  z.strictObject({ kind: z.literal('arena'), durationMs: duration, streaks: z.boolean().default(true) }),
  z.strictObject({
    kind: z.literal('ladder'),
    maxGames: z.number().int().min(1).max(100_000).optional().describe('the ladder ends after this many games'),
    durationMs: duration.optional(),
  }),
]);
export type Format = z.infer<typeof formatSchema>;
export type FormatKind = Format['kind'];
export const FORMAT_KINDS: readonly FormatKind[] = ['round-robin', 'swiss', 'elimination', 'arena', 'ladder'];

export const rulesSchema = z.strictObject({
  format: formatSchema,
  /** Games per pairing; seats alternate game by game (seat rotation). */
  gamesPerPairing: z.number().int().min(1).max(99).default(1),
  /**
   * How entrants are seeded (elimination bracket, Swiss and round-robin order): `order` as entered, `rating` by the
   * arena's Elo for the game at the start, highest first (hosted tournaments; ties keep the entry order).
   */
  seeding: z.enum(['order', 'rating']).default('order'),
  /** Points for a game: win / draw / loss (arena: doubled on a streak). */
  points: z
    .strictObject({
      win: z.number().min(0).max(100),
      draw: z.number().min(0).max(100),
      loss: z.number().min(0).max(100),
    })
    .optional()
    .describe('default 1 / ½ / 0; arena 2 / 1 / 0'),
  /** What a bye is worth per game, as a fraction of a win (Swiss: 1; round-robin rest: 0). */
  byeValue: z.number().min(0).max(1).optional(),
  /** Tiebreaks after points, in order (default per format). */
  tiebreaks: z.array(z.enum(TIEBREAKS)).max(4).optional(),
  /** A remote entrant absent this long after its pairing is announced forfeits the game (ms). */
  noShowGraceMs: z.number().int().min(0).max(3_600_000).default(60_000),
  /** Consecutive forfeits after which an entrant is withdrawn (0: never). */
  maxForfeits: z.number().int().min(0).max(99).default(2),
  /**
   * Time control of every game (hosted tournaments; the match service's clock, server/live/timing.ts):
   * ms per turn, the per-match overage bank, and whether running out forfeits or plays the default action.
   * Absent: the game's default clock.
   */
  timeControl: z
    .strictObject({
      turnMs: z.number().int().min(50).max(600_000),
      bankMs: z.number().int().min(0).max(3_600_000),
      onTimeout: z.enum(['default', 'forfeit']).default('default'),
    })
    .optional(),
  /** Infrastructure failures a game may have before it is voided for good (scored as not played). */
  maxReplays: z.number().int().min(0).max(9).default(3),
});
export type RulesInput = z.input<typeof rulesSchema>;
export type Rules = z.output<typeof rulesSchema>;

/** Per-format defaults of the optional rules. */
export function pointsOf(rules: Rules): { win: number; draw: number; loss: number } {
  return (
    rules.points ?? (rules.format.kind === 'arena' ? { win: 2, draw: 1, loss: 0 } : { win: 1, draw: 0.5, loss: 0 })
  );
}
export function byeValueOf(rules: Rules): number {
  return rules.byeValue ?? (rules.format.kind === 'swiss' ? 1 : 0);
}
export function tiebreaksOf(rules: Rules): Tiebreak[] {
  if (rules.tiebreaks) return rules.tiebreaks;
  switch (rules.format.kind) {
    case 'round-robin':
      return ['head-to-head', 'sonneborn-berger', 'wins'];
    case 'swiss':
      return ['buchholz', 'sonneborn-berger', 'head-to-head'];
    default:
      return [];
  }
}

// ------------------------------------------------------------------ state

/** How one game of a pairing ended, as the engine records it. */
export type GameOutcome =
  /** Played to the end: `ranks[seat]` from games/core/standings.ts (1 = best). */
  | { kind: 'played'; ranks: number[]; matchId?: string }
  /** Not played because these entrants did not show up (or withdrew): they lose, the others win. */
  | { kind: 'forfeit'; absent: string[] }
  /** Voided for good after `maxReplays` infrastructure failures: counts for nobody. */
  | { kind: 'void' };

export interface GameSlot {
  /** 0-based index within the pairing. */
  index: number;
  /** Entrant ids in seat order (rotated game by game). */
  seats: string[];
  /** Seed of the current attempt: deriveSeed(tournament seed, pairing id, index, attempt). */
  seed: number;
  /** Infrastructure failures so far; each one replays the game with the next attempt's seed. */
  attempt: number;
  outcome?: GameOutcome;
  /** Arena/ladder clock (ms since the tournament started) when the game was recorded. */
  endedAt?: number;
}

export interface Pairing {
  /** Stable id, e.g. "r3p2" (round 3, pairing 2). */
  id: string;
  round: number;
  /** Entrant ids; one entrant = a bye. Elimination pairings may wait for their second entrant. */
  entrants: (string | null)[];
  kind: 'game' | 'bye';
  games: GameSlot[];
  /** Elimination: where the winner goes. */
  next?: { round: number; match: number };
  /** Elimination: the slots (0 or 1) left open when the bracket was drawn, filled by feeders in order. */
  open?: number[];
  /** Elimination: the bracket's match number within its round. */
  match?: number;
  /** Set once decided: the entrant that advances (elimination), or null. */
  winner?: string | null;
}

export interface EntrantState {
  id: string;
  /** Seeding order (1 = top seed); the order entrants were given in unless seeded by rating. */
  seed: number;
  /** Elo used by the ladder (elo-rank, K = 44, initial 1000, as the arena's live Elo). */
  rating: number;
  /** Round (or, in arena/ladder, game count) after which the entrant left; undefined = still in. */
  withdrawnAfter?: number;
  /** Forfeits in a row (reset by a game played). */
  forfeitsInRow: number;
}

export interface TournamentState {
  rules: Rules;
  seed: number;
  entrants: EntrantState[];
  pairings: Pairing[];
  /** Rounds started (arena/ladder: pairing waves). */
  round: number;
  status: 'running' | 'finished';
  /** Every transition, in order, for audit and replay of the state from its inputs. */
  log: TournamentEvent[];
}

export type TournamentEvent =
  | { type: 'start'; entrants: string[] }
  | { type: 'round'; round: number; pairings: string[] }
  | { type: 'result'; pairing: string; game: number; outcome: GameOutcome; at?: number }
  | { type: 'replay'; pairing: string; game: number; attempt: number; reason: string }
  | { type: 'withdraw'; entrant: string; reason: string }
  | { type: 'finish' };

export class TournamentError extends Error {
  constructor(
    readonly code: 'TOURNAMENT_RULES' | 'TOURNAMENT_STATE' | 'TOURNAMENT_ENTRANTS' | 'TOURNAMENT_PAIRING',
    message: string,
  ) {
    super(message);
    this.name = 'TournamentError';
  }
}
