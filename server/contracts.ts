/**
 * The seam between the two halves of the server:
 *   - server/store + server/api + server/main.ts (persistence, ratings, HTTP API, boot), and
 *   - server/live (match service with deadlines, the /bot JSON gateway, Colyseus rooms, matchmaking).
 * Live play depends only on these interfaces; the store implements them. Keep them small.
 */
import type { Standings } from '../games/core/standings.ts';
import type { Json } from '../games/core/types.ts';

export type SeatKind = 'builtin' | 'remote' | 'human' | 'checkpoint';

/**
 * How a match ended, beyond the engine's own result: 'normal', 'timeout-forfeit', 'disconnect',
 * 'crash' (with a fault seat: an agent failed; without: the engine did) or 'aborted' (never rated).
 * Defined with the match loop (games/core/match.ts); ratings policy: docs/ratings.md.
 */
export type { Outcome as OutcomeKind } from '../games/core/match.ts';
import type { Outcome as OutcomeKind } from '../games/core/match.ts';

export interface AgentRecord {
  id: string;
  name: string;
  owner: string;
  games: string[];
  description: string;
  /** 'builtin' agents are the scripted baselines; 'checkpoint' agents are trained snapshots. */
  kind: 'builtin' | 'remote' | 'checkpoint';
  /** For builtin agents: the registry id in agents/registry.ts; for checkpoints: the checkpoint id. */
  ref?: string;
  createdAt: string;
  revoked: boolean;
  /** 'exploiter': an adversary an evaluation trained against a victim (server/evaluation/); absent otherwise. */
  role?: 'exploiter';
  /** A remote bot's opt-in to adversarial evaluation through the arena (default false; docs/api.md). */
  allowEvaluation?: boolean;
}

export interface SeatRecord {
  seat: number;
  agentId: string | null; // null for anonymous humans
  kind: SeatKind;
  label: string;
}

/** A chat message of a language-model prompt. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/**
 * One turn of a language-model seat, as stored with its match (table match_transcripts): what the bot
 * sent beside its action (`transcript`, validated by server/live/protocol.ts transcriptSchema), keyed by
 * seat and step. `text` is the action as the bot sent it in text (null for a JSON action).
 */
export interface TurnTranscript {
  seat: number;
  step: number;
  text: string | null;
  prompt: ChatMessage[];
  completion: string;
  model?: string;
  attempts?: number;
  fallback?: boolean;
  latencyMs?: number;
  promptTokens?: number;
  completionTokens?: number;
}

export interface FinishedMatch {
  id: string;
  game: string;
  config: Json;
  seed: number;
  seats: SeatRecord[];
  /** The engine's result adjudicated by games/core/standings.ts: returns, ranks (faults last), winner, reason. */
  result: Standings;
  outcome: OutcomeKind;
  /** Seat at fault for a non-normal outcome. */
  faultSeat?: number;
  /** actions[step][seat], exactly as the engine consumed them (after default actions for timeouts). */
  actions: (Json | null)[][];
  finalHash: string;
  /** Per-step rewards, rewards[step][seat], for trajectory export. */
  rewards: number[][];
  /** Milliseconds each seat took per step (null where a seat did not act). */
  thinkMs: (number | null)[][];
  rated: boolean;
  startedAt: string;
  endedAt: string;
  /** Per-turn transcripts of language-model seats, in step order (absent: none were sent). */
  transcripts?: TurnTranscript[];
}

/** What live play needs from the store. Implemented by server/store. */
export interface LiveStore {
  /** The agent owning a bot token, or null (unknown or revoked token). */
  authenticate(token: string): Promise<AgentRecord | null>;
  getAgent(id: string): Promise<AgentRecord | null>;
  getAgentByName(name: string): Promise<AgentRecord | null>;
  /** Current rating of an agent in a game (for matchmaking); default when unrated. */
  rating(agentId: string, game: string): Promise<number>;
  /**
   * Persist a finished match, its action log and (when rated) the rating update, in ONE transaction.
   * Idempotent: committing the same match id twice changes nothing the second time.
   */
  commitMatch(match: FinishedMatch): Promise<void>;
}

/** A match in progress, as the API lists it. */
export interface LiveMatchInfo {
  id: string;
  game: string;
  seats: SeatRecord[];
  step: number;
  startedAt: string;
  /** People and programs watching through the match's room right now. */
  spectators: number;
  /** Colyseus room id to spectate. */
  roomId?: string;
}

/** What the API needs from live play. Implemented by server/live. */
export interface LiveView {
  liveMatches(): LiveMatchInfo[];
}

/**
 * A trained policy snapshot as stored (table `checkpoints`) and as uploaded by `ludus train`.
 * Produced and loaded by agents/policy (see agents/policy/checkpoint.ts: `checkpointAgent(rec)`
 * turns one into an AgentSpec that plays in-process); persisted by server/store.
 */
export interface CheckpointRecord {
  id: string;
  /** Agent name on the leaderboard, e.g. 'ppo-sumo-r3-s12'. */
  name: string;
  game: string;
  /** The game config the policy was trained on. */
  config: Json;
  /** Network description (layer sizes, heads, observation/action sizes, history option...). */
  architecture: Json;
  /** All weights as one little-endian Float32Array, base64-encoded, in `architecture`'s order. */
  weights: string;
  /** Training metadata: algorithm, role (main/main-exploiter/league-exploiter), steps, metrics, seed. */
  training: Json;
  /** The checkpoint this one was trained from, if any. */
  parent: string | null;
  createdAt: string;
}
