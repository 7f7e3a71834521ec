/** Where the REST API answers and how to reach it (the global fetch, or an in-process app in tests). */
export interface ApiEndpoint {
  /** Where to send requests, e.g. `http://127.0.0.1:3000` (the API lives under `/api`). */
  baseUrl: string;
  /** The site's public origin, sent as `Origin` (the API's CSRF check on cookie-authenticated writes). */
  origin: string;
  /** A fetch-compatible function. */
  fetch: (input: string, init: RequestInit) => Promise<Response>;
}

/** A request the API answered with an unexpected status; `message` is the server's error message. */
export class ApiCallError extends Error {
  override readonly name = 'ApiCallError';
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** What a call returned: the status and the parsed JSON body (undefined when empty). */
export interface ApiAnswer<T> {
  status: number;
  body: T;
}

/** A request body: JSON, or CSV text. */
export type ApiBody = { json: unknown } | { csv: string };

/** Calls the REST API as one user, keeping the session cookie the API sets on sign-up or sign-in. */
export class ApiSession {
  private cookie: string | undefined;

  constructor(
    private readonly endpoint: ApiEndpoint,
    /** Who this session is (for error messages). */
    readonly label: string,
  ) {}

  /**
   * Sends `method path`; answers with one of `accept` statuses (default 2xx) are returned, any other
   * is an ApiCallError naming the call, the status and the server's message.
   */
  async call<T>(
    method: string,
    path: string,
    body?: ApiBody,
    accept?: readonly number[],
  ): Promise<ApiAnswer<T>> {
    const headers: Record<string, string> = { accept: 'application/json', origin: this.endpoint.origin };
    if (this.cookie) headers.cookie = this.cookie;
    let payload: string | undefined;
    if (body && 'json' in body) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body.json);
    } else if (body) {
      headers['content-type'] = 'text/csv';
      payload = body.csv;
    }
    const res = await this.endpoint.fetch(`${this.endpoint.baseUrl}/api${path}`, {
      method,
      headers,
      ...(payload === undefined ? {} : { body: payload }),
    });
    const session = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .find((c) => c.startsWith('critic_session='));
    if (session !== undefined) this.cookie = session;
    const text = await res.text();
    const parsed: unknown = text === '' ? undefined : JSON.parse(text);
    const ok = accept ? accept.includes(res.status) : res.status >= 200 && res.status < 300;
    if (!ok) {
      const error = (parsed as { error?: { code?: string; message?: string } } | undefined)?.error;
      throw new ApiCallError(
        res.status,
        error?.code,
        `${this.label}: ${method} /api${path} answered ${res.status}: ${error?.message ?? (text.slice(0, 200) || 'no body')}`,
      );
    }
    return { status: res.status, body: parsed as T };
  }
}
