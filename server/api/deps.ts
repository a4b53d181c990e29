/**
 * What the controllers are given, as ONE injection token (esbuild emits no decorator metadata, so
 * every constructor dependency is named explicitly with `@Inject(API_DEPS)`).
 */
import type { TournamentService } from '../tournament/service.ts';
import type { EvaluationService } from '../evaluation/service.ts';
import type { LiveHandle } from '../live/index.ts';
import type { Store } from '../store/store.ts';
import type { GameCatalog } from '../catalog.ts';
import type { ExploitabilityCache } from './exploitability.ts';
import type { AuthFailureLimiter } from '../auth-failures.ts';

export const API_DEPS = Symbol('ludus.api.deps');

export type { LeagueStatus } from '../league/league.ts';
import type { LeagueStatus } from '../league/league.ts';

export interface ApiDeps {
  store: Store;
  catalog: GameCatalog;
  /** Live play, once started (undefined before, or when the live half is disabled). */
  live(): LiveHandle | undefined;
  league(): LeagueStatus | undefined;
  /** Hosted tournaments (undefined when LUDUS_TOURNAMENTS=off). */
  tournaments?(): TournamentService | undefined;
  /** Adversarial evaluations (undefined when the job queue is off). */
  evaluations?(): EvaluationService | undefined;
  exploitability: ExploitabilityCache;
  /** Public URLs printed at boot and served at GET /api. */
  urls(): Record<string, string>;
  log(line: string): void;
  /** Failed authentications per address (the arena's one limiter, server/auth-failures.ts). */
  authFailures?: AuthFailureLimiter;
  /**
   * Extra readiness checks beside the database's (e.g. the job queue's backlog): each resolves with
   * facts to show, or rejects when the server should not take traffic. GET /api/health/ready.
   */
  readiness?: Record<string, () => Promise<Record<string, unknown>>>;
}
