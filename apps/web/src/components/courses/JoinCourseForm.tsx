'use client';
import { useRouter } from 'next/navigation';
import type { FormEvent } from 'react';
import { FormError } from '~/components/forms/FormError';
import { useAction } from '~/components/forms/useAction';
import { api, apiSend } from '~/lib/client/api-client';

/** Joins a course with the code its instructor handed out, then opens it. */
export function JoinCourseForm() {
  const router = useRouter();
  const { busy, error, run } = useAction();
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const code = String(new FormData(e.currentTarget).get('code')).trim();
    return run(async () => {
      const joined = await apiSend(api.courses.join.$post({ json: { code } }));
      router.push(`/courses/${joined.course.id}`);
      router.refresh();
    });
  }
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
