/** Trained checkpoints: POST (admin token) stores one and registers it as an agent; GET lists and downloads. */
import { Body, Controller, Get, Inject, Param, Post, Query, Req } from '@nestjs/common';
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
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import type { CheckpointRecord } from '../contracts.ts';
import { ArenaError } from '../errors.ts';
import { requireAdmin } from './auth.ts';
import { Expensive } from './rate-limits.ts';
import { API_DEPS, type ApiDeps } from './deps.ts';
import { CheckpointBody, CheckpointCreatedBody, CheckpointPage, CheckpointRecordBody } from './schemas.ts';
import { Errors, openApi, ZodPipe } from './zod.ts';
import { parseConfig } from '../../games/core/kernel.ts';
import { parseCheckpoint } from '../../agents/policy/checkpoint.ts';

@ApiTags('checkpoints')
@Controller('checkpoints')
export class CheckpointsController {
  constructor(@Inject(API_DEPS) private readonly deps: ApiDeps) {}

  @Post()
  @Expensive()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'upload a CheckpointRecord (admin token); it becomes an agent of kind checkpoint' })
  @ApiBody({ schema: openApi(CheckpointBody, 'input') })
  @ApiCreatedResponse({ schema: openApi(CheckpointCreatedBody) })
  @Errors(400, 401, 404, 409)
  async upload(@Req() req: IncomingMessage, @Body() raw: unknown) {
    await requireAdmin(this.deps, req);
    const rec = new ZodPipe(CheckpointBody, 'checkpoint').transform(raw) as CheckpointRecord;
    const game = this.deps.catalog.game(rec.game);
    parseConfig(game, rec.config); // a config the game rejects → 400 BAD_CONFIG
    parseCheckpoint(rec); // architecture and weight count must agree → 400 BAD_CONFIG
    const { agent } = await this.deps.store.saveCheckpoint(rec);
    this.deps.log(`api: checkpoint ${rec.id} registered as agent ${agent.name}`);
    const { weights: _w, ...summary } = rec;
    return { checkpoint: { ...summary, agentId: agent.id }, agent };
  }

  @Get()
  @ApiQuery({ name: 'game', required: false })
  @ApiOkResponse({ schema: openApi(CheckpointPage) })
  async list(@Query(new ZodPipe(z.strictObject({ game: z.string().optional() }), 'query')) q: { game?: string }) {
    const items = (await this.deps.store.listCheckpoints(q.game)).map(({ weights: _w, ...c }) => c);
    return { items };
  }

  @Get(':id')
  @ApiParam({ name: 'id' })
  @ApiOperation({ summary: 'the full record, weights included' })
  @ApiOkResponse({ schema: openApi(CheckpointRecordBody) })
  @Errors(404)
  async get(@Param('id') id: string): Promise<z.infer<typeof CheckpointRecordBody>> {
    const c = await this.deps.store.getCheckpoint(id);
    if (!c) throw new ArenaError('UNKNOWN_CHECKPOINT', `no checkpoint ${JSON.stringify(id)}`);
    return c;
  }
}
