import { getSubmissionView, type SubmissionView } from '@critic/db';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { errorResponses } from '../accounts/schemas';
import { ApiError } from '../api-error';
import { readableSubmission, seesPrivate } from '../auth/submission-access';
import type { ApiEnv } from '../context';
import { taggedRoutes } from '../tagged-routes';
import { submissionIdParam, submissionStatus } from './submissions';

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

const route = taggedRoutes('submissions');

const events = route.get('/submissions/{submissionId}/events', {
  summary: 'Live status as server-sent events',
  description:
    '`event: status` with a SubmissionStatus each time it changes (the first one at once); the stream ends after a final status (succeeded, failed, cancelled). Changes arrive through PostgreSQL LISTEN/NOTIFY; a user may hold a limited number of streams open at once (429 beyond it).',
  request: { params: submissionIdParam },
  responses: {
    200: { description: 'An event stream', content: { 'text/event-stream': { schema: z.string() } } },
    ...errorResponses(401, 404, 429),
  },
});

/** Resolves on the first of `wake()` and `ms` elapsing: the stream's wait between reads. */
function wakeable() {
  let wakeUp: (() => void) | undefined;
  return {
    wake: () => wakeUp?.(),
    wait: (ms: number) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      }),
  };
}

/**
 * `GET /submissions/:id/events`: sends the status at once and again whenever it changed. Changes are
 * heard through the instance's status hub (LISTEN/NOTIFY: a row change, or a queue move while waiting),
 * not by polling; the row is re-read without a notification only every `statusStreams.resyncMs`.
 */
export function submissionEventRoutes() {
  return new OpenAPIHono<ApiEnv>().openapi(events, async (c) => {
    // Authorization happens before the stream opens, so a refusal is an ordinary JSON error.
    const access = await readableSubmission(c, c.req.valid('param').submissionId);
    const deps = c.get('deps');
    const hub = c.get('statusHub');
    const { perUser, resyncMs } = deps.config.statusStreams;
    const release = hub.acquire(access.viewer.id);
    if (release === undefined) {
      throw new ApiError(
        429,
        'too_many_streams',
        `at most ${perUser} live status streams per user are open at once; close some pages (or their streams) first`,
        { retryAfterSeconds: 5 },
      );
    }
    return streamSSE(
      c,
      async (stream) => {
        const signal = wakeable();
        let closed = false;
        let stale = true;
        let lastStatus = '';
        stream.onAbort(() => {
          closed = true;
          signal.wake();
        });
        const unwatch = await hub.watch(access.submission.id, (reason) => {
          // A queue move matters only while this submission waits in one.
          if (reason === 'queue' && lastStatus !== 'queued') return;
          stale = true;
          signal.wake();
        });
        try {
          let lastRow = '';
          let lastSent = '';
          let lastRead = 0;
          let quietSince = Date.now();
          let id = 0;
          while (!closed) {
            if (stale || Date.now() - lastRead >= resyncMs) {
              stale = false;
              lastRead = Date.now();
              const view = await getSubmissionView(deps.db, access.submission.id);
              const row = rowFingerprint(view);
              lastStatus = view.status;
              // The full status (queue position, statistics) only when the row changed, or while
              // queued, where the position moves without the row changing.
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
            }
            if (Date.now() - quietSince >= KEEPALIVE_MS) {
              quietSince = Date.now();
              await stream.write(': keep-alive\n\n');
            }
            if (!stale && !closed) {
              const untilResync = resyncMs - (Date.now() - lastRead);
              const untilKeepalive = KEEPALIVE_MS - (Date.now() - quietSince);
              await signal.wait(Math.max(1, Math.min(untilResync, untilKeepalive)));
            }
          }
        } finally {
          unwatch();
          release();
        }
      },
      async (err, stream) => {
        release();
        deps.logger.error('status stream failed', { submissionId: access.submission.id, error: String(err) });
        await stream.writeSSE({
          event: 'error',
          data: JSON.stringify({ message: 'the status stream failed; reload to retry' }),
        });
      },
    );
  });
}
