/**
 * Store and API failures with stable codes and HTTP statuses. The API turns them into
 * `{code, message, details?}` bodies (server/api/error-filter.ts); docs/api.md lists them.
 */
export const STORE_ERROR_STATUS = {
  SCHEMA: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
} as const;

export type StoreErrorCode = keyof typeof STORE_ERROR_STATUS;

export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  get status(): number {
    return STORE_ERROR_STATUS[this.code];
  }
}
