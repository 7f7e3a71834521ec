import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** An HTTP failure with its status and a message for the caller (rendered as `{ error }`). */
export class GraderHttpError extends Error {
  override readonly name = 'GraderHttpError';

  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
  ) {
    super(message);
  }
}
