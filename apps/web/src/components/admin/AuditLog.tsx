import { type Column, DataTable } from '~/components/tables/DataTable';
import type { AuditEntry } from '~/lib/client/api-contract';
import { formatTime } from '~/lib/client/format';

const COLUMNS: Column<AuditEntry>[] = [
  { header: 'When', cell: (e) => formatTime(e.createdAt) },
  { header: 'Who', cell: (e) => e.actor?.name ?? 'system' },
  { header: 'Action', cell: (e) => <code>{e.action}</code> },
  { header: 'On', className: 'small', cell: (e) => `${e.entityType} ${e.entityId?.slice(0, 8)}` },
  {
    header: 'Details',
    className: 'mono small',
    cell: (e) => (e.details == null ? '' : JSON.stringify(e.details)),
  },
];

/** The course's audit log, newest first. */
export function AuditLog({ entries }: { entries: AuditEntry[] }) {
  return (
    <DataTable
      rows={entries}
      columns={COLUMNS}
      rowKey={(e) => e.id}
      rowProps={() => ({ 'data-testid': 'audit-entry' })}
      empty="Nothing recorded yet."
      testId="audit-log"
    />
  );
}
