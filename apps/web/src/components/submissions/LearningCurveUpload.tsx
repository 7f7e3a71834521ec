'use client';
import { FormError } from '~/components/forms/FormError';
import { useFormChange } from '~/components/forms/useRefreshingAction';
import { api, apiSend } from '~/lib/client/api-client';

/** Attaches a training log (JSON lines or CSV with step and return columns, as `critic train` writes). */
export function LearningCurveUpload({ submissionId }: { submissionId: string }) {
  const { busy, error, onSubmit } = useFormChange(async (f) => {
    const file = f.get('log');
    if (!(file instanceof File)) return undefined;
    const type = file.name.endsWith('.csv') ? 'text/csv' : 'text/plain';
    // The log goes as the file's own text (CSV or JSON lines), which the route reads itself.
    await apiSend(
      api.submissions[':submissionId']['learning-curve'].$put(
        { param: { submissionId } },
        { headers: { 'content-type': type }, init: { body: await file.text() } },
      ),
    );
    return undefined;
  });
  return (
    <form className="stack" onSubmit={onSubmit} aria-label="Upload learning curve">
      <label>
        Training log (JSON lines or CSV)
        <input name="log" type="file" accept=".jsonl,.json,.csv,.txt" required />
      </label>
      <FormError error={error} />
      <button type="submit" disabled={busy}>
        Upload learning curve
      </button>
    </form>
  );
}
