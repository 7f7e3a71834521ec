'use client';
// Live status of a submission from its server-sent event stream.
import { useEffect, useState } from 'react';
import type { SubmissionStatus } from './api-types';

/** Statuses after which a submission no longer changes (until a rejudge). */
export const FINAL_STATES: ReadonlySet<SubmissionStatus['status']> = new Set([
  'succeeded',
  'failed',
  'cancelled',
]);

/**
 * Follows `GET /api/submissions/:id/events` from `initial`, returning the latest status; the stream is
 * closed once a final status arrives (the server closes it too).
 */
export function useSubmissionStatus(initial: SubmissionStatus): SubmissionStatus {
  const [status, setStatus] = useState(initial);
  const startsFinal = FINAL_STATES.has(initial.status);
  useEffect(() => {
    if (startsFinal) return;
    const source = new EventSource(`/api/submissions/${initial.id}/events`);
    source.addEventListener('status', (e) => {
      const next = JSON.parse((e as MessageEvent<string>).data) as SubmissionStatus;
      setStatus(next);
      if (FINAL_STATES.has(next.status)) source.close();
    });
    return () => source.close();
  }, [initial.id, startsFinal]);
  return status;
}
