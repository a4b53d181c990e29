/** GET /api/games[/:id]: every registered game with its config and action JSON schemas and agents. */
import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { AnyGame } from '../../games/core/types.ts';
import { API_DEPS, type ApiDeps } from './deps.ts';
import { GameBody } from './schemas.ts';
import { Errors, openApi } from './zod.ts';

function describeGame(deps: ApiDeps, g: AnyGame) {
  const defaultConfig = g.configSchema.parse({});
  return {
    id: g.id,
    family: g.family,
    title: g.title,
    description: g.description,
    seats: g.numSeats(defaultConfig),
    defaultConfig,
    configSchema: z.toJSONSchema(g.configSchema, { unrepresentable: 'any', io: 'input' }),
    actionSchema: z.toJSONSchema(g.actionSchema, { unrepresentable: 'any', io: 'input' }),
    actionSpace: g.actionSpace(defaultConfig),
    obsSize: g.obsSize(defaultConfig),
    agents: deps.catalog.agentsFor(g.id).map((a) => ({ id: a.id, title: a.title, description: a.description })),
  };
}

@ApiTags('games')
@Controller('games')
export class GamesController {
  constructor(@Inject(API_DEPS) private readonly deps: ApiDeps) {}

  @Get()
  @ApiOkResponse({ description: 'all games', schema: openApi(z.array(GameBody)) })
  list() {
    return this.deps.catalog.games().map((g) => describeGame(this.deps, g));
  }

  @Get(':id')
  @ApiParam({ name: 'id', description: 'game id, e.g. ipd' })
  @ApiOkResponse({ schema: openApi(GameBody) })
  @Errors(404)
  get(@Param('id') id: string) {
    return describeGame(this.deps, this.deps.catalog.game(id));
  }
}
