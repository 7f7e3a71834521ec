/** The server refused a request: its status, error code and message (`{ error: { code, message } }`). */
export class ServerError extends Error {
  override readonly name = 'ServerError';
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** A ServerError from an error answer, with the server's message when it sent the contract's JSON. */
export function serverErrorOf(what: string, status: number, body: string): ServerError {
  let error: { code?: unknown; message?: unknown; field?: unknown } | undefined;
  try {
    error = (JSON.parse(body) as { error?: typeof error }).error;
  } catch {
    error = undefined;
  }
  const code = typeof error?.code === 'string' ? error.code : undefined;
  const message =
    typeof error?.message === 'string' ? error.message : body.trim().slice(0, 300) || 'no message';
  const field = typeof error?.field === 'string' ? ` (field ${error.field})` : '';
  return new ServerError(status, code, `${what}: ${status}${code ? ` ${code}` : ''}: ${message}${field}`);
}
