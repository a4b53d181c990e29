/**
 * Adversarial evaluations (server/evaluation/): POST queues an attack job on an agent — by that
 * agent's own token or the admin token (a built-in or checkpoint victim: admin only, as it has no
 * token) — and GET shows its status, progress and curve, or lists the evaluations of a victim.
 */
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
import type { z } from 'zod';
import { exploitability } from '../../agents/adversary/exploitability.ts';
import { ArenaError } from '../errors.ts';
import type { EvaluationService } from '../evaluation/service.ts';
import * as evals from '../evaluation/store.ts';
import { findAgent } from './agents.controller.ts';
import { requireSelfOrAdmin } from './auth.ts';
import { API_DEPS, type ApiDeps } from './deps.ts';
import { exploitabilityView } from './exploitability.ts';
import { Expensive } from './rate-limits.ts';
import { EvaluationBody, EvaluationPage, EvaluationQuery, EvaluationView } from './schemas.ts';
import { Errors, openApi, ZodPipe } from './zod.ts';

type View = z.infer<typeof EvaluationView>;

/** The API view of an evaluation row: the victim and exploiter by name, the exploitability it shows. */
export async function evaluationView(deps: ApiDeps, row: evals.EvaluationRow): Promise<View> {
  const [victim, exploiter] = await Promise.all([
    deps.store.getAgent(row.victimId),
    row.exploiterId ? deps.store.getAgent(row.exploiterId) : null,
  ]);
  let value: View['exploitability'] = null;
  if (row.evidence) {
    const game = deps.catalog.game(row.game);
    const v = exploitability(game, null, null, [row.evidence]);
    if (v)
      value = exploitabilityView(v, [{ evaluationId: row.id, exploiterId: row.exploiterId, evidence: row.evidence }]);
  }
  return {
    id: row.id,
    game: row.game,
    config: row.config,
    victim: { id: row.victimId, name: victim?.name ?? row.victimId, kind: victim?.kind ?? 'unknown' },
    mode: row.mode,
    budget: row.budget,
    seed: row.seed,
    options: row.options,
    requestedBy: row.requestedBy,
    status: row.status,
    attempt: row.attempt,
    progress: row.progress,
    curve: row.curve,
    snapshotAt: row.snapshotAt,
    result: row.result as Record<string, unknown> | null,
    exploitability: value,
    adversaryCheckpoint: row.adversaryCheckpoint,
    exploiter: exploiter ? { id: exploiter.id, name: exploiter.name } : null,
    error: row.error,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

@ApiTags('evaluations')
@Controller('evaluations')
export class EvaluationsController {
  constructor(@Inject(API_DEPS) private readonly deps: ApiDeps) {}

  private service(): EvaluationService {
    const s = this.deps.evaluations?.();
    if (!s) throw new ArenaError('UNAVAILABLE', 'evaluations need the job queue, which is off on this server');
    return s;
  }

  @Post()
  @Expensive()
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      "queue an attack on an agent (the agent's own token or the admin token): a PPO adversary trained against a built-in or checkpoint victim, or an already-trained adversary playing an opted-in remote bot through the arena",
  })
  @ApiBody({ schema: openApi(EvaluationBody, 'input') })
  @ApiCreatedResponse({ schema: openApi(EvaluationView) })
  @Errors(400, 401, 403, 404, 503)
  async create(@Req() req: IncomingMessage, @Body() raw: unknown) {
    const b = new ZodPipe(EvaluationBody, 'evaluation').transform(raw);
    const service = this.service();
    const game = this.deps.catalog.game(b.game);
    const victim = await findAgent(this.deps, b.victim);
    const who = await requireSelfOrAdmin(this.deps, req, victim.id);
    if (!victim.games.includes(game.id))
      throw new ArenaError('BAD_CONFIG', `${victim.name} does not play ${game.id}`, [
        { path: ['victim'], message: 'does not play this game' },
      ]);
    const row = await service.request(
      {
        game: game.id,
        victim: victim.id,
        budget: b.budget,
        ...(b.seed !== undefined ? { seed: b.seed } : {}),
        ...(b.config !== undefined ? { config: b.config as never } : {}),
        ...(b.adversary !== undefined ? { adversary: b.adversary } : {}),
        ...(b.evalMatches !== undefined ? { evalMatches: b.evalMatches } : {}),
        ...(b.evalPoints !== undefined ? { evalPoints: b.evalPoints } : {}),
        ...(b.finalMatches !== undefined ? { finalMatches: b.finalMatches } : {}),
      },
      who === 'admin' ? 'admin' : victim.id,
      victim,
    );
    return evaluationView(this.deps, row);
  }

  @Get()
  @ApiQuery({ name: 'victim', required: false, description: 'agent id or name' })
  @ApiQuery({ name: 'game', required: false })
  @ApiQuery({ name: 'status', required: false, enum: ['queued', 'running', 'finished', 'failed'] })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', default: 50, maximum: 500 } })
  @ApiQuery({ name: 'offset', required: false, schema: { type: 'integer', default: 0 } })
  @ApiOperation({ summary: 'evaluations, newest first (with their curves)' })
  @ApiOkResponse({ schema: openApi(EvaluationPage) })
  @Errors(400, 404)
  async list(@Query(new ZodPipe(EvaluationQuery, 'query')) q: z.infer<typeof EvaluationQuery>) {
    const victim = q.victim !== undefined ? (await findAgent(this.deps, q.victim)).id : undefined;
    const { items, total } = await evals.listEvaluations(this.deps.store.db, {
      ...(victim !== undefined ? { victim } : {}),
      ...(q.game !== undefined ? { game: q.game } : {}),
      ...(q.status !== undefined ? { status: q.status } : {}),
      limit: q.limit,
      offset: q.offset,
    });
    return {
      items: await Promise.all(items.map((r) => evaluationView(this.deps, r))),
      total,
      limit: q.limit,
      offset: q.offset,
    };
  }

  @Get(':id')
  @ApiParam({ name: 'id' })
  @ApiOperation({ summary: 'status, progress, curve and result of one evaluation' })
  @ApiOkResponse({ schema: openApi(EvaluationView) })
  @Errors(404)
  async get(@Param('id') id: string) {
    const row = await evals.getEvaluation(this.deps.store.db, id);
    if (!row) throw new ArenaError('UNKNOWN_EVALUATION', `no evaluation ${JSON.stringify(id)}`);
    return evaluationView(this.deps, row);
  }
}
