'use client';
import { useRouter } from 'next/navigation';
import type { FormEvent } from 'react';
import { FormError } from '~/components/forms/FormError';
import { useAction } from '~/components/forms/useAction';
import type { Course } from '~/lib/client/api-contract';
import { send } from '~/lib/client/send';

/** Creates a course (the creator becomes its instructor) and opens it. */
export function CreateCourseForm() {
  const router = useRouter();
  const { busy, error, run } = useAction();
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    return run(async () => {
      const course = await send<Course>('POST', '/api/courses', {
        slug: f.get('slug'),
        title: f.get('title'),
        timezone: f.get('timezone') || undefined,
        maxTeamSize: Number(f.get('maxTeamSize')),
      });
      router.push(`/courses/${course.id}`);
      router.refresh();
    });
  }
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
