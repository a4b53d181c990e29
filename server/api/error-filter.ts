/**
 * Every error leaves the API as `{code, message, details?}` with a code of the arena's one vocabulary
 * (server/errors.ts) and that code's status: an ArenaError or a kernel GameError keeps its own code
 * (UNKNOWN_GAME is UNKNOWN_GAME here as on /bot); Nest's own HTTP errors (unknown route, a body that
 * is not JSON, too large, a charset we do not read) get the matching code; anything else is a 500
 * `INTERNAL`, logged.
 */
import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { asArenaError, type ErrorCode } from '../errors.ts';

const HTTP_CODES: Record<number, ErrorCode> = {
  400: 'SCHEMA',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'UNAVAILABLE',
};

@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  constructor(private readonly log: (line: string) => void = () => {}) {}

  catch(e: unknown, host: ArgumentsHost): void {
    const res = host
      .switchToHttp()
      .getResponse<{ status(code: number): { json(body: unknown): void }; setHeader(k: string, v: string): void }>();
    const { status, body, headers } = toBody(e);
    if (status >= 500 && body.code === 'INTERNAL')
      this.log(`api: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    res.status(status).json(body);
  }
}

type Answer = { status: number; body: { code: ErrorCode; message: string; details?: unknown } };

/** The status, body and headers of an error answer (`Retry-After`, in seconds, for RATE_LIMITED with `details.retryAfterMs`). */
export function toBody(e: unknown): Answer & { headers: Record<string, string> } {
  const a = answer(e);
  const retry =
    a.body.code === 'RATE_LIMITED'
      ? (a.body.details as { retryAfterMs?: unknown } | undefined)?.retryAfterMs
      : undefined;
  return {
    ...a,
    headers: typeof retry === 'number' ? { 'Retry-After': String(Math.max(1, Math.ceil(retry / 1000))) } : {},
  };
}

function answer(e: unknown): Answer {
  const known = asArenaError(e);
  if (known) return { status: known.status, body: known.toJSON() };
  if (e instanceof HttpException) {
    const status = e.getStatus();
    const r = e.getResponse();
    const message = typeof r === 'string' ? r : String((r as { message?: unknown }).message ?? e.message);
    // body-parser's JSON.parse failure: the same BAD_JSON a /bot frame gets.
    const cause = (e as { cause?: { type?: string } }).cause;
    if (status === 400 && (cause?.type === 'entity.parse.failed' || /JSON/i.test(message)))
      return { status, body: { code: 'BAD_JSON', message } };
    return { status, body: { code: HTTP_CODES[status] ?? (status >= 500 ? 'INTERNAL' : 'SCHEMA'), message } };
  }
  // Errors from express's own layers, before Nest's router: body-parser (http-errors, with `type`), bad URL encoding.
  const status = (e as { status?: unknown }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const type = (e as { type?: unknown }).type;
    const message = e instanceof Error ? e.message : String(e);
    const code: ErrorCode = type === 'entity.parse.failed' ? 'BAD_JSON' : (HTTP_CODES[status] ?? 'SCHEMA');
    return { status, body: { code, message } };
  }
  return { status: 500, body: { code: 'INTERNAL', message: 'internal error' } };
}
