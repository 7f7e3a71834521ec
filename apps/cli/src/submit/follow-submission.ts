import type { SubmissionStatus } from '@critic/contract';
import { serverErrorOf } from './server-error';
import { SseParser } from './sse-parser';
import { parseSubmissionStatus } from './status-answer';
import { FINAL_STATUSES } from './status-lines';

/** Options of `followSubmission`. */
export interface FollowOptions {
  /** Server base URL, e.g. http://localhost:3000. */
  server: string;
  token: string;
  submissionId: string;
  /** Called with every status the server sends. */
  onStatus: (s: SubmissionStatus) => void;
  /** Wait before reconnecting after the stream ended early; default 1000 ms. */
  retryMs?: number;
  /** Consecutive failed connections before giving up; default 5. */
  maxFailures?: number;
}

const headers = (token: string, accept: string) => ({ authorization: `Bearer ${token}`, accept });

async function currentStatus(o: FollowOptions): Promise<SubmissionStatus> {
  const path = `/api/submissions/${o.submissionId}`;
  const res = await fetch(new URL(path, o.server), { headers: headers(o.token, 'application/json') });
  const text = await res.text();
  if (!res.ok) throw serverErrorOf(`GET ${path}`, res.status, text);
  return parseSubmissionStatus(`GET ${path}`, res.status, text);
}

/** Reads one event stream until it ends; returns the final status if one came. */
async function readStream(o: FollowOptions): Promise<SubmissionStatus | undefined> {
  const path = `/api/submissions/${o.submissionId}/events`;
  const res = await fetch(new URL(path, o.server), { headers: headers(o.token, 'text/event-stream') });
  if (!res.ok || res.body === null) throw serverErrorOf(`GET ${path}`, res.status, await res.text());
  const parser = new SseParser();
  const decoder = new TextDecoder();
  for await (const chunk of res.body) {
    for (const e of parser.feed(decoder.decode(chunk, { stream: true }))) {
      if (e.event !== 'status') continue;
      const s = parseSubmissionStatus(`GET ${path} (event)`, res.status, e.data);
      o.onStatus(s);
      if (FINAL_STATUSES.has(s.status)) return s;
    }
  }
  return undefined;
}

/**
 * Follows a submission's live status (`GET /api/submissions/:id/events`, server-sent events) until a
 * final one (succeeded, failed, cancelled) and returns it. A stream that ends or breaks early is
 * reopened after `retryMs` (the current status is read first, so a verdict reached meanwhile is not
 * missed); the server's refusals (401, 403, 404) end it with a ServerError at once.
 */
export async function followSubmission(o: FollowOptions): Promise<SubmissionStatus> {
  let failures = 0;
  for (;;) {
    try {
      const final = await readStream(o);
      if (final) return final;
      failures = 0;
    } catch (e) {
      if (e instanceof Error && e.name === 'ServerError') throw e;
      failures++;
      if (failures >= (o.maxFailures ?? 5)) throw e;
    }
    await new Promise((r) => setTimeout(r, o.retryMs ?? 1000));
    const now = await currentStatus(o);
    if (FINAL_STATUSES.has(now.status)) {
      o.onStatus(now);
      return now;
    }
  }
}
