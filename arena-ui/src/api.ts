/**
 * The HTTP API as the app uses it (NestJS under /api; see docs/api.md). Every call goes through
 * `get`/`post`, which turn non-2xx answers into errors carrying the server's message.
 */
import type { Json, MatchResult } from '../../games/core/types.ts';
import type { AgentRecord, CheckpointRecord, LiveMatchInfo, OutcomeKind, SeatRecord } from '../../server/contracts.ts';

export type { AgentRecord, LiveMatchInfo, SeatRecord };

/** A checkpoint as listed by `GET /api/checkpoints` (no weights), with the agent it is registered as. */
export type CheckpointSummary = Omit<CheckpointRecord, 'weights'> & { agentId: string };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let data: any = undefined;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = text;
  }
  if (!res.ok) {
    const msg = typeof data === 'object' && data ? (data.message ?? data.error ?? JSON.stringify(data)) : String(data ?? res.statusText);
    throw new ApiError(res.status, `${res.status}: ${Array.isArray(msg) ? msg.join('; ') : msg}`);
  }
  return data as T;
}

export const get = <T>(path: string) => request<T>('GET', path);
export const post = <T>(path: string, body: unknown) => request<T>('POST', path, body);

function qs(params: Record<string, string | number | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? '?' + s : '';
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** One leaderboard row (GET /api/leaderboard/:game; fields documented in docs/api.md). */
export interface LeaderboardRow {
  rank: number;
  agentId: string;
  name: string;
  kind: string;
  elo: number;
  games: number;
  wins: number;
  draws: number;
  losses: number;
  /** Bradley–Terry rating, its sd and 95 % interval; provisional while the sd is large. */
  rating: number;
  ratingSd: number;
  ratingLow: number;
  ratingHigh: number;
  provisional: boolean;
  nash: { mass: number; massLow: number | null; massHigh: number | null; score: number; scoreLow: number | null; scoreHigh: number | null } | null;
  alphaRank: { mass: number; low: number | null; high: number | null; place: number; infiniteMass: number; infiniteLow: number | null; infiniteHigh: number | null; infinitePlace: number } | null;
  exploitability?: number | null;
}

export interface Leaderboard {
  game: string;
  k: number;
  version: number;
  prior: { sd: number; provisionalSd: number };
  gameTheory: { status: 'ready' | 'stale' | 'pending' | 'too-few-agents' | 'error'; error: string | null; version: number | null; agents: number; minGames: number; alpha: number; m: number; draws: number; nashUnique: boolean | null };
  items: LeaderboardRow[];
}

/** GET /api/leaderboard/:game/agents/:agent — the agent (row 0) against its top opponents. */
export interface AgentPayoffView {
  game: string;
  agents: { agentId: string; name: string; rank: number; elo: number; rating: number }[];
  cells: { results: number; weight: number; score: number | null; predicted: number; predictedLow: number; predictedHigh: number }[][];
}

export interface RatingPoint {
  matchId: string;
  game: string;
  before: number;
  after: number;
  score: number;
  at: string;
}

export interface MatchSummary {
  id: string;
  game: string;
  seats: SeatRecord[];
  outcome: OutcomeKind;
  result: MatchResult;
  steps: number;
  rated: boolean;
  startedAt: string;
  endedAt: string;
}

export interface MatchViews {
  id: string;
  game: string;
  seats: SeatRecord[];
  result: MatchResult;
  outcome: OutcomeKind;
  /** Frame 0 is the start; frame k follows step k−1. */
  frames: { step: number; observation: Json; events: Json[]; actions: (Json | null)[] | null }[];
}

/** A game as `GET /api/games` lists it (the fields the app reads). */
export interface GameInfo {
  id: string;
  family: string;
  title: string;
  description: string;
  seats: number;
  defaultConfig: Record<string, unknown>;
  agents: { id: string; title: string; description: string }[];
}

export const api = {
  games: () => get<GameInfo[]>('/api/games'),
  leaderboard: (game: string) => get<Leaderboard>(`/api/leaderboard/${encodeURIComponent(game)}`),
  agentPayoff: (game: string, agent: string, top = 8) => get<AgentPayoffView>(`/api/leaderboard/${encodeURIComponent(game)}/agents/${encodeURIComponent(agent)}?top=${top}`),
  agent: (id: string) => get<AgentRecord>(`/api/agents/${encodeURIComponent(id)}`),
  agents: (game?: string) => get<AgentRecord[] | Page<AgentRecord>>(`/api/agents${qs({ game, limit: 500 })}`).then(unwrap),
  ratingHistory: (id: string, game?: string) => get<RatingPoint[] | { items: RatingPoint[] }>(`/api/agents/${encodeURIComponent(id)}/ratings${qs({ game })}`).then(unwrap),
  matches: (f: { game?: string; agent?: string; limit: number; offset: number }) => get<Page<MatchSummary>>(`/api/matches${qs(f)}`),
  match: (id: string) => get<MatchSummary>(`/api/matches/${encodeURIComponent(id)}`),
  views: (id: string) => get<MatchViews>(`/api/matches/${encodeURIComponent(id)}/views`),
  live: () => get<LiveMatchInfo[] | { items: LiveMatchInfo[] }>('/api/live').then(unwrap),
  checkpoints: (game?: string) => get<CheckpointSummary[] | { items: CheckpointSummary[] }>(`/api/checkpoints${qs({ game })}`).then(unwrap),
  play: (req: { game: string; opponent: string; config?: unknown; seat?: number; name?: string }) => post<{ matchId: string; seat: number; seatToken: string }>('/api/play', req),
};

/** Lists come bare, as a page (`items`) or, for the leaderboard, as `rows`. */
function unwrap<T>(x: T[] | { items: T[] } | { rows: T[] }): T[] {
  if (Array.isArray(x)) return x;
  return 'items' in x ? x.items : x.rows;
}
