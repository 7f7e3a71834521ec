import { DbError } from '@critic/db';

/** HTTP statuses the API answers errors with. */
export type ApiErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 503;

/** The API's one error type: a status, a stable code, a message a person can act on, and the field at fault. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: ApiErrorStatus;
  readonly code: string;
  readonly field: string | undefined;
  /** Seconds to wait before retrying (429), sent as `Retry-After`. */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    status: ApiErrorStatus,
    code: string,
    message: string,
    opts: { field?: string; retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.status = status;
    this.code = code;
    this.field = opts.field;
    this.retryAfterSeconds = opts.retryAfterSeconds;
  }

  /** JSON body of the error: `{ error: { code, message, field? } }`. */
  toJSON(): { error: { code: string; message: string; field?: string } } {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.field === undefined ? {} : { field: this.field }),
      },
    };
  }
}

const dbStatus: Record<DbError['code'], ApiErrorStatus> = {
  not_found: 404,
  conflict: 409,
  invalid: 400,
  limit: 429,
};

/** The data layer's errors as API errors (a DbError already names the entity and field). */
export function toApiError(err: unknown): ApiError | undefined {
  if (err instanceof ApiError) return err;
  if (err instanceof DbError) {
    const field = err.field;
    // A size over the assignment's limit is "payload too large", not "too many requests".
    let status = dbStatus[err.code];
    if (err.code === 'limit' && field === 'artifactSize') status = 413;
    if (err.code === 'limit' && field === 'submittedAt') status = 403;
    return new ApiError(
      status,
      err.code,
      err.message,
      field === undefined ? { cause: err } : { field, cause: err },
    );
  }
  return undefined;
}
