'use client';
import { useRouter } from 'next/navigation';
import { FormError } from '~/components/forms/FormError';
import { useAction } from '~/components/forms/useAction';
import { send } from '~/lib/client/send';

/** Marks (or unmarks) this submission as the team's choice for the final ranking. */
export function SelectButton({ submissionId, selected }: { submissionId: string; selected: boolean }) {
  const router = useRouter();
  const { busy, error, run } = useAction();
  const toggle = () =>
    run(async () => {
      await send(selected ? 'DELETE' : 'POST', `/api/submissions/${submissionId}/select`);
      router.refresh();
    });
  return (
    <div>
      {selected ? (
        <p className="notice" data-testid="selected-notice">
          This submission is used for the final ranking.
        </p>
      ) : null}
      <button type="button" className={selected ? 'secondary' : ''} disabled={busy} onClick={toggle}>
        {selected ? 'Stop using it for the final ranking' : 'Use this submission for the final ranking'}
      </button>
      <FormError error={error} />
    </div>
  );
}
