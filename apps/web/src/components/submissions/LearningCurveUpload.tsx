'use client';
import { useRouter } from 'next/navigation';
import type { FormEvent } from 'react';
import { FormError } from '~/components/forms/FormError';
import { useAction } from '~/components/forms/useAction';
import { send } from '~/lib/client/send';

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
      await send('PUT', `/api/submissions/${submissionId}/learning-curve`, text, type);
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
