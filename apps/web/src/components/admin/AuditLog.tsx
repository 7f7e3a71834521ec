import type { AuditEntry } from '~/lib/client/api-contract';
import { formatTime } from '~/lib/client/format';

/** The course's audit log, newest first. */
export function AuditLog({ entries }: { entries: AuditEntry[] }) {
  if (entries.length === 0) return <p className="muted">Nothing recorded yet.</p>;
  return (
    <div className="table-wrap">
      <table data-testid="audit-log">
        <thead>
          <tr>
            <th>When</th>
            <th>Who</th>
            <th>Action</th>
            <th>On</th>
            <th>Details</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} data-testid="audit-entry">
              <td>{formatTime(e.createdAt)}</td>
              <td>{e.actor?.name ?? 'system'}</td>
              <td>
                <code>{e.action}</code>
              </td>
              <td className="small">
                {e.entityType} {e.entityId?.slice(0, 8)}
              </td>
              <td className="mono small">{e.details == null ? '' : JSON.stringify(e.details)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
