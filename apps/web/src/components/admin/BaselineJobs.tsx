import type { BaselineJob } from '~/lib/client/api-contract';

const LABEL: Record<BaselineJob['status'], string> = {
  queued: 'queued',
  running: 'training',
  done: 'made',
  dead: 'baseline failed',
};

/** What became of an assignment's baseline jobs; a failed one says why (it leaves no row on the board). */
export function BaselineJobs({ jobs }: { jobs: BaselineJob[] }) {
  if (jobs.length === 0) return null;
  return (
    <ul className="small" data-testid="baseline-jobs">
      {jobs.map((j) => (
        <li key={j.kind} data-testid="baseline-job" data-kind={j.kind} data-status={j.status}>
          Baseline <code>{j.kind}</code>:{' '}
          <span className={j.status === 'dead' ? 'error' : 'muted'}>{LABEL[j.status]}</span>
          {j.status === 'dead' && j.lastError && <span className="error"> — {j.lastError}</span>}
        </li>
      ))}
    </ul>
  );
}
