import Link from 'next/link';
import { type Column, DataTable } from '~/components/tables/DataTable';
import type { Assignment } from '~/lib/client/api-contract';
import { formatTime } from '~/lib/client/format';

const COLUMNS: Column<Assignment>[] = [
  { header: 'Assignment', cell: (a) => <Link href={`/assignments/${a.id}`}>{a.title}</Link> },
  { header: 'Kind', cell: (a) => (a.kind === 'agent' ? `agent · ${a.envId ?? ''}` : 'homework checks') },
  { header: 'Due', cell: (a) => formatTime(a.dueAt) },
  {
    header: 'Board',
    cell: (a) => a.kind === 'agent' && <Link href={`/assignments/${a.id}/leaderboard`}>leaderboard</Link>,
  },
];

/** A course's assignments with kind, environment and due date. */
export function AssignmentList({ assignments }: { assignments: Assignment[] }) {
  return <DataTable rows={assignments} columns={COLUMNS} rowKey={(a) => a.id} empty="No assignments yet." />;
}
