/** Request and response shapes of the HTTP API (validated with zod, published to OpenAPI). */
import { z } from 'zod';
import { ERROR_CODES } from '../errors.ts';

const name = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'letters, digits, _ . - (starting with a letter or digit)')
  .refine((n) => n !== 'me', 'the name "me" is reserved (GET /api/agents/me)');

export const RegisterAgentBody = z.strictObject({
  name,
  owner: z.string().min(1).max(128),
  games: z.array(z.string().min(1)).min(1).max(64),
  description: z.string().max(2000).default(''),
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
  /** Leave out the JSON observation (keep the encoded vector), for smaller files. */
  vectorsOnly: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => v === 'true' || v === '1'),
});

const JsonValue: z.ZodType<unknown> = z.unknown();

export const CheckpointBody = z.strictObject({
  id: z.string().min(1).max(128).regex(/^[\w.-]+$/),
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
  code: z.enum(ERROR_CODES).describe('one code of the arena\'s error vocabulary (docs/api.md, docs/protocol.md)'),
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
});

export const TokenBody = z.object({ agent: AgentBody, token: z.string().describe('shown once; send as `Authorization: Bearer <token>`') });

const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number(), limit: z.number(), offset: z.number() });

export const AgentPage = page(AgentBody);

export const SeatBody = z.object({ seat: z.number(), agentId: z.string().nullable(), kind: z.string(), label: z.string() });

export const MatchBody = z.object({
  id: z.string(),
  game: z.string(),
  config: z.unknown(),
  seed: z.number(),
  seats: z.array(SeatBody),
  outcome: OutcomeKindSchema,
  faultSeat: z.number().nullable(),
  result: z.object({ returns: z.array(z.number()), winner: z.number().nullable().optional(), reason: z.string().optional() }),
  steps: z.number(),
  finalHash: z.string(),
  rated: z.boolean(),
  startedAt: z.string(),
  endedAt: z.string(),
  durationMs: z.number(),
});

export const MatchPage = page(MatchBody);

export const ReplayBody = z.object({
  game: z.string(),
  config: z.unknown(),
  seed: z.number(),
  seats: z.array(SeatBody),
  actions: z.array(z.array(z.unknown())),
  finalHash: z.string(),
});

export const LeaderboardBody = z.object({
  game: z.string(),
  k: z.number(),
  initial: z.number(),
  items: z.array(
    z.object({
      rank: z.number(),
      agentId: z.string(),
      name: z.string(),
      kind: z.string(),
      ref: z.string().nullable(),
      elo: z.number(),
      games: z.number(),
      wins: z.number(),
      draws: z.number(),
      losses: z.number(),
      mle: z.number().describe('maximum-likelihood Bradley–Terry Elo, weakest agent = 0'),
      mleSe: z.number().describe('one standard error of mle (the ± column)'),
      exploitability: z.number().nullable().describe('exact exploitability (per turn) of memory-one built-in agents, where computable'),
    }),
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

export const LiveBody = z.array(
  z.object({ id: z.string(), game: z.string(), seats: z.array(SeatBody), step: z.number(), startedAt: z.string(), spectators: z.number(), roomId: z.string().optional() }),
);

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
