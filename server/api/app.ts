/**
 * The NestJS HTTP API, mounted on an express instance that the boot hands to the shared
 * http.Server (so Colyseus, the /bot gateway and the API share one port). Everything lives under
 * /api; the OpenAPI document is served at /api/docs (UI) and /api/docs-json; Prometheus metrics at
 * /metrics. Before any controller: methods and CORS, media type, body size and depth
 * (http-boundary.ts), then rate limits (rate-limits.ts), then the storable-text pipe.
 */
import 'reflect-metadata';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { TerminusModule } from '@nestjs/terminus';
import type { ArenaMetrics } from '../metrics.ts';
import { AgentsController } from './agents.controller.ts';
import { requireAdmin } from './auth.ts';
import { CheckpointsController } from './checkpoints.controller.ts';
import { API_DEPS, type ApiDeps } from './deps.ts';
import { ApiErrorFilter, toBody } from './error-filter.ts';
import { GamesController } from './games.controller.ts';
import { HealthController } from './health.controller.ts';
import {
  checkpointUpload,
  JSON_BODY_LIMIT,
  jsonParser,
  methodsAndCors,
  requireJsonBody,
  routeTable,
} from './http-boundary.ts';
import { InfoController } from './info.controller.ts';
import { LeaderboardController } from './leaderboard.controller.ts';
import { LiveController } from './live.controller.ts';
import { MatchesController } from './matches.controller.ts';
import { DEFAULT_HTTP_RATE_LIMITS, httpRateLimiting, type HttpRateLimits } from './rate-limits.ts';
import { ErrorBody } from './schemas.ts';
import { openApi, StorablePipe } from './zod.ts';
import { TournamentsController } from './tournaments.controller.ts';
import { EvaluationsController } from './evaluations.controller.ts';

@Module({})
class ApiModule {
  static with(deps: ApiDeps): DynamicModule {
    return {
      module: ApiModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [
        InfoController,
        HealthController,
        GamesController,
        AgentsController,
        MatchesController,
        LeaderboardController,
        LiveController,
        CheckpointsController,
        TournamentsController,
        EvaluationsController,
      ],
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
  /** Decoded JSON body limit of every route but checkpoint upload, bytes (default JSON_BODY_LIMIT). */
  bodyLimit?: number;
  /** HTTP rate limits (default DEFAULT_HTTP_RATE_LIMITS). */
  rateLimits?: HttpRateLimits;
  /** Served at GET /metrics. */
  metrics?: ArenaMetrics;
}

interface OpenApiOperation {
  requestBody?: unknown;
  responses?: Record<string, unknown>;
}

/**
 * The answers every operation can give at the boundary, whatever its controller says: 429 (rate
 * limits) everywhere, and 413/415 where a body is read (http-boundary.ts, rate-limits.ts).
 */
function documentBoundaryErrors(doc: { paths: Record<string, Record<string, OpenApiOperation>> }): void {
  const error = (description: string) => ({
    description,
    content: { 'application/json': { schema: openApi(ErrorBody) } },
  });
  for (const ops of Object.values(doc.paths)) {
    for (const op of Object.values(ops)) {
      op.responses ??= {};
      op.responses['429'] ??= error('RATE_LIMITED: a budget is spent (Retry-After)');
      if (op.requestBody) {
        op.responses['413'] ??= error('TOO_LARGE: body above the limit after decompression, or JSON too deep');
        op.responses['415'] ??= error('UNSUPPORTED_MEDIA_TYPE: not application/json in UTF-8');
      }
    }
  }
}

type Res = {
  headersSent: boolean;
  status(n: number): { json(b: unknown): void };
  setHeader(k: string, v: string): void;
};

export async function createApi(deps: ApiDeps, opts: ApiOptions = {}): Promise<Api> {
  const adapter = new ExpressAdapter();
  const handler = adapter.getInstance();
  handler.disable('x-powered-by');
  const metrics = opts.metrics;
  if (metrics) {
    handler.use((_req: IncomingMessage, res: ServerResponse, next: () => void) => {
      res.on('finish', () => metrics.httpRequests.inc({ status: `${Math.floor(res.statusCode / 100)}xx` }));
      next();
    });
    handler.get('/metrics', (_req: IncomingMessage, res: ServerResponse) => {
      void metrics.text().then(({ contentType, body }) => {
        res.writeHead(200, { 'content-type': contentType });
        res.end(body);
      });
    });
  }
  if (opts.homePage) {
    const page = opts.homePage;
    handler.get('/', (_req: unknown, res: { type(t: string): { send(b: string): void } }) =>
      res.type('html').send(page()),
    );
  }
  const limiting = await httpRateLimiting(opts.rateLimits ?? DEFAULT_HTTP_RATE_LIMITS);
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.with(deps), adapter, {
    logger: false,
    bodyParser: false,
  });
  app.setGlobalPrefix('api');
  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Ludus arena API')
      .setDescription(
        'Games, agents, matches (replays, trajectories), leaderboards, live matches, checkpoints. Bots play over ws://…/bot (docs/protocol.md).',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  documentBoundaryErrors(doc as unknown as { paths: Record<string, Record<string, OpenApiOperation>> });
  // In this order, before the router: methods/CORS, media type, the checkpoint upload's admin check
  // and large parser, then every other route's parser (body-parser skips a body already read).
  app.use(methodsAndCors(routeTable(doc.paths as Record<string, Record<string, unknown>>)));
  app.use(requireJsonBody);
  app.use(checkpointUpload((req) => requireAdmin(deps, req)));
  app.use(jsonParser(opts.bodyLimit ?? JSON_BODY_LIMIT));
  app.useGlobalFilters(new ApiErrorFilter(deps.log));
  app.useGlobalGuards(limiting.guard);
  app.useGlobalPipes(new StorablePipe());
  SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs-json' });
  await app.init();
  const close = app.close.bind(app);
  app.close = async () => {
    limiting.close();
    await close();
  };
  // Errors raised before Nest's router (body parser, the checkpoint pre-check, bad URL encoding) get the same shape.
  handler.use((err: unknown, _req: unknown, res: Res, next: (e: unknown) => void) => {
    if (res.headersSent) return next(err);
    const { status: s, body, headers } = toBody(err);
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    res.status(s).json(body);
  });
  return { app, handler };
}
