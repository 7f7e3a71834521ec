import { type Column, DataTable } from '~/components/tables/DataTable';
import type { PendingSeat } from '~/lib/client/api-contract';

/** A roster seat waiting for its address to be verified (`GET /api/courses/:id/roster/invitations`). */
export type { PendingSeat };

const COLUMNS: Column<PendingSeat>[] = [
  {
    header: 'Email',
    cell: (s) => (
      <>
        {s.email}
        {s.name ? <span className="muted small"> · {s.name}</span> : null}
      </>
    ),
  },
  { header: 'Role', cell: (s) => s.role },
  {
    header: 'Account',
    cell: (s) => (s.account === 'none' ? 'not signed up yet' : 'signed up, not verified'),
  },
  {
    header: 'Verification link',
    className: 'small',
    cell: (s) =>
      s.verificationLink ? <code>{s.verificationLink}</code> : <span className="muted">sent by mail</span>,
  },
];

/**
 * Roster seats not granted yet: each goes to its address once that address is verified. With the
 * built-in log mailer (one machine, no mail) the latest link sent to an address is shown here, for the
 * instructor to hand to its owner.
 */
export function PendingSeats({ seats }: { seats: readonly PendingSeat[] }) {
  if (seats.length === 0) return <p className="muted small">Every roster seat is taken.</p>;
  return (
    <DataTable
      rows={seats}
      columns={COLUMNS}
      rowKey={(s) => s.email}
      caption="Roster seats waiting for their address to be verified (signing up with it is not enough)"
      testId="pending-seats"
    />
  );
}
