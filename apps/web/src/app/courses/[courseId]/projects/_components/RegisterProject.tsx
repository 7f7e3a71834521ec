'use client';
import { useRouter } from 'next/navigation';
import type { FormEvent } from 'react';
import { FormError } from '~/components/forms/FormError';
import { useAction } from '~/components/forms/useAction';
import { send } from '~/lib/client/send';
import type { ProjectView } from './types';

/** The team's project form: registers a new one, or edits a pending/rejected one (back to pending). */
export function RegisterProject({
  courseId,
  envIds,
  project,
}: {
  courseId: string;
  /** Registered envs and the team's accepted custom envs. */
  envIds: string[];
  project: ProjectView | null;
}) {
  const router = useRouter();
  const { busy, error, run } = useAction();
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const body = {
      title: String(f.get('title')).trim(),
      description: String(f.get('description') ?? ''),
      envId: String(f.get('envId')),
      direction: String(f.get('direction')),
    };
    return run(async () => {
      if (project) await send('PATCH', `/api/projects/${project.id}`, body);
      else await send('POST', `/api/courses/${courseId}/projects`, body);
      router.refresh();
    });
  };
  return (
    <form className="stack" onSubmit={onSubmit} aria-label="Register project">
      <label>
        Project title
        <input name="title" required maxLength={200} defaultValue={project?.title} />
      </label>
      <label>
        Description
        <textarea name="description" maxLength={10000} defaultValue={project?.description} />
      </label>
      <label>
        Project environment
        <select name="envId" defaultValue={project?.envId}>
          {envIds.map((id) => (
            <option key={id} value={id}>
              {id}
            </option>
          ))}
        </select>
      </label>
      <label>
        Metric direction
        <select name="direction" defaultValue={project?.direction ?? 'maximize'}>
          <option value="maximize">maximize (higher return is better)</option>
          <option value="minimize">minimize (lower is better)</option>
        </select>
      </label>
      <button type="submit" disabled={busy}>
        {project ? 'Save and ask for review again' : 'Register project'}
      </button>
      <FormError error={error} />
    </form>
  );
}
