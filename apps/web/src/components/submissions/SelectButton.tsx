'use client';
import { FormError } from '~/components/forms/FormError';
import { useRefreshingAction } from '~/components/forms/useRefreshingAction';
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
  const { busy, error, change } = useRefreshingAction();
  const toggle = () =>
    change(() => {
      const select = api.submissions[':submissionId'].select;
      const param = { submissionId };
      return apiSend(selected ? select.$delete({ param }) : select.$post({ param }));
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
