import type { SubmissionSummary } from '~/lib/client/api-types';
import { SubmissionRow } from './SubmissionRow';

/** Submissions, newest first, with live status badges. */
export function SubmissionTable({
  submissions,
  showTeam,
}: {
  submissions: SubmissionSummary[];
  showTeam?: boolean;
}) {
  if (submissions.length === 0) return <p className="muted">No submissions yet.</p>;
  return (
    <div className="table-wrap">
      <table data-testid="submissions-table">
        <thead>
          <tr>
            <th>Submitted</th>
            {showTeam && <th>Team</th>}
            <th>By</th>
            <th>Format</th>
            <th>Status</th>
            <th className="num">Public score</th>
          </tr>
        </thead>
        <tbody>
          {submissions.map((s) => (
            <SubmissionRow key={s.id} initial={s} {...(showTeam ? { showTeam } : {})} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
