'use client';
import { FormError } from '~/components/forms/FormError';
import { useFormChange } from '~/components/forms/useRefreshingAction';
import { api, apiSend } from '~/lib/client/api-client';
import type { ProjectView } from '~/lib/client/api-contract';
import { fieldChoice, fieldText } from '~/lib/client/form-fields';

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
  const { busy, error, onSubmit } = useFormChange(async (f) => {
    const json = {
      title: fieldText(f, 'title'),
      description: String(f.get('description') ?? ''),
      envId: fieldText(f, 'envId'),
      direction: fieldChoice(f, 'direction', ['maximize', 'minimize'] as const),
    };
    if (project) await apiSend(api.projects[':projectId'].$patch({ param: { projectId: project.id }, json }));
    else await apiSend(api.courses[':courseId'].projects.$post({ param: { courseId }, json }));
    return undefined;
  });
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
