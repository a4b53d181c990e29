/**
 * Every error leaves the API as `{code, message, details?}` with a stable code:
 * StoreError → its status; GameError (from the kernel: unknown game, bad config, bad replay) →
 * 404 for unknown ids, 400 otherwise; Nest's own HTTP errors (unknown route, bad JSON body) keep
 * their status; anything else is a 500 `INTERNAL`, logged.
 */
import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { GameError } from '../../games/core/errors.ts';
import { StoreError } from '../store/errors.ts';

const HTTP_CODES: Record<number, string> = { 400: 'SCHEMA', 401: 'UNAUTHORIZED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 409: 'CONFLICT', 413: 'TOO_LARGE' };

@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  constructor(private readonly log: (line: string) => void = () => {}) {}

  catch(e: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<{ status(code: number): { json(body: unknown): void } }>();
    const { status, body } = toBody(e);
    if (status >= 500) this.log(`api: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    res.status(status).json(body);
  }
}

export function toBody(e: unknown): { status: number; body: { code: string; message: string; details?: unknown } } {
  if (e instanceof StoreError) return { status: e.status, body: withDetails(e.code, e.message, e.details) };
  if (e instanceof GameError) {
    const status = e.code === 'UNKNOWN_GAME' || e.code === 'UNKNOWN_AGENT' ? 404 : 400;
    return { status, body: withDetails(status === 404 ? 'NOT_FOUND' : e.code, e.message, e.details) };
  }
  if (e instanceof HttpException) {
    const status = e.getStatus();
    const r = e.getResponse();
    const message = typeof r === 'string' ? r : String((r as { message?: unknown }).message ?? e.message);
    return { status, body: { code: HTTP_CODES[status] ?? (status >= 500 ? 'INTERNAL' : 'HTTP_ERROR'), message } };
  }
  return { status: 500, body: { code: 'INTERNAL', message: 'internal error' } };
}

function withDetails(code: string, message: string, details: unknown) {
  return details === undefined ? { code, message } : { code, message, details };
}
