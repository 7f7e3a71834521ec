'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { FormError } from '~/components/forms/FormError';
import { useAction } from '~/components/forms/useAction';
import type { Assignment } from '~/lib/client/api-types';
import { send } from '~/lib/client/send';

/** Per-assignment staff tools: rejudge everything, release the private board, grade CSV export. */
export function AssignmentActions({
  a,
  instructor,
}: {
  a: Assignment & { privateReleasedAt?: string | null };
  instructor: boolean;
}) {
  const router = useRouter();
  const { busy, error, run } = useAction();
  const [note, setNote] = useState<string | null>(null);
  return (
    <div className="row" data-testid="assignment-actions" data-assignment={a.slug}>
      <button
        type="button"
        className="secondary"
        disabled={busy}
        onClick={() =>
          run(async () => {
            const r = await send<{ count: number }>('POST', `/api/assignments/${a.id}/rejudge`);
            setNote(`${r.count} submissions queued again`);
            router.refresh();
          })
        }
      >
        Rejudge all
      </button>
      {instructor && a.kind === 'agent' && (
        <button
          type="button"
          className="secondary"
          disabled={busy || Boolean(a.privateReleasedAt)}
          onClick={() =>
            run(async () => {
              await send('POST', `/api/assignments/${a.id}/release`);
              setNote('private board released');
              router.refresh();
            })
          }
        >
          {a.privateReleasedAt ? 'Private board released' : 'Release private board'}
        </button>
      )}
      <a className="button secondary" href={`/api/assignments/${a.id}/grades.csv`} download>
        Grades CSV
      </a>
      {note && <span className="notice small">{note}</span>}
      <FormError error={error} />
    </div>
  );
}
