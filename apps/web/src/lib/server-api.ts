// The REST API seen from Server Components: the same Hono app, called in-process with the visitor's cookies.
import { cookies } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { type CriticApi, createApi } from '~/server/app';
import { serverDeps } from '~/server/server-deps';

const globalKey = Symbol.for('critic.web.api');
type WithApi = typeof globalThis & { [globalKey]?: Promise<CriticApi> };

/** The API app, created once per process (the route handler and the pages share it). */
export function serverApi(): Promise<CriticApi> {
  const g = globalThis as WithApi;
  g[globalKey] ??= serverDeps().then(createApi);
  return g[globalKey];
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

/** Calls `GET path` (e.g. `/api/me`) in-process as the visitor; never throws for an error answer. */
export async function apiTry<T>(path: string): Promise<ApiResult<T>> {
  const [api, deps, jar] = await Promise.all([serverApi(), serverDeps(), cookies()]);
  const headers = new Headers({ accept: 'application/json' });
  const cookie = jar.toString();
  if (cookie !== '') headers.set('cookie', cookie);
  const res = await api.fetch(new Request(`${deps.config.origin}${path}`, { headers }));
  const type = res.headers.get('content-type') ?? '';
  const body: unknown = type.includes('json') ? await res.json() : await res.text();
  if (res.ok) return { ok: true, data: body as T };
  const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
  return {
    ok: false,
    failure: new ApiFailure(
      res.status,
      error?.code ?? 'error',
      error?.message ?? `GET ${path} answered ${res.status}`,
    ),
  };
}

/**
 * `GET path` for a page: the data, or sign-in (401, coming back to `returnTo`), Next's not-found page
 * (404), or a thrown {@link ApiFailure} for anything else.
 */
export async function apiGet<T>(path: string, returnTo = '/courses'): Promise<T> {
  const result = await apiTry<T>(path);
  if (result.ok) return result.data;
  if (result.failure.status === 401) redirect(`/signin?next=${encodeURIComponent(returnTo)}`);
  if (result.failure.status === 404) notFound();
  throw result.failure;
}
