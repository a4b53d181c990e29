/**
 * Finished matches: list (filters by game, agent, outcome; paginated, newest first), get, the
 * replay JSON, trajectories as JSONL, and per-step spectator frames for the UI's replay player.
 */
import { Controller, Get, Header, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { ArenaError } from '../errors.ts';
import type { MatchSummary } from '../store/matches.ts';
import { findAgent } from './agents.controller.ts';
import { Heavy } from './rate-limits.ts';
import { API_DEPS, type ApiDeps } from './deps.ts';
import { trajectories, toJsonl, turnLines, type ReplayFile } from './replay-export.ts';
import {
  MatchDetailBody,
  MatchPage,
  MatchQuery,
  ReplayBody,
  TrajectoryQuery,
  TranscriptBody,
  ViewsBody,
  type MatchDetail,
  type MatchViews,
} from './schemas.ts';
import { spectatorFrames } from './views.ts';
import { Errors, openApi, ZodPipe } from './zod.ts';

@ApiTags('matches')
@Controller('matches')
export class MatchesController {
  constructor(@Inject(API_DEPS) private readonly deps: ApiDeps) {}

  private async match(id: string): Promise<MatchSummary> {
    const m = await this.deps.store.getMatch(id);
    if (!m) throw new ArenaError('UNKNOWN_MATCH', `no match ${JSON.stringify(id)}`);
    return m;
  }

  private async replayOf(id: string): Promise<ReplayFile> {
    const m = await this.match(id);
    const log = await this.deps.store.getActionLog(id);
    return {
      game: m.game,
      config: m.config,
      seed: m.seed,
      seats: m.seats,
      actions: log.actions,
      finalHash: m.finalHash,
      outcome: m.outcome,
      result: m.result,
      ...(m.faultSeat !== undefined && m.faultSeat !== null ? { faultSeat: m.faultSeat } : {}),
    };
  }

  @Get()
  @ApiQuery({ name: 'game', required: false })
  @ApiQuery({ name: 'agent', required: false, description: 'agent id or name' })
  @ApiQuery({ name: 'outcome', required: false, enum: ['normal', 'timeout-forfeit', 'disconnect', 'crash', 'aborted'] })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', default: 50, maximum: 500 } })
  @ApiQuery({ name: 'offset', required: false, schema: { type: 'integer', default: 0 } })
  @ApiOkResponse({ schema: openApi(MatchPage) })
  @Errors(400, 404)
  async list(@Query(new ZodPipe(MatchQuery, 'query')) q: z.infer<typeof MatchQuery>) {
    const agent = q.agent === undefined ? undefined : (await findAgent(this.deps, q.agent)).id;
    const { items, total } = await this.deps.store.listMatches({ ...q, agent });
    return { items, total, limit: q.limit, offset: q.offset };
  }

  @Get(':id')
  @ApiParam({ name: 'id' })
  @ApiOkResponse({ schema: openApi(MatchDetailBody) })
  @Errors(404)
  async get(@Param('id') id: string): Promise<MatchDetail> {
    const m = await this.match(id);
    return { ...m, ratingChanges: await this.deps.store.matchRatingChanges(id) };
  }

  @Get(':id/replay')
  @Heavy()
  @ApiParam({ name: 'id' })
  @ApiOperation({
    summary:
      'replay JSON {game, config, seed, seats, actions, finalHash, outcome, result, faultSeat?}; games/core replay() re-simulates it to finalHash',
  })
  @ApiOkResponse({ schema: openApi(ReplayBody) })
  @Errors(404)
  replay(@Param('id') id: string) {
    return this.replayOf(id);
  }

  @Get(':id/transcript')
  @Heavy()
  @ApiParam({ name: 'id' })
  @ApiOperation({
    summary:
      'per-turn transcripts of the language-model seats: {matchId, game, turns: [{seat, step, text, prompt, completion, model?, attempts?, fallback?, latencyMs?, promptTokens?, completionTokens?}]}',
  })
  @ApiOkResponse({ schema: openApi(TranscriptBody) })
  @Errors(404)
  async transcript(@Param('id') id: string): Promise<z.infer<typeof TranscriptBody>> {
    const m = await this.match(id);
    return { matchId: m.id, game: m.game, turns: await this.deps.store.getTranscripts(id) };
  }

  @Get(':id/trajectories')
  @Heavy()
  @ApiParam({ name: 'id' })
  @ApiQuery({ name: 'seat', required: false, schema: { type: 'integer' } })
  @ApiQuery({ name: 'vectorsOnly', required: false, schema: { type: 'boolean' } })
  @ApiQuery({ name: 'format', required: false, enum: ['steps', 'turns'] })
  @ApiOperation({
    summary:
      "JSONL. format=steps (default), one line per seat per step: {step, seat, obs, vector, mask, action, actionIndex, reward, terminated, truncated, reason, outcome}; a seat's last line adds nextObs, nextVector. format=turns, one line per seat per turn for language models: {matchId, game, seat, turn, step, prompt, completion, text, action, reward, return, returnToGo, terminated, truncated, reason, outcome, model?, …}",
  })
  @ApiProduces('application/x-ndjson')
  @ApiOkResponse({
    description: 'one JSON object per line',
    content: { 'application/x-ndjson': { schema: { type: 'string' } } },
  })
  @Header('content-type', 'application/x-ndjson; charset=utf-8')
  @Errors(400, 404)
  async trajectories(
    @Param('id') id: string,
    @Query(new ZodPipe(TrajectoryQuery, 'query')) q: z.infer<typeof TrajectoryQuery>,
    @Res() res: ServerResponse,
  ) {
    const rep = await this.replayOf(id);
    const game = this.deps.catalog.game(rep.game);
    const body = toJsonl(
      q.format === 'turns'
        ? turnLines(game, rep, await this.deps.store.getTranscripts(id), { seat: q.seat, matchId: id })
        : trajectories(game, rep, { seat: q.seat, vectorsOnly: q.vectorsOnly }),
    );
    res.setHeader('content-type', 'application/x-ndjson; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="${id}.jsonl"`);
    res.end(body);
  }

  @Get(':id/views')
  @Heavy()
  @ApiParam({ name: 'id' })
  @ApiOperation({ summary: 'per-step spectator views (public information only), for replay players' })
  @ApiOkResponse({ schema: openApi(ViewsBody) })
  @Errors(404)
  async views(@Param('id') id: string): Promise<MatchViews> {
    const m = await this.match(id);
    const log = await this.deps.store.getActionLog(id);
    const game = this.deps.catalog.game(m.game);
    return {
      id: m.id,
      game: m.game,
      seats: m.seats,
      result: m.result,
      outcome: m.outcome,
      frames: spectatorFrames(game, { config: m.config, seed: m.seed, actions: log.actions }),
    };
  }
}
