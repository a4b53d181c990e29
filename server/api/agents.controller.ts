/**
 * Agents: register (token shown once), list, get, rotate, revoke, rating history.
 * Registration is open (one curl); rotate/revoke need the agent's own token or the admin token.
 */
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
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
import type { IncomingMessage as Request } from 'node:http';
import { z } from 'zod';
import type { AgentRecord } from '../contracts.ts';
import { ArenaError } from '../errors.ts';
import { requireAgent, requireSelfOrAdmin } from './auth.ts';
import { Expensive } from './rate-limits.ts';
import { API_DEPS, type ApiDeps } from './deps.ts';
import { AgentBody, AgentPage, AgentQuery, RatingHistoryBody, RegisterAgentBody, TokenBody } from './schemas.ts';
import { Errors, openApi, ZodPipe } from './zod.ts';

/** An agent by id, or by name (names are unique). */
export async function findAgent(deps: ApiDeps, idOrName: string): Promise<AgentRecord> {
  const a = (await deps.store.getAgent(idOrName)) ?? (await deps.store.getAgentByName(idOrName));
  if (!a) throw new ArenaError('UNKNOWN_AGENT', `no agent ${JSON.stringify(idOrName)}`);
  return a;
}

@ApiTags('agents')
@Controller('agents')
export class AgentsController {
  constructor(@Inject(API_DEPS) private readonly deps: ApiDeps) {}

  @Post()
  @Expensive()
  @ApiOperation({ summary: 'register a bot; the token in the answer is shown once' })
  @ApiBody({ schema: openApi(RegisterAgentBody, 'input') })
  @ApiCreatedResponse({ schema: openApi(TokenBody) })
  @Errors(400, 404, 409)
  async register(@Body(new ZodPipe(RegisterAgentBody, 'agent')) body: z.infer<typeof RegisterAgentBody>) {
    for (const g of body.games) this.deps.catalog.game(g); // unknown game → 404
    const { agent, token } = await this.deps.store.registerAgent({ ...body, kind: 'remote' });
    this.deps.log(`api: registered agent ${agent.name} (${agent.games.join(', ')})`);
    return { agent, token };
  }

  @Get()
  @ApiQuery({ name: 'game', required: false })
  @ApiQuery({ name: 'kind', required: false, enum: ['builtin', 'remote', 'checkpoint'] })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', default: 50, maximum: 500 } })
  @ApiQuery({ name: 'offset', required: false, schema: { type: 'integer', default: 0 } })
  @ApiOkResponse({ schema: openApi(AgentPage) })
  @Errors(400)
  async list(@Query(new ZodPipe(AgentQuery, 'query')) q: z.infer<typeof AgentQuery>) {
    const { items, total } = await this.deps.store.listAgents(q);
    return { items, total, limit: q.limit, offset: q.offset };
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'the agent owning the bearer token' })
  @ApiOkResponse({ schema: openApi(AgentBody) })
  @Errors(401)
  me(@Req() req: Request) {
    return requireAgent(this.deps, req);
  }

  @Get(':id')
  @ApiParam({ name: 'id', description: 'agent id or name' })
  @ApiOkResponse({ schema: openApi(AgentBody) })
  @Errors(404)
  get(@Param('id') id: string) {
    return findAgent(this.deps, id);
  }

  @Get(':id/ratings')
  @ApiParam({ name: 'id', description: 'agent id or name' })
  @ApiQuery({ name: 'game', required: false })
  @ApiOperation({ summary: 'rating history, oldest first' })
  @ApiOkResponse({ schema: openApi(RatingHistoryBody) })
  @Errors(400, 404)
  async ratings(
    @Param('id') id: string,
    @Query(new ZodPipe(z.strictObject({ game: z.string().optional() }), 'query')) q: { game?: string },
  ) {
    const agent = await findAgent(this.deps, id);
    return { items: await this.deps.store.ratingHistory(agent.id, q.game) };
  }

  @Post(':id/rotate')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiParam({ name: 'id', description: 'agent id or name' })
  @ApiOperation({ summary: 'new token (shown once); the old one stops working. Agent token or admin token.' })
  @ApiOkResponse({ schema: openApi(TokenBody) })
  @Errors(401, 403, 404)
  async rotate(@Param('id') id: string, @Req() req: Request) {
    const agent = await findAgent(this.deps, id);
    await requireSelfOrAdmin(this.deps, req, agent.id);
    const token = await this.deps.store.rotateToken(agent.id);
    this.deps.live()?.revokeAgent(agent.id, 'rotated'); // open sessions of the old token end now
    return { agent: await findAgent(this.deps, agent.id), token };
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiParam({ name: 'id', description: 'agent id or name' })
  @ApiOperation({ summary: 'revoke the token; the agent and its results stay. Agent token or admin token.' })
  @ApiOkResponse({ schema: openApi(AgentBody) })
  @Errors(401, 403, 404)
  async revoke(@Param('id') id: string, @Req() req: Request) {
    const agent = await findAgent(this.deps, id);
    await requireSelfOrAdmin(this.deps, req, agent.id);
    const revoked = await this.deps.store.revokeAgent(agent.id);
    this.deps.live()?.revokeAgent(agent.id, 'revoked'); // open sessions end now, seeks and challenges are cancelled
    return revoked;
  }
}
