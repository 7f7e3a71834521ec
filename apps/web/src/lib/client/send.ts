// JSON requests from client components to the same-origin API (the browser adds the Origin header).

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
  try {
    const body = JSON.parse(bodyText) as { error?: { code?: string; message?: string } };
    if (body.error?.message)
      return new ApiClientError(status, body.error.code ?? 'error', body.error.message);
  } catch {
    // not JSON: fall through to the text
  }
  return new ApiClientError(status, 'error', bodyText || `the server answered ${status}`);
}

/** Sends `method path` with an optional JSON (or text) body; resolves the parsed answer (undefined on 204). */
export async function send<T>(
  method: string,
  path: string,
  body?: unknown,
  contentType?: string,
): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { accept: 'application/json' } };
  if (body !== undefined) {
    const isText = typeof body === 'string' && contentType !== undefined;
    init.body = isText ? body : JSON.stringify(body);
    init.headers = { ...init.headers, 'content-type': contentType ?? 'application/json' };
  }
  const res = await fetch(path, init);
  const text = await res.text();
  if (!res.ok) throw errorFrom(res.status, text);
  return (text === '' ? undefined : JSON.parse(text)) as T;
}
