/**
 * Request validation with zod (not class-validator: tsx/esbuild emits no decorator metadata), and
 * the same schemas described to swagger as JSON Schema (`z.toJSONSchema`), so the OpenAPI
 * document at /api/docs is generated from the code that validates.
 */
import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { z } from 'zod';
import { ArenaError } from '../errors.ts';
import { formatIssues } from '../../games/core/kernel.ts';
import { unstorableMessage, unstorablePath } from '../../games/core/storable.ts';
import { ErrorBody } from './schemas.ts';

/** `@Body(new ZodPipe(schema))`: a parsed value, or 400 `{code: 'SCHEMA', message, details}`. */
@Injectable()
export class ZodPipe<T> implements PipeTransform<unknown, T> {
  constructor(
    private readonly schema: z.ZodType<T>,
    private readonly what = 'request',
  ) {}

  transform(value: unknown): T {
    const r = this.schema.safeParse(value);
    if (!r.success) throw new ArenaError('SCHEMA', `invalid ${this.what}: ${formatIssues(r.error)}`, r.error.issues);
    return r.data;
  }
}

/**
 * Global pipe: every body, path parameter and query value a route reads is checked against what the
 * store can hold (games/core/storable.ts: no NUL, no unpaired surrogates) before anything else sees
 * it, so text from the API can never make a later write fail. 400 SCHEMA otherwise, as on /bot.
 */
@Injectable()
export class StorablePipe implements PipeTransform<unknown, unknown> {
  transform(value: unknown, meta: ArgumentMetadata): unknown {
    const bad = unstorablePath(value);
    if (bad)
      throw new ArenaError('SCHEMA', unstorableMessage(`${meta.type}${meta.data ? ` ${meta.data}` : ''}`, bad), [
        { path: bad.map(String), message: 'NUL or unpaired surrogate' },
      ]);
    return value;
  }
}

/** JSON Schema of a zod schema, shaped for OpenAPI 3 (no $schema key, inputs as accepted). */
export function openApi(schema: z.ZodType, io: 'input' | 'output' = 'output'): Record<string, any> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, {
    unrepresentable: 'any',
    io,
    target: 'openapi-3.0',
  }) as Record<string, unknown>;
  return rest;
}

/** Document the error answers of an endpoint: `@Errors(400, 404)`. */
export function Errors(...statuses: number[]): MethodDecorator {
  return (target, key, desc) => {
    for (const status of statuses)
      ApiResponse({ status, description: 'error', schema: openApi(ErrorBody) })(target, key, desc);
  };
}
