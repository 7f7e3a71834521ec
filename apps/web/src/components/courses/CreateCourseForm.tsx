'use client';
import { FormError } from '~/components/forms/FormError';
import { useFormChange } from '~/components/forms/useRefreshingAction';
import { api, apiSend } from '~/lib/client/api-client';
import { fieldNumber, fieldText } from '~/lib/client/form-fields';

/** Creates a course (the creator becomes its instructor) and opens it. */
export function CreateCourseForm() {
  const { busy, error, onSubmit } = useFormChange(async (f) => {
    const course = await apiSend(
      api.courses.$post({
        json: {
          slug: fieldText(f, 'slug'),
          title: fieldText(f, 'title'),
          timezone: fieldText(f, 'timezone') || undefined,
          maxTeamSize: fieldNumber(f, 'maxTeamSize'),
        },
      }),
    );
    return `/courses/${course.id}`;
  });
  return (
    <form className="stack" onSubmit={onSubmit} aria-label="Create course">
      <label>
        Course slug
        <input name="slug" required pattern="[a-z0-9][a-z0-9\-]*" placeholder="rl-2026" />
      </label>
      <label>
        Course title
        <input name="title" required placeholder="Reinforcement Learning 2026" />
      </label>
      <label>
        Time zone
        <input name="timezone" placeholder="Europe/Berlin" />
      </label>
      <label>
        Maximum team size
        <input name="maxTeamSize" type="number" min={1} max={50} defaultValue={5} />
      </label>
      <FormError error={error} />
      <button type="submit" disabled={busy}>
        Create course
      </button>
    </form>
  );
}
