'use client';
import { useRouter } from 'next/navigation';
import type { FormEvent } from 'react';
import { FormError } from '~/components/forms/FormError';
import { useAction } from '~/components/forms/useAction';
import { api, apiSend } from '~/lib/client/api-client';

/** Attaches a training log (JSON lines or CSV with step and return columns, as `critic train` writes). */
export function LearningCurveUpload({ submissionId }: { submissionId: string }) {
  const router = useRouter();
  const { busy, error, run } = useAction();
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const file = new FormData(e.currentTarget).get('log');
    if (!(file instanceof File)) return;
    return run(async () => {
      const text = await file.text();
      const type = file.name.endsWith('.csv') ? 'text/csv' : 'text/plain';
      // The log goes as the file's own text (CSV or JSON lines), which the route reads itself.
      await apiSend(
        api.submissions[':submissionId']['learning-curve'].$put(
          { param: { submissionId } },
          { headers: { 'content-type': type }, init: { body: text } },
        ),
      );
      router.refresh();
    });
  }
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
