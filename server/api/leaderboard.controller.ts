/** GET /api/leaderboard/:game — Elo, games, W/D/L, maximum-likelihood Elo ± its standard error, exploitability. */
import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { ELO_INITIAL, ELO_K } from '../store/rating-policy.ts';
import { API_DEPS, type ApiDeps } from './deps.ts';
import { LeaderboardBody } from './schemas.ts';
import { Errors, openApi } from './zod.ts';

@ApiTags('leaderboard')
@Controller('leaderboard')
export class LeaderboardController {
  constructor(@Inject(API_DEPS) private readonly deps: ApiDeps) {}

  @Get(':game')
  @ApiParam({ name: 'game', description: 'game id' })
  @ApiOkResponse({ schema: openApi(LeaderboardBody) })
  @Errors(404)
  async get(@Param('game') gameId: string) {
    const game = this.deps.catalog.game(gameId);
    const rows = await this.deps.store.leaderboard(game.id);
    return {
      game: game.id,
      k: ELO_K,
      initial: ELO_INITIAL,
      items: rows.map((r) => ({ ...r, exploitability: r.kind === 'builtin' && r.ref ? this.deps.exploitability.of(game.id, r.ref) : null })),
    };
  }
}
