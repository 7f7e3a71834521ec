'use client';
import { useState } from 'react';
import { FormError } from '~/components/forms/FormError';
import { SelectField } from '~/components/forms/SelectField';
import { useFormChange } from '~/components/forms/useRefreshingAction';
import { api, apiSend } from '~/lib/client/api-client';
import type { EnvInfo, HomeworkInfo } from '~/lib/client/api-contract';
import { fieldNumber, fieldText } from '~/lib/client/form-fields';
import {
  AssignmentSettingsFields,
  newAssignmentSettings,
  readAssignmentSettings,
} from './AssignmentSettingsFields';
import { type ChecksChoice, HomeworkChecksPicker } from './HomeworkChecksPicker';

/** Creates an agent assignment (env, episodes, limits) or a homework-checks assignment, then opens it. */
export function AssignmentForm({
  courseId,
  envs,
  homeworks,
}: {
  courseId: string;
  envs: EnvInfo[];
  homeworks: HomeworkInfo[];
}) {
  const [kind, setKind] = useState<'agent' | 'checks'>('agent');
  const [choice, setChoice] = useState<ChecksChoice>({ homework: homeworks[0]?.id ?? '' });
  const { busy, error, onSubmit } = useFormChange(async (f) => {
    const settings = readAssignmentSettings(f);
    const json = {
      ...settings,
      // Required by the API; the inputs are required, so the browser has filled them.
      opensAt: settings.opensAt ?? '',
      dueAt: settings.dueAt ?? '',
      slug: fieldText(f, 'slug'),
      title: fieldText(f, 'title'),
      description: fieldText(f, 'description') || undefined,
      kind,
      ...(kind === 'agent'
        ? {
            envId: fieldText(f, 'envId'),
            publicEpisodes: fieldNumber(f, 'publicEpisodes'),
            privateEpisodes: fieldNumber(f, 'privateEpisodes'),
            ...(f.get('baselines') === 'on'
              ? { baselines: { kinds: ['random' as const, 'ppo' as const] } }
              : {}),
          }
        : choice),
    };
    const created = await apiSend(api.courses[':courseId'].assignments.$post({ param: { courseId }, json }));
    return `/assignments/${created.id}`;
  });
  return (
    <form className="stack wide" onSubmit={onSubmit} aria-label="Create assignment">
      <SelectField
        label="Kind"
        name="kind"
        value={kind}
        onChange={(e) => setKind(e.target.value as 'agent' | 'checks')}
      >
        <option value="agent">Agent (environment episodes)</option>
        <option value="checks">Homework checks</option>
      </SelectField>
      <label>
        Assignment slug
        <input name="slug" required pattern="[a-z0-9][a-z0-9\-]*" />
      </label>
      <label>
        Assignment title
        <input name="title" required />
      </label>
      <label className="span-row">
        Description (plain text, shown on the assignment page)
        <textarea name="description" rows={4} maxLength={20000} />
      </label>
      {kind === 'agent' ? (
        <>
          <SelectField
            label="Environment"
            name="envId"
            defaultValue={envs.find((e) => e.id === 'CartPole-v1')?.id ?? envs[0]?.id}
          >
            {envs.map((e) => (
              <option key={e.id} value={e.id}>
                {e.id}
                {typeof e.maxEpisodeSteps === 'number' ? ` (≤ ${e.maxEpisodeSteps} steps)` : ''}
              </option>
            ))}
          </SelectField>
          <label>
            Public episodes
            <input name="publicEpisodes" type="number" min={0} max={1000} defaultValue={10} />
          </label>
          <label>
            Private episodes
            <input name="privateEpisodes" type="number" min={0} max={1000} defaultValue={20} />
          </label>
          <label className="inline span-row">
            <input name="baselines" type="checkbox" defaultChecked />
            Add baseline rows to the board (a random agent and PPO trained by the grader)
          </label>
        </>
      ) : (
        <HomeworkChecksPicker homeworks={homeworks} onChange={setChoice} />
      )}
      <AssignmentSettingsFields initial={newAssignmentSettings()} />
      <FormError error={error} />
      <div>
        <button type="submit" disabled={busy}>
          Create assignment
        </button>
      </div>
    </form>
  );
}
