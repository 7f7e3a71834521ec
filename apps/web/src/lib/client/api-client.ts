// The REST API from client components: the typed client over the same-origin API (the browser adds the
// Origin header and the session cookie). Type-only import of the app: no server code reaches the browser.
import { hc } from 'hono/client';
import { type AnyAnswer, errorAnswer, type OkBody, readAnswer } from '~/lib/api/answer';
import type { ApiRoutes } from '~/server/app';

/** An API error as the browser received it: status, code and the API's message. */
export class ApiClientError extends Error {
  override readonly name = 'ApiClientError';
  constructor(
    /** HTTP status. */
    readonly status: number,
    /** The API's error code. */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Reads an error answer's `{ error: { code, message } }` (or its text) into an {@link ApiClientError}. */
export function errorFrom(status: number, bodyText: string): ApiClientError {
  const e = errorAnswer(status, bodyText);
  return new ApiClientError(e.status, e.code, e.message);
}

/** The API's routes under `/api`, e.g. `api.tokens.$post({ json: { name } })`. */
export const api = hc<ApiRoutes>('', {
  headers: { accept: 'application/json' },
  init: { credentials: 'same-origin' },
}).api;

/** Awaits a call of {@link api}: its success body (typed by the route), or throws an {@link ApiClientError}. */
export async function apiSend<R extends AnyAnswer>(pending: Promise<R>): Promise<OkBody<R>> {
  const answer = await readAnswer(await pending);
  if (answer.ok) return answer.data;
  throw new ApiClientError(answer.error.status, answer.error.code, answer.error.message);
}
