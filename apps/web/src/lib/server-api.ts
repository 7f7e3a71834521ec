// The REST API seen from Server Components: the typed client over the same Hono app, called in-process
// with the visitor's cookies.
import { hc } from 'hono/client';
import { cookies } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { type AnyAnswer, type OkBody, readAnswer } from '~/lib/api/answer';
import { type ApiRoutes, createApi } from '~/server/app';
import { serverDeps } from '~/server/server-deps';

const globalKey = Symbol.for('critic.web.api');
type WithApi = typeof globalThis & { [globalKey]?: Promise<ApiRoutes> };

/** The API app, created once per process (the route handler and the pages share it). */
export function serverApi(): Promise<ApiRoutes> {
  const g = globalThis as WithApi;
  g[globalKey] ??= serverDeps().then(createApi);
  return g[globalKey];
}

/** Hands the client's request to the API app in-process, as the visitor (their cookies) on the site's origin. */
async function asVisitor(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const [app, deps, jar] = await Promise.all([serverApi(), serverDeps(), cookies()]);
  const headers = new Headers(init?.headers);
  headers.set('accept', 'application/json');
  const cookie = jar.toString();
  if (cookie !== '') headers.set('cookie', cookie);
  return app.fetch(new Request(`${deps.config.origin}${String(input)}`, { ...init, headers }));
}

/** The API's routes under `/api` for a page, e.g. `apiGet(api.courses[':courseId'].$get(…))`. */
export const api = hc<ApiRoutes>('', { fetch: asVisitor }).api;

/**
 * The API's OpenAPI document (`GET /api/openapi.json`, generated from the routes' schemas), read in-process.
 * It describes the routes rather than being one of them, so it is not part of the typed client.
 */
export async function apiDocument(): Promise<unknown> {
  const res = await (await serverApi()).request('/api/openapi.json');
  return res.json();
}

/** An API answer that was not a success, with the API's error code and message. */
export class ApiFailure extends Error {
  override readonly name = 'ApiFailure';
  constructor(
    /** HTTP status of the answer. */
    readonly status: number,
    /** The API's stable error code (`forbidden`, `board_not_released`, …). */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The outcome of an API read that the page handles itself (e.g. a 403 it explains). */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; failure: ApiFailure };

/** Awaits a call of {@link api}; never throws for an error answer. */
export async function apiTry<R extends AnyAnswer>(pending: Promise<R>): Promise<ApiResult<OkBody<R>>> {
  const answer = await readAnswer(await pending);
  if (answer.ok) return answer;
  const { status, code, message } = answer.error;
  return { ok: false, failure: new ApiFailure(status, code, message) };
}

/**
 * Awaits a call of {@link api} for a page: the data, or sign-in (401, coming back to `returnTo`), Next's
 * not-found page (404), or a thrown {@link ApiFailure} for anything else.
 */
export async function apiGet<R extends AnyAnswer>(
  pending: Promise<R>,
  returnTo = '/courses',
): Promise<OkBody<R>> {
  const result = await apiTry(pending);
  if (result.ok) return result.data;
  if (result.failure.status === 401) redirect(`/signin?next=${encodeURIComponent(returnTo)}`);
  if (result.failure.status === 404) notFound();
  throw result.failure;
}
