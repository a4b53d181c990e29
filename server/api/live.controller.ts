/**
 * Live play through the API: the matches in progress (from server/live's LiveView) and
 * POST /api/play, which starts an unrated match between a person (joining its Colyseus room
 * from the arena UI) and a registered agent.
 */
import { randomBytes } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ArenaError } from '../errors.ts';
import { findAgent } from './agents.controller.ts';
import { Expensive } from './rate-limits.ts';
import { API_DEPS, type ApiDeps } from './deps.ts';
import { LiveBody, PlayBody as PlayAnswerBody, type LiveMatch, type PlayAnswer } from './schemas.ts';
import { checkAnonymousPlay, checkPlayConfigSize } from '../play-limits.ts';
import { Errors, openApi, ZodPipe } from './zod.ts';
import { parseConfig } from '../../games/core/kernel.ts';

const PlayBody = z.strictObject({
  game: z.string().min(1),
  /** Agent id or name; it takes every seat but the person's. */
  opponent: z.string().min(1),
  config: z.unknown().optional(),
  seat: z.number().int().min(0).default(0),
  /** The person's display name, shown to spectators and in the live list (default "guest"); the page itself says "you". */
  name: z.string().trim().min(1).max(32).optional(),
});

@ApiTags('live')
@Controller()
export class LiveController {
  constructor(@Inject(API_DEPS) private readonly deps: ApiDeps) {}

  @Get('live')
  @ApiOperation({ summary: 'matches in progress (spectate through the Colyseus room id)' })
  @ApiOkResponse({ schema: openApi(LiveBody) })
  live(): { items: LiveMatch[] } {
    return { items: this.deps.live()?.liveMatches() ?? [] };
  }

  @Post('play')
  @Expensive()
  @HttpCode(201)
  @ApiOperation({
    summary: 'start an unrated person-vs-agent match; join its Colyseus room with { matchId, human: true, seatToken }',
  })
  @ApiBody({ schema: openApi(PlayBody, 'input') })
  @ApiCreatedResponse({ schema: openApi(PlayAnswerBody) })
  @Errors(400, 404, 503)
  async play(@Body(new ZodPipe(PlayBody, 'play request')) body: z.infer<typeof PlayBody>): Promise<PlayAnswer> {
    const live = this.deps.live();
    if (!live) throw new ArenaError('UNAVAILABLE', 'live play is not running on this server');
    const game = this.deps.catalog.game(body.game);
    // Anyone may call this: the match's length and size are bounded well below what the schema admits.
    checkPlayConfigSize(body.config);
    const config = parseConfig(game, body.config ?? {});
    checkAnonymousPlay(game.id, config, parseConfig(game, {}));
    const n = game.numSeats(config);
    if (body.seat >= n) throw new ArenaError('SCHEMA', `seat must be below ${n} in ${game.id}`);
    const opponent = await findAgent(this.deps, body.opponent);
    // The seat token is the person's claim on the seat: only its holder can join the seat (and rejoin it after a drop).
    const seatToken = 'st_' + randomBytes(18).toString('base64url');
    const seats = Array.from({ length: n }, (_, s) =>
      s === body.seat ? { human: true as const, label: body.name ?? 'guest', seatToken } : { agent: opponent },
    );
    const { matchId } = await live.startMatch({ game: game.id, config, seats, rated: false, origin: { type: 'play' } });
    return { matchId, seat: body.seat, seatToken };
  }
}
