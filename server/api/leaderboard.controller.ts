/**
 * GET /api/leaderboard/:game — online Elo, W/D/L, Bradley–Terry rating ± interval (provisional
 * flag), Nash averaging and α-Rank with intervals, exploitability (exact, or the best attack bound:
 * server/api/exploitability.ts); ratings from the store's cached snapshot (server/store/leaderboard.ts), so a request never refits.
 * GET /api/leaderboard/:game/agents/:agent — "why this rank": the agent against its top opponents.
 * GET /api/leaderboard/:game/predict?a=&b= — a's predicted score against b with its interval.
 */
import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { ArenaError } from '../errors.ts';
import { evidenceOf } from '../evaluation/store.ts';
import { ELO_INITIAL, ELO_K } from '../store/rating-policy.ts';
import { findAgent } from './agents.controller.ts';
import { API_DEPS, type ApiDeps } from './deps.ts';
import { AgentViewBody, AgentViewQuery, LeaderboardBody, PredictBody, PredictQuery } from './schemas.ts';
import { Errors, openApi, ZodPipe } from './zod.ts';

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
    const board = await this.deps.store.leaderboard(game.id);
    const evidence = await evidenceOf(this.deps.store.db, game.id);
    return {
      ...board,
      k: ELO_K,
      initial: ELO_INITIAL,
      items: board.items.map((r) => ({
        ...r,
        exploitability: this.deps.exploitability.of(game.id, r, evidence.get(r.agentId)),
      })),
    };
  }

  @Get(':game/predict')
  @ApiParam({ name: 'game', description: 'game id' })
  @ApiQuery({ name: 'a', description: 'agent id or name' })
  @ApiQuery({ name: 'b', description: 'agent id or name' })
  @ApiOkResponse({ schema: openApi(PredictBody) })
  @Errors(400, 404)
  async predict(
    @Param('game') gameId: string,
    @Query(new ZodPipe(PredictQuery, 'query')) q: z.infer<typeof PredictQuery>,
  ) {
    const game = this.deps.catalog.game(gameId);
    const [a, b] = await Promise.all([findAgent(this.deps, q.a), findAgent(this.deps, q.b)]);
    const p = await this.deps.store.boards.predict(game.id, a.id, b.id);
    if (!p) throw new ArenaError('UNKNOWN_AGENT', `${a.name} and ${b.name} are not both on the ${game.id} leaderboard`);
    return { a: a.id, b: b.id, ...p };
  }

  @Get(':game/agents/:agent')
  @ApiParam({ name: 'game', description: 'game id' })
  @ApiParam({ name: 'agent', description: 'agent id or name' })
  @ApiQuery({ name: 'top', required: false, schema: { type: 'integer', default: 8, maximum: 30 } })
  @ApiOkResponse({ schema: openApi(AgentViewBody) })
  @Errors(400, 404)
  async agent(
    @Param('game') gameId: string,
    @Param('agent') agentRef: string,
    @Query(new ZodPipe(AgentViewQuery, 'query')) q: z.infer<typeof AgentViewQuery>,
  ) {
    const game = this.deps.catalog.game(gameId);
    const agent = await findAgent(this.deps, agentRef);
    const view = await this.deps.store.boards.agentView(game.id, agent.id, q.top);
    if (!view) throw new ArenaError('UNKNOWN_AGENT', `${agent.name} is not on the ${game.id} leaderboard`);
    return view;
  }
}
