import { getSubmissionView, type SubmissionView } from '@critic/db';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { readableSubmission, seesPrivate } from '../auth/submission-access';
import type { ApiEnv } from '../context';
import { errorResponses, submissionIdParam, submissionStatus } from './submissions';

/** How often the stream re-reads the submission (the contract's bound is 500 ms). */
export const STATUS_POLL_MS = 400;
/** A comment line this often keeps proxies from closing a quiet stream. */
const KEEPALIVE_MS = 15_000;
const FINAL = new Set(['succeeded', 'failed', 'cancelled']);

/** What of a submission row a status depends on (besides the queue position). */
function rowFingerprint(v: SubmissionView): string {
  return [
    v.status,
    v.attempt,
    v.scoredAttempt,
    v.progressDone,
    v.progressTotal,
    v.selected,
    v.startedAt?.getTime(),
    v.finishedAt?.getTime(),
    v.errorClass,
  ].join('|');
}

const events = createRoute({
  method: 'get',
  path: '/submissions/{submissionId}/events',
  tags: ['submissions'],
  summary: 'Live status as server-sent events',
  description:
    '`event: status` with a SubmissionStatus each time it changes (the first one at once); the stream ends after a final status (succeeded, failed, cancelled).',
  request: { params: submissionIdParam },
  responses: {
    200: { description: 'An event stream', content: { 'text/event-stream': { schema: z.string() } } },
    ...errorResponses(401, 404),
  },
});

/** `GET /submissions/:id/events`: polls the row and sends the status whenever it changed. */
export function submissionEventRoutes() {
  return new OpenAPIHono<ApiEnv>().openapi(events, async (c) => {
    // Authorization happens before the stream opens, so a refusal is an ordinary JSON error.
    const access = await readableSubmission(c, c.req.valid('param').submissionId);
    const deps = c.get('deps');
    return streamSSE(
      c,
      async (stream) => {
        let closed = false;
        stream.onAbort(() => {
          closed = true;
        });
        let lastRow = '';
        let lastSent = '';
        let quietSince = Date.now();
        let id = 0;
        while (!closed) {
          const view = await getSubmissionView(deps.db, access.submission.id);
          const row = rowFingerprint(view);
          // One cheap read per poll; the full status (queue position, statistics) only when the row
          // changed, or while queued, where the position moves without the row changing.
          if (row !== lastRow || view.status === 'queued') {
            lastRow = row;
            const status = await submissionStatus(deps, view, seesPrivate(access, deps.now()));
            const data = JSON.stringify(status);
            if (data !== lastSent) {
              lastSent = data;
              quietSince = Date.now();
              id += 1;
              await stream.writeSSE({ event: 'status', data, id: String(id) });
              if (FINAL.has(status.status)) break;
            }
          }
          if (Date.now() - quietSince >= KEEPALIVE_MS) {
            quietSince = Date.now();
            await stream.write(': keep-alive\n\n');
          }
          await stream.sleep(STATUS_POLL_MS);
        }
      },
      async (err, stream) => {
        deps.logger.error('status stream failed', { submissionId: access.submission.id, error: String(err) });
        await stream.writeSSE({
          event: 'error',
          data: JSON.stringify({ message: 'the status stream failed; reload to retry' }),
        });
      },
    );
  });
}
