import type { AssignmentKind, SubmissionSummary } from '~/lib/client/api-contract';
import { countingSubmissionIds } from '~/lib/client/counting';
import { SubmissionRow } from './SubmissionRow';

/**
 * Submissions, newest first, with live status badges. Homework shows points, and marks the submission
 * that counts for the grade (the chosen one, else the best).
 */
export function SubmissionTable({
  submissions,
  showTeam,
  kind = 'agent',
}: {
  submissions: SubmissionSummary[];
  showTeam?: boolean;
  kind?: AssignmentKind;
}) {
  if (submissions.length === 0) return <p className="muted">No submissions yet.</p>;
  const counting = kind === 'checks' ? countingSubmissionIds(submissions) : new Set<string>();
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
            <th className="num">{kind === 'checks' ? 'Points' : 'Public score'}</th>
          </tr>
        </thead>
        <tbody>
          {submissions.map((s) => (
            <SubmissionRow
              key={s.id}
              initial={s}
              counts={counting.has(s.id)}
              {...(showTeam ? { showTeam } : {})}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
