'use client';
import { FormError } from '~/components/forms/FormError';
import { useFormChange } from '~/components/forms/useRefreshingAction';
import { api, apiSend } from '~/lib/client/api-client';
import type { LtiLineItemInfo } from '~/lib/client/api-contract';
import { fieldNumber } from '~/lib/client/form-fields';

/**
 * How an agent assignment's gradebook column maps the private score: by rank (both fields empty), or
 * linearly from "zero at" to "full marks at" (set "zero at" above "full marks at" when lower is better).
 */
export function LineItemThresholds({ courseId, item }: { courseId: string; item: LtiLineItemInfo }) {
  const { busy, error, onSubmit } = useFormChange(async (f) => {
    const num = (k: string) => fieldNumber(f, k) ?? null;
    await apiSend(
      api.courses[':courseId'].lti['line-items'][':lineItemId'].thresholds.$put({
        param: { courseId, lineItemId: item.id },
        json: { gradeZeroAt: num('gradeZeroAt'), gradeFullAt: num('gradeFullAt') },
      }),
    );
    return undefined;
  });
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
