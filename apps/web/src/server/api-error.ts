import { DbError } from '@critic/db';
import { HTTPException } from 'hono/http-exception';

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

/** What a refused request carried, so a refusal of its body can say what was expected instead. */
export interface RefusedRequest {
  /** The request's `Content-Type`, if any. */
  contentType: string | undefined;
  /** The body types the route declares (e.g. `application/json`). */
  accepted: readonly string[];
}

/**
 * Hono's own refusals of a request body as API errors: a body that does not parse (hono's validator
 * answers 400 "Malformed JSON") and a body of a type the route does not declare (415).
 */
function fromHttpException(err: HTTPException, req: RefusedRequest): ApiError | undefined {
  const expected = req.accepted.length === 0 ? 'no body' : req.accepted.join(' or ');
  if (err.status === 415) {
    return new ApiError(
      415,
      'unsupported_media_type',
      `Content-Type ${req.contentType === undefined ? '(none)' : `"${req.contentType}"`} is not accepted here; send ${expected}`,
      { field: 'body', cause: err },
    );
  }
  if (err.status === 400) {
    const json = req.accepted.some((t) => /json/i.test(t));
    const what = json ? 'body must be JSON' : `body must be ${expected}`;
    return new ApiError(400, 'invalid', `${what}: ${err.message || 'it could not be parsed'}`, {
      field: 'body',
      cause: err,
    });
  }
  if (err.status === 413)
    return new ApiError(413, 'payload_too_large', err.message || 'request body too large', { cause: err });
  return undefined;
}

/**
 * The errors a route can throw as API errors: an `ApiError` as is, the data layer's (a DbError already
 * names the entity and field), and hono's refusals of a body; `undefined` for anything else (a 500).
 */
export function toApiError(
  err: unknown,
  req: RefusedRequest = { contentType: undefined, accepted: [] },
): ApiError | undefined {
  if (err instanceof ApiError) return err;
  if (err instanceof HTTPException) return fromHttpException(err, req);
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
