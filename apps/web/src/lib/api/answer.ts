// Reading an answer of the typed API client (`hc<ApiRoutes>`), shared by the pages (in-process) and the
// browser: the success body's type comes from the route's declared answer, never from the caller.
import type { ClientResponse } from 'hono/client';
import type { SuccessStatusCode } from 'hono/utils/http-status';

/** Any answer of the typed client. */
export type AnyAnswer = ClientResponse<unknown, number, string>;

/** The body of a route's success answers: its JSON, its text, or `undefined` (204, or a non-text body). */
export type OkBody<R> =
  R extends ClientResponse<infer T, infer S, infer F>
    ? S extends SuccessStatusCode
      ? F extends 'json' | 'text'
        ? T
        : undefined
      : never
    : never;

/** An error answer as read: HTTP status, the API's stable code (`forbidden`, …) and its message. */
export interface ErrorAnswer {
  status: number;
  code: string;
  message: string;
}

/** An answer read: the success body, or the error it reported. */
export type ReadAnswer<T> = { ok: true; data: T } | { ok: false; error: ErrorAnswer };

/** Reads an error answer's `{ error: { code, message } }` (or its text, when it is not that JSON). */
export function errorAnswer(status: number, bodyText: string): ErrorAnswer {
  try {
    const body = JSON.parse(bodyText) as { error?: { code?: string; message?: string } } | null;
    if (body?.error?.message)
      return { status, code: body.error.code ?? 'error', message: body.error.message };
  } catch {
    // not JSON: the text is the message
  }
  return { status, code: 'error', message: bodyText || `the server answered ${status}` };
}

/**
 * Reads `res`: parsed JSON, the text of a text answer (`''` included), `undefined` for an empty JSON answer
 * or a body of another kind (204, binary); errors as {@link ErrorAnswer}.
 */
export async function readAnswer<R extends AnyAnswer>(res: R): Promise<ReadAnswer<OkBody<R>>> {
  const text = await res.text();
  if (!res.ok) return { ok: false, error: errorAnswer(res.status, text) };
  const type = res.headers.get('content-type') ?? '';
  const data: unknown = type.includes('json')
    ? text === ''
      ? undefined
      : JSON.parse(text)
    : type.startsWith('text/')
      ? text
      : undefined;
  // The route declared this body's type for its success statuses (OkBody); the server wrote it.
  return { ok: true, data: data as OkBody<R> };
}
