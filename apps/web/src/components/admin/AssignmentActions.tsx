'use client';
import { useState } from 'react';
import { FormError } from '~/components/forms/FormError';
import { useRefreshingAction } from '~/components/forms/useRefreshingAction';
import { api, apiSend } from '~/lib/client/api-client';
import type { Assignment } from '~/lib/client/api-contract';

/**
 * Per-assignment staff tools: edit, rejudge everything, release the private board (confirmed first when
 * the due date has not passed), grade CSV export.
 */
export function AssignmentActions({
  a,
  instructor,
}: {
  a: Assignment & { privateReleasedAt?: string | null };
  instructor: boolean;
}) {
  const { busy, error, change } = useRefreshingAction();
  const [note, setNote] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const assignment = api.assignments[':assignmentId'];
  const param = { assignmentId: a.id };
  const release = () =>
    change(async () => {
      await apiSend(assignment.release.$post({ param, json: { released: true } }));
      setConfirming(false);
      setNote('private board released');
    });
  return (
    <div className="row" data-testid="assignment-actions" data-assignment={a.slug}>
      {instructor && (
        <a className="button secondary" href={`/assignments/${a.id}/edit`}>
          Edit
        </a>
      )}
      <button
        type="button"
        className="secondary"
        disabled={busy}
        onClick={() =>
          change(async () => {
            const r = await apiSend(assignment.rejudge.$post({ param, json: {} }));
            setNote(`${r.count} submissions queued again`);
          })
        }
      >
        Rejudge all
      </button>
      {instructor && a.kind === 'agent' && (
        <button
          type="button"
          className="secondary"
          disabled={busy || Boolean(a.privateReleasedAt) || confirming}
          onClick={() => (Date.now() < Date.parse(a.dueAt) ? setConfirming(true) : release())}
        >
          {a.privateReleasedAt ? 'Private board released' : 'Release private board'}
        </button>
      )}
      {confirming && (
        <span
          className="notice"
          role="alertdialog"
          aria-label="Confirm release"
          data-testid="release-confirm"
        >
          The due date ({new Date(a.dueAt).toISOString().slice(0, 16).replace('T', ' ')} UTC) has not passed:
          students would see private scores while they can still submit.{' '}
          <button type="button" disabled={busy} onClick={release}>
            Release before the deadline
          </button>{' '}
          <button type="button" className="secondary" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </span>
      )}
      <a className="button secondary" href={`/api/assignments/${a.id}/grades.csv`} download>
        Grades CSV
      </a>
      {note && <span className="notice small">{note}</span>}
      <FormError error={error} />
    </div>
  );
}
