'use client';
import { useRouter } from 'next/navigation';
import { FormError } from '~/components/forms/FormError';
import { useAction } from '~/components/forms/useAction';
import { api, apiSend } from '~/lib/client/api-client';

/** Marks (or unmarks) this submission as the team's choice for the final ranking (homework: for the grade). */
export function SelectButton({
  submissionId,
  selected,
  homework = false,
}: {
  submissionId: string;
  selected: boolean;
  homework?: boolean;
}) {
  const what = homework ? 'the grade' : 'the final ranking';
  const router = useRouter();
  const { busy, error, run } = useAction();
  const toggle = () =>
    run(async () => {
      const select = api.submissions[':submissionId'].select;
      await apiSend(
        selected ? select.$delete({ param: { submissionId } }) : select.$post({ param: { submissionId } }),
      );
      router.refresh();
    });
  return (
    <div>
      {selected ? (
        <p className="notice" data-testid="selected-notice">
          This submission is used for {what}.
        </p>
      ) : null}
      <button type="button" className={selected ? 'secondary' : ''} disabled={busy} onClick={toggle}>
        {selected ? `Stop using it for ${what}` : `Use this submission for ${what}`}
      </button>
      <FormError error={error} />
    </div>
  );
}
