/**
 * Hosted tournaments (server/tournament/): organisers create, schedule and cancel with the admin
 * token; agents join and withdraw themselves with their own token (or the admin enters them);
 * anyone reads the list, the standings, the crosstable, the rounds, and the CSV/JSON export.
 */
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { ArenaError } from '../errors.ts';
import type { TournamentService } from '../tournament/service.ts';
import { standingsCsv, tournamentView } from '../tournament/view.ts';
import { bearer } from '../store/tokens.ts';
import { requireAdmin } from './auth.ts';
import { API_DEPS, type ApiDeps } from './deps.ts';
import { JoinBody, ScheduleBody, ScheduleView, TournamentBody, TournamentQuery, TournamentView } from './schemas.ts';
import { Errors, openApi, ZodPipe } from './zod.ts';

@ApiTags('tournaments')
@Controller('tournaments')
export class TournamentsController {
  constructor(@Inject(API_DEPS) private readonly deps: ApiDeps) {}

  private service(): TournamentService {
    const s = this.deps.tournaments?.();
    if (!s) throw new ArenaError('UNAVAILABLE', 'tournaments are off on this server (LUDUS_TOURNAMENTS=off)');
    return s;
  }

  /** An agent id or name → its id. */
  private async agentId(ref: string): Promise<string> {
    const a = (await this.deps.store.getAgent(ref)) ?? (await this.deps.store.getAgentByName(ref));
    if (!a || a.revoked) throw new ArenaError('UNKNOWN_AGENT', `no agent ${JSON.stringify(ref)}`);
    return a.id;
  }

  @Post()
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'create a tournament (admin token): game, config, rules (format…), invited entrants or open registration, start time',
  })
  @ApiBody({ schema: openApi(TournamentBody, 'input') })
  @ApiCreatedResponse({ schema: openApi(TournamentView) })
  @Errors(400, 401, 404, 503)
  async create(@Req() req: IncomingMessage, @Body() raw: unknown) {
    await requireAdmin(this.deps, req);
    const b = new ZodPipe(TournamentBody, 'tournament').transform(raw);
    const entrants = await Promise.all(b.entrants.map((e) => this.agentId(e)));
    const startsAt = b.startsAt
      ? new Date(b.startsAt)
      : b.startInSeconds !== undefined
        ? new Date(Date.now() + b.startInSeconds * 1000)
        : undefined;
    const t = await this.service().create({
      name: b.name,
      game: b.game,
      config: b.config as never,
      rules: b.rules,
      ...(b.seed !== undefined ? { seed: b.seed } : {}),
      entrants,
      open: b.open,
      ...(b.maxEntrants !== undefined ? { maxEntrants: b.maxEntrants } : {}),
      ...(startsAt ? { startsAt } : {}),
      ...(b.pacedMs !== undefined ? { pacedMs: b.pacedMs } : {}),
    });
    this.deps.log(`api: tournament ${t.id} (${t.name}) created`);
    return tournamentView(this.deps.store, t);
  }

  @Post('schedules')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'a recurring tournament (admin token): the template is created at every occurrence of the cron expression',
  })
  @ApiBody({ schema: openApi(ScheduleBody, 'input') })
  @ApiCreatedResponse({ schema: openApi(ScheduleView) })
  @Errors(400, 401, 503)
  async schedule(@Req() req: IncomingMessage, @Body() raw: unknown) {
    await requireAdmin(this.deps, req);
    const b = new ZodPipe(ScheduleBody, 'schedule').transform(raw);
    const entrants = await Promise.all(b.template.entrants.map((e) => this.agentId(e)));
    return this.service().createSchedule(b.name, b.cron, { ...b.template, entrants });
  }

  @Get()
  @ApiQuery({ name: 'status', required: false })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'offset', required: false })
  @ApiOkResponse({ schema: openApi(z.object({ items: z.array(TournamentView), total: z.number() })) })
  @Errors(400, 503)
  async list(@Query(new ZodPipe(TournamentQuery, 'query')) q: z.infer<typeof TournamentQuery>) {
    const { items, total } = await this.service().list({
      ...(q.status ? { status: q.status } : {}),
      limit: q.limit,
      offset: q.offset,
    });
    return { items: await Promise.all(items.map((t) => tournamentView(this.deps.store, t))), total };
  }

  @Get(':id')
  @ApiParam({ name: 'id' })
  @ApiOkResponse({ schema: openApi(TournamentView) })
  @Errors(404, 503)
  async get(@Param('id') id: string) {
    return tournamentView(this.deps.store, await this.service().get(id));
  }

  @Get(':id/export')
  @ApiParam({ name: 'id' })
  @ApiQuery({ name: 'format', required: false, description: 'csv (standings) or json (the whole view, default)' })
  @ApiOperation({ summary: 'download the standings as CSV, or everything as JSON' })
  @ApiOkResponse({
    description: 'an attachment',
    content: { 'text/csv': { schema: { type: 'string' } }, 'application/json': { schema: openApi(TournamentView) } },
  })
  @Errors(400, 404, 503)
  async export(
    @Param('id') id: string,
    @Query(new ZodPipe(z.strictObject({ format: z.enum(['csv', 'json']).default('json') }), 'query')) q: {
      format: 'csv' | 'json';
    },
    @Res() res: ServerResponse,
  ) {
    const v = await tournamentView(this.deps.store, await this.service().get(id));
    const body = q.format === 'csv' ? standingsCsv(v) : JSON.stringify(v, null, 2);
    res.statusCode = 200;
    res.setHeader('content-type', q.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="${id}.${q.format}"`);
    res.end(body);
  }

  /** The agent a join/withdraw is for: the caller's own agent, or (admin) the one named in the body. */
  private async actor(req: IncomingMessage, raw: unknown): Promise<string> {
    const b = new ZodPipe(JoinBody, 'body').transform(raw ?? {});
    const token = bearer(req.headers.authorization);
    if (!token) throw new ArenaError('UNAUTHORIZED', 'missing token (Authorization: Bearer <agent or admin token>)');
    if (await this.deps.store.isAdmin(token)) {
      if (!b.agent) throw new ArenaError('SCHEMA', 'with the admin token, name the agent: {"agent": "<id or name>"}');
      return this.agentId(b.agent);
    }
    const agent = await this.deps.store.authenticate(token);
    if (!agent) throw new ArenaError('UNAUTHORIZED', 'unknown or revoked token');
    if (b.agent !== undefined && b.agent !== agent.id && b.agent !== agent.name)
      throw new ArenaError('FORBIDDEN', `this token belongs to ${agent.name}`);
    return agent.id;
  }

  @Post(':id/join')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiParam({ name: 'id' })
  @ApiOperation({
    summary: 'enter an open tournament before its start (agent token: yourself; admin token: {"agent"})',
  })
  @ApiBody({ schema: openApi(JoinBody, 'input'), required: false })
  @ApiOkResponse({ schema: openApi(TournamentView) })
  @Errors(400, 401, 403, 404, 409, 503)
  async join(@Req() req: IncomingMessage, @Param('id') id: string, @Body() raw: unknown) {
    const agentId = await this.actor(req, raw);
    return tournamentView(this.deps.store, await this.service().join(id, agentId));
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiParam({ name: 'id' })
  @ApiOperation({
    summary: 'leave a tournament: before the start you leave the field; after, your remaining games are forfeited',
  })
  @ApiBody({ schema: openApi(JoinBody, 'input'), required: false })
  @ApiOkResponse({ schema: openApi(TournamentView) })
  @Errors(400, 401, 403, 404, 409, 503)
  async withdraw(@Req() req: IncomingMessage, @Param('id') id: string, @Body() raw: unknown) {
    const agentId = await this.actor(req, raw);
    return tournamentView(this.deps.store, await this.service().withdraw(id, agentId));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiParam({ name: 'id' })
  @ApiOkResponse({ schema: openApi(TournamentView) })
  @Errors(401, 404, 409, 503)
  async cancel(@Req() req: IncomingMessage, @Param('id') id: string) {
    await requireAdmin(this.deps, req);
    return tournamentView(this.deps.store, await this.service().cancel(id));
  }
}
