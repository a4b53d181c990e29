/** GET /api (what this server is and where things are) and GET /api/health. */
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthBody, InfoBody, type ServerInfo } from './schemas.ts';
import { openApi } from './zod.ts';
import { ELO_INITIAL, ELO_K } from '../store/rating-policy.ts';
import { API_DEPS, type ApiDeps } from './deps.ts';

@ApiTags('server')
@Controller()
export class InfoController {
  constructor(@Inject(API_DEPS) private readonly deps: ApiDeps) {}

  @Get()
  @ApiOperation({ summary: 'server facts: URLs, database backend, games, league status' })
  @ApiOkResponse({ schema: openApi(InfoBody) })
  info(): ServerInfo {
    return {
      name: 'ludus' as const,
      version: '0.1.0',
      backend: this.deps.store.backend,
      urls: this.deps.urls(),
      games: this.deps.catalog.games().map((g) => g.id),
      elo: { k: ELO_K, initial: ELO_INITIAL },
      league: this.deps.league() ?? null,
      live: this.deps.live() !== undefined,
    };
  }

  @Get('health')
  @ApiOperation({ summary: 'liveness: the process answers' })
  @ApiOkResponse({ schema: openApi(HealthBody) })
  health() {
    return { ok: true };
  }
}
