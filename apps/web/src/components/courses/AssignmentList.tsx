import Link from 'next/link';
import type { Assignment } from '~/lib/client/api-contract';
import { formatTime } from '~/lib/client/format';

/** A course's assignments with kind, environment and due date. */
export function AssignmentList({ assignments }: { assignments: Assignment[] }) {
  if (assignments.length === 0) return <p className="muted">No assignments yet.</p>;
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th>Assignment</th>
            <th>Kind</th>
            <th>Due</th>
            <th>Board</th>
          </tr>
        </thead>
        <tbody>
          {assignments.map((a) => (
            <tr key={a.id}>
              <td>
                <Link href={`/assignments/${a.id}`}>{a.title}</Link>
              </td>
              <td>{a.kind === 'agent' ? `agent · ${a.envId ?? ''}` : 'homework checks'}</td>
              <td>{formatTime(a.dueAt)}</td>
              <td>
                {a.kind === 'agent' && <Link href={`/assignments/${a.id}/leaderboard`}>leaderboard</Link>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
