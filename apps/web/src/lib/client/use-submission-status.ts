'use client';
// Live status of a submission from its server-sent event stream.
import { useEffect, useRef, useState } from 'react';
import type { SubmissionState, SubmissionStatus } from './api-contract';

/** Statuses after which a submission no longer changes (until a rejudge). */
export const FINAL_STATES: ReadonlySet<SubmissionState> = new Set(['succeeded', 'failed', 'cancelled']);

/**
 * While `active`, follows `GET /api/submissions/:id/events` and hands every status to `onStatus`; the
 * stream is closed once a final status arrives (the server closes it too).
 */
export function useSubmissionEvents(
  id: string,
  active: boolean,
  onStatus: (s: SubmissionStatus) => void,
): void {
  const handler = useRef(onStatus);
  handler.current = onStatus;
  useEffect(() => {
    if (!active) return;
    const source = new EventSource(`/api/submissions/${id}/events`);
    source.addEventListener('status', (e) => {
      const next = JSON.parse((e as MessageEvent<string>).data) as SubmissionStatus;
      handler.current(next);
      if (FINAL_STATES.has(next.status)) source.close();
    });
    return () => source.close();
  }, [id, active]);
}

/** The latest status of a submission, starting from `initial` and kept live while it is not final. */
export function useSubmissionStatus(initial: SubmissionStatus): SubmissionStatus {
  const [status, setStatus] = useState(initial);
  useSubmissionEvents(initial.id, !FINAL_STATES.has(initial.status), setStatus);
  return status;
}
