import type { SubmissionState } from '~/lib/client/api-contract';

/** A coloured badge of a submission's status. */
export function StatusBadge({ status }: { status: SubmissionState }) {
  return (
    <span className={`badge ${status}`} data-testid="status-badge">
      {status}
    </span>
  );
}
