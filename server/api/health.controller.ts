/**
 * Health that means something (issue 15, fault 9), on @nestjs/terminus:
 *
 * - `GET /api/health/live` — liveness: 200 `{status: 'ok'}` while the process serves HTTP at all
 *   (restart the process when this fails).
 * - `GET /api/health/ready` and `GET /api/health` — readiness: 200 `{status: 'ok', info, error: {},
 *   details}` when the database answers `SELECT 1` within `DB_CHECK_TIMEOUT_MS` and every extra check
 *   in `ApiDeps.readiness` (the job queue's, when there is one) resolves; otherwise 503
 *   `UNAVAILABLE` with the same report in `details` (send no traffic here until it is 200 again).
 */
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, type HealthCheckResult, type HealthIndicatorResult } from '@nestjs/terminus';
import { ArenaError } from '../errors.ts';
import { API_DEPS, type ApiDeps } from './deps.ts';
import { HealthBody, ReadyBody } from './schemas.ts';
import { Errors, openApi } from './zod.ts';

/** How long the database may take to answer the readiness probe, ms. */
export const DB_CHECK_TIMEOUT_MS = 2000;

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

@ApiTags('server')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(API_DEPS) private readonly deps: ApiDeps,
    @Inject(HealthCheckService) private readonly health: HealthCheckService,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'liveness: 200 while the process serves HTTP' })
  @ApiOkResponse({ schema: openApi(HealthBody) })
  live() {
    return { status: 'ok' };
  }

  @Get()
  @ApiOperation({ summary: 'readiness (same as /api/health/ready)' })
  @ApiOkResponse({ schema: openApi(ReadyBody) })
  @Errors(503)
  ready0() {
    return this.ready();
  }

  @Get('ready')
  @ApiOperation({
    summary: 'readiness: the database answers, and every extra check (job queue) passes; 503 UNAVAILABLE otherwise',
  })
  @ApiOkResponse({ schema: openApi(ReadyBody) })
  @Errors(503)
  async ready(): Promise<HealthCheckResult> {
    const check =
      (name: string, run: () => Promise<Record<string, unknown>>) => async (): Promise<HealthIndicatorResult> => {
        try {
          return { [name]: { status: 'up', ...(await withTimeout(run(), DB_CHECK_TIMEOUT_MS, name)) } };
        } catch (e) {
          return { [name]: { status: 'down', message: e instanceof Error ? e.message : String(e) } };
        }
      };
    const store = this.deps.store;
    const indicators = [
      check('database', async () => {
        await store.db.query('SELECT 1');
        return { backend: store.backend };
      }),
      ...Object.entries(this.deps.readiness ?? {}).map(([name, run]) => check(name, run)),
    ];
    try {
      return await this.health.check(indicators);
    } catch (e) {
      const report = (e as { getResponse?: () => unknown }).getResponse?.();
      const down = Object.keys(((report as HealthCheckResult | undefined)?.error ?? {}) as object);
      throw new ArenaError('UNAVAILABLE', `not ready: ${down.join(', ') || 'a check failed'}`, report);
    }
  }
}
