import type { PendingSeat } from '~/lib/client/api-contract';

/** A roster seat waiting for its address to be verified (`GET /api/courses/:id/roster/invitations`). */
export type { PendingSeat };

/**
 * Roster seats not granted yet: each goes to its address once that address is verified. With the
 * built-in log mailer (one machine, no mail) the latest link sent to an address is shown here, for the
 * instructor to hand to its owner.
 */
export function PendingSeats({ seats }: { seats: readonly PendingSeat[] }) {
  if (seats.length === 0) return <p className="muted small">Every roster seat is taken.</p>;
  return (
    <table data-testid="pending-seats">
      <caption className="small muted">
        Roster seats waiting for their address to be verified (signing up with it is not enough)
      </caption>
      <thead>
        <tr>
          <th>Email</th>
          <th>Role</th>
          <th>Account</th>
          <th>Verification link</th>
        </tr>
      </thead>
      <tbody>
        {seats.map((s) => (
          <tr key={s.email}>
            <td>
              {s.email}
              {s.name ? <span className="muted small"> · {s.name}</span> : null}
            </td>
            <td>{s.role}</td>
            <td>{s.account === 'none' ? 'not signed up yet' : 'signed up, not verified'}</td>
            <td className="small">
              {s.verificationLink ? (
                <code>{s.verificationLink}</code>
              ) : (
                <span className="muted">sent by mail</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
