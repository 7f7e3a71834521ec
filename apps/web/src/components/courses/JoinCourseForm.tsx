'use client';
import { FormError } from '~/components/forms/FormError';
import { useFormChange } from '~/components/forms/useRefreshingAction';
import { api, apiSend } from '~/lib/client/api-client';
import { fieldText } from '~/lib/client/form-fields';

/** Joins a course with the code its instructor handed out, then opens it. */
export function JoinCourseForm() {
  const { busy, error, onSubmit } = useFormChange(async (f) => {
    const joined = await apiSend(api.courses.join.$post({ json: { code: fieldText(f, 'code') } }));
    return `/courses/${joined.course.id}`;
  });
  return (
    <form className="stack" onSubmit={onSubmit} aria-label="Join course">
      <label>
        Course join code
        <input name="code" required autoComplete="off" />
      </label>
      <FormError error={error} />
      <button type="submit" disabled={busy}>
        Join course
      </button>
    </form>
  );
}
