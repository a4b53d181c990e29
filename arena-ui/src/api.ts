/**
 * The HTTP API as the app uses it (NestJS under /api; see docs/api.md). Every call goes through
 * `get`/`post`, which turn non-2xx answers into errors carrying the server's message.
 */
import type {
  Agent,
  AgentPayoffView,
  CheckpointInfo,
  Evaluation,
  Exploitability,
  GameInfo,
  Leaderboard,
  LeaderboardRow,
  LiveMatch,
  MatchDetail,
  MatchSummary,
  MatchViews,
  Page,
  PlayAnswer,
  RatingPoint,
  Seat,
} from '../../server/api/schemas.ts';

// The answers' shapes are described once, by the zod schemas of server/api/schemas.ts (which also
// generate the OpenAPI document); the app only imports their types.
export type {
  AgentPayoffView,
  Evaluation,
  Exploitability,
  GameInfo,
  Leaderboard,
  LeaderboardRow,
  MatchSummary,
  MatchViews,
  Page,
  RatingPoint,
};
export type AgentRecord = Agent;
export type SeatRecord = Seat;
export type LiveMatchInfo = LiveMatch;
export type CheckpointSummary = CheckpointInfo;

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
    headers:
      body === undefined
        ? { accept: 'application/json' }
        : { accept: 'application/json', 'content-type': 'application/json' },
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
    const msg =
      typeof data === 'object' && data
        ? (data.message ?? data.error ?? JSON.stringify(data))
        : String(data ?? res.statusText);
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

export const api = {
  games: () => get<GameInfo[]>('/api/games'),
  leaderboard: (game: string) => get<Leaderboard>(`/api/leaderboard/${encodeURIComponent(game)}`),
  agentPayoff: (game: string, agent: string, top = 8) =>
    get<AgentPayoffView>(`/api/leaderboard/${encodeURIComponent(game)}/agents/${encodeURIComponent(agent)}?top=${top}`),
  agent: (id: string) => get<AgentRecord>(`/api/agents/${encodeURIComponent(id)}`),
  agents: (game?: string) => get<Page<AgentRecord>>(`/api/agents${qs({ game, limit: 500 })}`).then((p) => p.items),
  ratingHistory: (id: string, game?: string) =>
    get<{ items: RatingPoint[] }>(`/api/agents/${encodeURIComponent(id)}/ratings${qs({ game })}`).then((r) => r.items),
  matches: (f: { game?: string; agent?: string; limit: number; offset: number }) =>
    get<Page<MatchSummary>>(`/api/matches${qs(f)}`),
  match: (id: string) => get<MatchDetail>(`/api/matches/${encodeURIComponent(id)}`),
  views: (id: string) => get<MatchViews>(`/api/matches/${encodeURIComponent(id)}/views`),
  live: () => get<{ items: LiveMatchInfo[] }>('/api/live').then((r) => r.items),
  checkpoints: (game?: string) =>
    get<{ items: CheckpointSummary[] }>(`/api/checkpoints${qs({ game })}`).then((r) => r.items),
  evaluations: (victim: string) =>
    get<Page<Evaluation>>(`/api/evaluations${qs({ victim, limit: 50 })}`).then((p) => p.items),
  play: (req: { game: string; opponent: string; config?: unknown; seat?: number; name?: string }) =>
    post<PlayAnswer>('/api/play', req),
};
