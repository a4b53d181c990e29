/**
 * The NestJS HTTP API, mounted on an express instance that the boot hands to the shared
 * http.Server (so Colyseus, the /bot gateway and the API share one port). Everything lives under
 * /api; the OpenAPI document is served at /api/docs (UI) and /api/docs-json.
 */
import 'reflect-metadata';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AgentsController } from './agents.controller.ts';
import { CheckpointsController } from './checkpoints.controller.ts';
import { API_DEPS, type ApiDeps } from './deps.ts';
import { ApiErrorFilter, toBody } from './error-filter.ts';
import { GamesController } from './games.controller.ts';
import { InfoController } from './info.controller.ts';
import { LeaderboardController } from './leaderboard.controller.ts';
import { LiveController } from './live.controller.ts';
import { MatchesController } from './matches.controller.ts';
import { TournamentsController } from './tournaments.controller.ts';
import { StorablePipe } from './zod.ts';

@Module({})
class ApiModule {
  static with(deps: ApiDeps): DynamicModule {
    return {
      module: ApiModule,
      controllers: [InfoController, GamesController, AgentsController, MatchesController, LeaderboardController, LiveController, CheckpointsController, TournamentsController],
      providers: [{ provide: API_DEPS, useValue: deps }],
    };
  }
}

export interface Api {
  app: NestExpressApplication;
  /** The express request handler to give to http.Server. */
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

export interface ApiOptions {
  /** Served at GET / when the arena UI is not mounted. */
  homePage?: () => string;
  /** JSON body limit (checkpoints carry their weights). */
  bodyLimit?: string;
}

export async function createApi(deps: ApiDeps, opts: ApiOptions = {}): Promise<Api> {
  const adapter = new ExpressAdapter();
  const handler = adapter.getInstance();
  handler.disable('x-powered-by');
  if (opts.homePage) {
    const page = opts.homePage;
    handler.get('/', (_req: unknown, res: { type(t: string): { send(b: string): void } }) => res.type('html').send(page()));
  }
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.with(deps), adapter, {
    logger: false,
    bodyParser: false,
  });
  app.useBodyParser('json', { limit: opts.bodyLimit ?? '64mb' });
  app.setGlobalPrefix('api');
  app.useGlobalFilters(new ApiErrorFilter(deps.log));
  app.useGlobalPipes(new StorablePipe());
  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Ludus arena API')
      .setDescription('Games, agents, matches (replays, trajectories), leaderboards, live matches, checkpoints. Bots play over ws://…/bot (docs/protocol.md).')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs-json' });
  await app.init();
  // Errors raised before Nest's router (e.g. malformed JSON in the body parser) get the same shape.
  handler.use((err: unknown, _req: unknown, res: { headersSent: boolean; status(n: number): { json(b: unknown): void } }, next: (e: unknown) => void) => {
    if (res.headersSent) return next(err);
    const { status: s, body } = toBody(err);
    res.status(s).json(body);
  });
  return { app, handler };
}
