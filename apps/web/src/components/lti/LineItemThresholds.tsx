'use client';
import { useRouter } from 'next/navigation';
import type { FormEvent } from 'react';
import { FormError } from '~/components/forms/FormError';
import { useAction } from '~/components/forms/useAction';
import { api, apiSend } from '~/lib/client/api-client';
import type { LtiLineItemInfo } from '~/lib/client/api-contract';

/**
 * How an agent assignment's gradebook column maps the private score: by rank (both fields empty), or
 * linearly from "zero at" to "full marks at" (set "zero at" above "full marks at" when lower is better).
 */
export function LineItemThresholds({ courseId, item }: { courseId: string; item: LtiLineItemInfo }) {
  const router = useRouter();
  const { busy, error, run } = useAction();
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const num = (k: string) => {
      const v = String(f.get(k) ?? '').trim();
      return v === '' ? null : Number(v);
    };
    return run(async () => {
      await apiSend(
        api.courses[':courseId'].lti['line-items'][':lineItemId'].thresholds.$put({
          param: { courseId, lineItemId: item.id },
          json: { gradeZeroAt: num('gradeZeroAt'), gradeFullAt: num('gradeFullAt') },
        }),
      );
      router.refresh();
    });
  }
  return (
    <form className="row" onSubmit={onSubmit} aria-label={`Grading of ${item.assignmentTitle}`}>
      <label>
        Zero at score{' '}
        <input name="gradeZeroAt" type="number" step="any" defaultValue={item.gradeZeroAt ?? ''} />
      </label>
      <label>
        Full marks at score{' '}
        <input name="gradeFullAt" type="number" step="any" defaultValue={item.gradeFullAt ?? ''} />
      </label>
      <button type="submit" disabled={busy}>
        Save
      </button>
      <FormError error={error} />
    </form>
  );
}
