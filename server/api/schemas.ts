/**
 * Request and response shapes of the HTTP API: the ONE description of each. Requests are validated
 * with these schemas; the OpenAPI document (/api/docs-json) is generated from them; the TypeScript
 * types of the answers are `z.infer` of them (exported below), which the controllers return and the
 * web app (arena-ui/src/api.ts) imports. Response objects are closed in the document (no undocumented
 * fields), and test/server/openapi-contract.test.ts checks every real answer against it.
 */
import { z } from 'zod';
import { ERROR_CODES } from '../errors.ts';
import { reservedNameProblem } from '../store/agents.ts';
import { rulesSchema } from '../../agents/tournament/spec.ts';
import { templateSchema } from '../tournament/schedules.ts';

const name = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'letters, digits, _ . - (starting with a letter or digit)')
  .refine((n) => n.toLowerCase() !== 'me', 'the name "me" is reserved (GET /api/agents/me)')
  .superRefine((n, ctx) => {
    const problem = reservedNameProblem(n);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const RegisterAgentBody = z.strictObject({
  name,
  owner: z.string().min(1).max(128),
  games: z.array(z.string().min(1)).min(1).max(64),
  description: z.string().max(2000).default(''),
  allowEvaluation: z
    .boolean()
    .default(false)
    .describe('opt in to adversarial evaluation: an already-trained adversary may play this bot through the arena'),
});

export const Paging = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
};

export const AgentQuery = z.strictObject({
  game: z.string().min(1).optional(),
  kind: z.enum(['builtin', 'remote', 'checkpoint']).optional(),
  ...Paging,
});

export const OutcomeKindSchema = z.enum(['normal', 'timeout-forfeit', 'disconnect', 'crash', 'aborted']);

export const MatchQuery = z.strictObject({
  game: z.string().min(1).optional(),
  /** Agent id or name. */
  agent: z.string().min(1).optional(),
  outcome: OutcomeKindSchema.optional(),
  ...Paging,
});

export const TrajectoryQuery = z.strictObject({
  /** Only this seat's lines. */
  seat: z.coerce.number().int().min(0).optional(),
  /** `steps` (default): one line per seat per step, for offline RL; `turns`: one line per turn with the model's prompt and completion, for language models. */
  format: z.enum(['steps', 'turns']).default('steps'),
  /** Leave out the JSON observation (keep the encoded vector), for smaller files. */
  vectorsOnly: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => v === 'true' || v === '1'),
});

const JsonValue: z.ZodType<unknown> = z.unknown();

export const CheckpointBody = z.strictObject({
  id: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[\w.-]+$/),
  name,
  game: z.string().min(1),
  config: JsonValue,
  architecture: JsonValue,
  weights: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64'),
  training: JsonValue,
  parent: z.string().nullable().default(null),
  createdAt: z.iso.datetime({ offset: true }).default(() => new Date().toISOString()),
});

// ── responses (documentation only) ──────────────────────────────────────────────
export const ErrorBody = z.object({
  code: z.enum(ERROR_CODES).describe("one code of the arena's error vocabulary (docs/api.md, docs/protocol.md)"),
  message: z.string(),
  details: z.unknown().optional(),
});

export const AgentBody = z.object({
  id: z.string(),
  name: z.string(),
  owner: z.string(),
  games: z.array(z.string()),
  description: z.string(),
  kind: z.enum(['builtin', 'remote', 'checkpoint']),
  ref: z.string().optional(),
  createdAt: z.string(),
  revoked: z.boolean(),
  role: z.enum(['exploiter']).optional().describe('exploiter: an adversary trained by an evaluation'),
  allowEvaluation: z.boolean().describe('a remote bot that opted in to adversarial evaluation'),
});

export const TokenBody = z.object({
  agent: AgentBody,
  token: z.string().describe('shown once; send as `Authorization: Bearer <token>`'),
});

const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number(), limit: z.number(), offset: z.number() });

export const AgentPage = page(AgentBody);

export const SeatBody = z.object({
  seat: z.number(),
  agentId: z.string().nullable().describe('null for an anonymous person'),
  kind: z.enum(['builtin', 'remote', 'checkpoint', 'human']),
  label: z.string(),
});

/** A stored result: the engine's result adjudicated by games/core/standings.ts. */
export const ResultBody = z.object({
  returns: z.array(z.number()).describe('per seat, the sum of its rewards'),
  ranks: z
    .array(z.number())
    .optional()
    .describe(
      'per seat, 1 = best, ties share a rank, seats at fault last (every match stored since the one match loop)',
    ),
  winner: z
    .number()
    .nullable()
    .optional()
    .describe('the winning seat, null for a draw, absent where winning is not a concept'),
  reason: z.string().optional().describe('why the match ended (docs/protocol.md lists every reason)'),
});

export const RatingChangeBody = z.object({
  agentId: z.string(),
  before: z.number().describe('online Elo before the match'),
  after: z.number(),
  score: z.number().describe('weighted mean pair score in the match (1 = beat everyone)'),
});

export const MatchBody = z.object({
  id: z.string(),
  game: z.string(),
  config: z.unknown(),
  seed: z.number(),
  seats: z.array(SeatBody),
  outcome: OutcomeKindSchema,
  faultSeat: z.number().nullable(),
  result: ResultBody,
  steps: z.number(),
  finalHash: z.string(),
  rated: z.boolean(),
  startedAt: z.string(),
  endedAt: z.string(),
  durationMs: z.number(),
});

export const MatchPage = page(MatchBody);

/** GET /api/matches/:id: the match and, when it was rated, each agent's rating change. */
export const MatchDetailBody = MatchBody.extend({ ratingChanges: z.array(RatingChangeBody) });

export const RatingPointBody = z.object({
  matchId: z.string(),
  game: z.string(),
  before: z.number(),
  after: z.number(),
  score: z.number(),
  at: z.string().describe('commit time, ISO 8601'),
});
export const RatingHistoryBody = z.object({ items: z.array(RatingPointBody).describe('oldest first (commit order)') });

export const ViewsBody = z.object({
  id: z.string(),
  game: z.string(),
  seats: z.array(SeatBody),
  result: ResultBody,
  outcome: OutcomeKindSchema,
  frames: z
    .array(
      z.object({
        step: z.number().describe('steps played before this view (0 = the start)'),
        observation: z.unknown().describe("observe(state, 'spectator') after `step` steps"),
        events: z.array(z.unknown()).describe('public events of the step that led here'),
        actions: z.array(z.unknown()).nullable().describe('the joint action of that step (null at the start)'),
      }),
    )
    .describe('thinned to at most 2000 frames, always the first and the last'),
});

export const ReplayBody = z.object({
  game: z.string(),
  config: z.unknown(),
  seed: z.number(),
  seats: z.array(SeatBody),
  actions: z.array(z.array(z.unknown())),
  finalHash: z.string(),
  outcome: z.string().describe('normal, timeout-forfeit, disconnect, crash or aborted'),
  result: z.unknown().describe('the stored result: returns, ranks, winner?, reason'),
  faultSeat: z.number().optional(),
});

const ChatMessageBody = z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string() });

export const TurnTranscriptBody = z.object({
  seat: z.number(),
  step: z.number(),
  text: z.string().nullable().describe('the action as the bot sent it in text (null for a JSON action)'),
  prompt: z.array(ChatMessageBody).describe('the chat messages of the request that produced the answer'),
  completion: z.string().describe("the model's last answer"),
  model: z.string().optional(),
  attempts: z.number().optional().describe('answers it took (retries after unparsable ones)'),
  fallback: z.boolean().optional().describe('no answer parsed: the default action was sent'),
  latencyMs: z.number().optional(),
  promptTokens: z.number().optional().describe("from the endpoint's usage, summed over the attempts"),
  completionTokens: z.number().optional(),
});

export const TranscriptBody = z.object({
  matchId: z.string(),
  game: z.string(),
  turns: z.array(TurnTranscriptBody).describe('by step, then seat; empty when no seat sent transcripts'),
});

const Bound = z.number().nullable();

const IntervalBody = z.object({ estimate: z.number(), low: z.number(), high: z.number() });

/** A budget: env steps, PPO iterations or wall-clock minutes (a trained attack), or matches (an arena evaluation). */
export const BudgetBody = z.union([
  z.strictObject({ envSteps: z.number() }),
  z.strictObject({ iterations: z.number() }),
  z.strictObject({ minutes: z.number() }),
  z.strictObject({ matches: z.number() }),
]);

/** One exploitability value (agents/adversary/exploitability.ts; docs/ratings.md, "Exploitability"). */
export const ExploitabilityBody = z.object({
  kind: z
    .enum(['exact', 'attack'])
    .describe('exact: the exact best response; attack: the best finished evaluation, a lower bound on E'),
  value: z.number().describe('E = V(BR, π) − V(π, π) in `unit`'),
  unit: z.enum(['payoff-per-round', 'score']),
  low: z.number().optional().describe('attack: 95 % interval of the value (the final measurement)'),
  high: z.number().optional(),
  budget: BudgetBody.optional().describe('attack: the budget of the attack'),
  envSteps: z.number().optional(),
  matches: z.number().optional().describe('attack: matches of the final measurement'),
  date: z.string().optional().describe('attack: when the evaluation finished'),
  evaluationId: z.string().optional(),
  exploiterId: z.string().nullable().optional().describe('attack: the exploiter agent ("exploited by")'),
  method: z.string().optional().describe('exact: how the best response was computed'),
});

export const LeaderboardRowBody = z.object({
  rank: z.number().describe('place by online Elo'),
  agentId: z.string(),
  name: z.string(),
  kind: z.string(),
  ref: z.string().nullable(),
  elo: z.number().describe('online Elo (elo-rank, K = 44, initial 1000): the live number; it has no interval'),
  games: z.number(),
  wins: z.number(),
  draws: z.number(),
  losses: z.number(),
  rating: z.number().describe('Bradley–Terry MAP rating (Elo scale, 1000 = the prior centre)'),
  ratingSd: z.number().describe('one posterior sd of rating, relative to the opponents the agent played (Elo points)'),
  ratingLow: z.number().describe('95 % interval of rating: rating − 1.96·ratingSd'),
  ratingHigh: z.number(),
  provisional: z.boolean().describe('ratingSd ≥ prior.provisionalSd (Lichess marks such ratings "?")'),
  nash: z
    .object({
      mass: z.number().describe('mass in the maximum-entropy Nash equilibrium of the payoff table'),
      massLow: Bound,
      massHigh: Bound,
      score: z.number().describe('expected score against the Nash mixture (½ on its support, below ½ off it)'),
      scoreLow: Bound,
      scoreHigh: Bound,
    })
    .nullable()
    .describe(
      'Nash averaging (Balduzzi et al. 2018); null for agents with too few games or before the first computation',
    ),
  alphaRank: z
    .object({
      mass: z.number().describe('α-Rank stationary mass at α = gameTheory.alpha, m = gameTheory.m'),
      low: Bound,
      high: Bound,
      place: z.number(),
      infiniteMass: z.number().describe('α-Rank mass at infinite α (as VGC-Bench ranks)'),
      infiniteLow: Bound,
      infiniteHigh: Bound,
      infinitePlace: z.number(),
    })
    .nullable(),
  exploitability: ExploitabilityBody.nullable().describe(
    'E(π) = V(BR, π) − V(π, π) (docs/ratings.md): exact where computable, else the best attack lower bound; null when unknown',
  ),
});

export const LeaderboardBody = z.object({
  game: z.string(),
  k: z.number(),
  initial: z.number(),
  version: z.number().describe('newest rating-history seq included'),
  computedAt: z.string(),
  refitMs: z.number().describe('milliseconds the last refresh took (ratings SELECT + Bradley–Terry refit)'),
  fitMs: z.number().describe('milliseconds of refitMs spent fitting, in the worker thread'),
  prior: z.object({ sd: z.number().describe('prior sd of a rating, Elo points'), provisionalSd: z.number() }),
  gameTheory: z.object({
    status: z.enum(['ready', 'stale', 'pending', 'too-few-agents', 'error']),
    error: z.string().nullable(),
    version: z.number().nullable().describe('the version the Nash/α-Rank columns were computed at'),
    computedAt: z.string().nullable(),
    ms: z.number().nullable(),
    agents: z.number().describe('agents with at least minGames weighted results (the payoff table)'),
    minGames: z.number(),
    alpha: z.number(),
    m: z.number(),
    draws: z.number().describe('posterior draws behind the intervals'),
    nashUnique: z.boolean().nullable(),
  }),
  items: z.array(LeaderboardRowBody),
});

export const PredictQuery = z.strictObject({ a: z.string().min(1), b: z.string().min(1) });
export const PredictBody = z.object({
  a: z.string(),
  b: z.string(),
  score: z.number().describe('predicted score of a against b (Bradley–Terry)'),
  low: z.number(),
  high: z.number(),
});

export const AgentViewQuery = z.strictObject({ top: z.coerce.number().int().min(1).max(30).default(8) });
export const AgentViewBody = z.object({
  game: z.string(),
  version: z.number(),
  agents: z.array(
    z.object({ agentId: z.string(), name: z.string(), rank: z.number(), elo: z.number(), rating: z.number() }),
  ),
  cells: z.array(
    z.array(
      z.object({
        results: z.number(),
        weight: z.number(),
        score: z
          .number()
          .nullable()
          .describe('mean score of the row agent against the column agent; null if they never met'),
        predicted: z.number(),
        predictedLow: z.number(),
        predictedHigh: z.number(),
      }),
    ),
  ),
});

export const GameBody = z.object({
  id: z.string(),
  family: z.string(),
  title: z.string(),
  description: z.string(),
  seats: z.number(),
  defaultConfig: z.unknown(),
  configSchema: z.unknown(),
  actionSchema: z.unknown(),
  actionSpace: z.unknown(),
  obsSize: z.number(),
  agents: z.array(z.object({ id: z.string(), title: z.string(), description: z.string() })),
});

export const LiveMatchBody = z.object({
  id: z.string(),
  game: z.string(),
  seats: z.array(SeatBody),
  step: z.number(),
  startedAt: z.string(),
  spectators: z.number().describe('people and programs watching through the room right now'),
  roomId: z.string().optional().describe('Colyseus room id to spectate'),
});
export const LiveBody = z.object({ items: z.array(LiveMatchBody) });

export const PlayBody = z.object({
  matchId: z.string(),
  seat: z.number(),
  seatToken: z
    .string()
    .describe("the person's claim on the seat: join the room with { matchId, human: true, seatToken }"),
});

export const InfoBody = z.object({
  name: z.literal('ludus'),
  version: z.string(),
  backend: z.enum(['pglite', 'postgres']),
  urls: z.record(z.string(), z.string()),
  games: z.array(z.string()),
  elo: z.object({ k: z.number(), initial: z.number() }),
  league: z
    .unknown()
    .describe(
      'the legacy league status (state, last round, matches played); `enabled: false` when it is off (the default: the demo is the tournaments)',
    ),
  live: z.boolean(),
});

/** GET /api/health/live. */
export const HealthBody = z.object({ status: z.literal('ok') });

/** One check of a readiness report (terminus): `up` with its facts, or `down` with a message. */
const HealthCheckBody = z
  .object({ status: z.enum(['up', 'down']), message: z.string().optional() })
  .catchall(z.unknown());
/** GET /api/health/ready (and GET /api/health) when ready; the same report is `details` of the 503. */
export const ReadyBody = z.object({
  status: z.enum(['ok', 'error', 'shutting_down']),
  info: z.record(z.string(), HealthCheckBody).optional(),
  error: z.record(z.string(), HealthCheckBody).optional(),
  details: z.record(z.string(), HealthCheckBody),
});

export const CheckpointRecordBody = z.object({
  id: z.string(),
  name: z.string(),
  game: z.string(),
  config: z.unknown(),
  architecture: z.unknown(),
  weights: z.string().describe('every weight as one little-endian Float32Array, base64'),
  training: z.unknown(),
  parent: z.string().nullable(),
  createdAt: z.string(),
  agentId: z.string().describe('the agent this checkpoint plays as'),
});

export const CheckpointSummary = z.object({
  id: z.string(),
  name: z.string(),
  game: z.string(),
  config: z.unknown(),
  architecture: z.unknown(),
  training: z.unknown(),
  parent: z.string().nullable(),
  createdAt: z.string(),
  agentId: z.string(),
});

// ── tournaments (server/tournament/, agents/tournament/) ─────────────────────

export const TournamentBody = z.strictObject({
  name: z.string().min(1).max(100),
  game: z.string().min(1).max(50),
  config: z.record(z.string(), z.unknown()).default({}),
  /** agents/tournament/spec.ts rulesSchema: format, gamesPerPairing, points, byeValue, tiebreaks, noShowGraceMs, maxForfeits, maxReplays. */
  rules: rulesSchema,
  seed: z.number().int().min(0).max(0xffffffff).optional(),
  /** Invited entrants: agent ids or names, in seeding order. */
  entrants: z.array(z.string().min(1).max(100)).max(256).default([]),
  /** Open registration until the start (agents join with POST /api/tournaments/:id/join). */
  open: z.boolean().default(false),
  maxEntrants: z.number().int().min(2).max(256).optional(),
  /** ISO start time; or `startInSeconds`; default now. */
  startsAt: z.iso.datetime({ offset: true }).optional(),
  startInSeconds: z
    .number()
    .int()
    .min(0)
    .max(30 * 24 * 3600)
    .optional(),
  /** Showcase pacing: at least this many ms a turn (spectators can follow). */
  pacedMs: z.number().int().min(0).max(10_000).optional(),
});

export const ScheduleBody = z.strictObject({
  name: z.string().min(1).max(100),
  /** croner syntax; 6 fields allow seconds (e.g. "0 0 3 * * *" nightly at 03:00 UTC). */
  cron: z.string().min(1).max(100),
  template: templateSchema,
});

export const ScheduleView = z.object({
  id: z.string(),
  name: z.string(),
  cron: z.string(),
  template: z.unknown().describe('the tournament created at every occurrence'),
  nextFireAt: z.string().describe('ISO time of the next occurrence'),
  enabled: z.boolean(),
  fired: z.number().describe('occurrences fired so far'),
});

export const TournamentQuery = z.strictObject({
  status: z.enum(['registration', 'running', 'finished', 'cancelled']).optional(),
  ...Paging,
});

export const JoinBody = z.strictObject({
  /** With the admin token: the agent (id or name) to enter or withdraw; with an agent token: omitted (yourself). */
  agent: z.string().min(1).max(100).optional(),
});

const StandingRowBody = z.object({
  rank: z.number(),
  entrant: z.string().describe('agent id'),
  name: z.string(),
  points: z.number(),
  games: z.number(),
  wins: z.number(),
  draws: z.number(),
  losses: z.number(),
  forfeitWins: z.number(),
  forfeitLosses: z.number(),
  byes: z.number(),
  tiebreaks: z.record(z.string(), z.number()),
  rating: z.number().optional(),
  withdrawn: z.boolean(),
  eliminatedIn: z.number().optional(),
});

export const TournamentView = z.object({
  id: z.string(),
  name: z.string(),
  game: z.string(),
  config: z.unknown(),
  rules: z.unknown(),
  seed: z.number(),
  status: z.enum(['registration', 'running', 'finished', 'cancelled']),
  open: z.boolean(),
  maxEntrants: z.number().nullable(),
  startsAt: z.string(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  scheduleId: z.string().nullable(),
  entrants: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string() })),
  round: z.number(),
  totalRounds: z.number().nullable(),
  progress: z.object({ gamesDone: z.number(), gamesScheduled: z.number() }),
  standings: z.array(StandingRowBody),
  crosstable: z.object({ entrants: z.array(z.string()), cells: z.array(z.array(z.number().nullable())) }),
  rounds: z.array(
    z.object({
      round: z.number(),
      pairings: z.array(
        z.object({
          id: z.string(),
          kind: z.enum(['game', 'bye']),
          entrants: z.array(z.string().nullable()),
          winner: z.string().nullable().optional(),
          games: z.array(
            z.object({
              index: z.number(),
              seats: z.array(z.string()),
              seed: z.number(),
              attempt: z.number(),
              outcome: z.unknown().optional(),
              matchId: z.string().optional(),
            }),
          ),
        }),
      ),
    }),
  ),
});

export const CheckpointPage = z.object({ items: z.array(CheckpointSummary) });
export const CheckpointCreatedBody = z.object({ checkpoint: CheckpointSummary, agent: AgentBody });

// ── the answers' TypeScript types (the web app imports these; nothing declares them again) ──
export type Agent = z.infer<typeof AgentBody>;
export type Seat = z.infer<typeof SeatBody>;
export type StoredResult = z.infer<typeof ResultBody>;
export type Page<T> = { items: T[]; total: number; limit: number; offset: number };
export type MatchSummary = z.infer<typeof MatchBody>;
export type MatchDetail = z.infer<typeof MatchDetailBody>;
export type RatingPoint = z.infer<typeof RatingPointBody>;
export type MatchViews = z.infer<typeof ViewsBody>;
export type LeaderboardRow = z.infer<typeof LeaderboardRowBody>;
export type Leaderboard = z.infer<typeof LeaderboardBody>;
export type Prediction = z.infer<typeof PredictBody>;
export type AgentPayoffView = z.infer<typeof AgentViewBody>;
export type GameInfo = z.infer<typeof GameBody>;
export type LiveMatch = z.infer<typeof LiveMatchBody>;
export type PlayAnswer = z.infer<typeof PlayBody>;
export type CheckpointInfo = z.infer<typeof CheckpointSummary>;
export type ServerInfo = z.infer<typeof InfoBody>;

// ── evaluations (server/evaluation/) ───────────────────────────────────────────

export const EvaluationBody = z.strictObject({
  game: z.string().min(1),
  victim: z.string().min(1).describe('agent id or name'),
  budget: z
    .union([z.string().min(1).max(32), BudgetBody])
    .describe(
      '"200k" env steps, "50it" iterations, "5min" minutes, or "20matches" (arena evaluation); bounds in docs/api.md',
    ),
  seed: z.number().int().min(0).max(2_147_483_647).optional(),
  config: z.record(z.string(), z.unknown()).optional().describe('game config (default: the game default)'),
  adversary: z
    .string()
    .min(1)
    .optional()
    .describe(
      'an already-trained adversary (checkpoint id, or a checkpoint agent) that plays the victim through the arena',
    ),
  evalMatches: z.number().optional().describe('matches per point of the curve (2–200, default 20)'),
  evalPoints: z.number().optional().describe('points of the curve (1–20, default 5)'),
  finalMatches: z.number().optional().describe('matches of the final measurement on fresh seeds (4–1000, default 100)'),
});

export const AttackPointBody = z.object({
  iteration: z.number(),
  envSteps: z.number(),
  seconds: z.number(),
  score: IntervalBody.describe("the adversary's score against the victim (Wilson 95 %)"),
  payoff: z.number(),
  victimPayoff: z.number(),
});

export const EvaluationView = z.object({
  id: z.string(),
  game: z.string(),
  config: z.unknown(),
  victim: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  mode: z
    .enum(['train', 'arena'])
    .describe('train: a PPO adversary trained in-process; arena: an adversary plays the bot'),
  budget: BudgetBody,
  seed: z.number(),
  options: z.object({
    evalMatches: z.number(),
    evalPoints: z.number(),
    finalMatches: z.number(),
    adversaryCheckpoint: z.string().optional(),
  }),
  requestedBy: z.string().describe("'admin' or the victim's own agent id"),
  status: z.enum(['queued', 'running', 'finished', 'failed']),
  attempt: z.number().describe('1, or more when a restart resumed the job'),
  progress: z
    .object({
      fraction: z.number(),
      iteration: z.number().optional(),
      envSteps: z.number().optional(),
      seconds: z.number().optional(),
      matches: z.number().optional(),
    })
    .nullable(),
  curve: z.array(AttackPointBody),
  snapshotAt: z.string().nullable().describe('the last resume snapshot'),
  result: z
    .record(z.string(), z.unknown())
    .nullable()
    .describe('train: the attack result (agents/adversary/attack.ts AttackResult, weights left out)'),
  exploitability: ExploitabilityBody.nullable().describe(
    'what this evaluation shows about the victim, in the exploitability unit',
  ),
  adversaryCheckpoint: z.string().nullable(),
  exploiter: z
    .object({ id: z.string(), name: z.string() })
    .nullable()
    .describe('the adversary as an arena agent (role exploiter)'),
  error: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

export const EvaluationQuery = z.strictObject({
  victim: z.string().optional().describe('agent id or name'),
  game: z.string().optional(),
  status: z.enum(['queued', 'running', 'finished', 'failed']).optional(),
  ...Paging,
});

export const EvaluationPage = z.object({
  items: z.array(EvaluationView),
  total: z.number(),
  limit: z.number(),
  offset: z.number(),
});
export type Exploitability = z.infer<typeof ExploitabilityBody>;
export type Evaluation = z.infer<typeof EvaluationView>;
