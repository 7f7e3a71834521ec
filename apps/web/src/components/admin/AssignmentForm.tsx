'use client';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { FormError } from '~/components/forms/FormError';
import { SelectField } from '~/components/forms/SelectField';
import { useAction } from '~/components/forms/useAction';
import type { Assignment, EnvInfo, HomeworkInfo } from '~/lib/client/api-contract';
import { send } from '~/lib/client/send';
import { type ChecksChoice, HomeworkChecksPicker } from './HomeworkChecksPicker';

/** A `datetime-local` value (local wall clock of the browser), `days` from now. */
function localInput(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setSeconds(0, 0);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

const num = (f: FormData, k: string) => (f.get(k) === '' || f.get(k) === null ? undefined : Number(f.get(k)));
const iso = (f: FormData, k: string) => (f.get(k) ? new Date(String(f.get(k))).toISOString() : undefined);

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
  const router = useRouter();
  const { busy, error, run } = useAction();
  const [kind, setKind] = useState<'agent' | 'checks'>('agent');
  const [choice, setChoice] = useState<ChecksChoice>({ homework: homeworks[0]?.id ?? '' });
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const body = {
      slug: f.get('slug'),
      title: f.get('title'),
      description: f.get('description') || undefined,
      kind,
      ...(kind === 'agent'
        ? {
            envId: f.get('envId'),
            publicEpisodes: num(f, 'publicEpisodes'),
            privateEpisodes: num(f, 'privateEpisodes'),
            ...(f.get('baselines') === 'on' ? { baselines: { kinds: ['random', 'ppo'] } } : {}),
          }
        : choice),
      maxArtifactBytes:
        num(f, 'maxArtifactMb') === undefined ? undefined : Math.round(num(f, 'maxArtifactMb')! * 1e6),
      maxDailySubmissions: num(f, 'maxDailySubmissions'),
      wallTimeMs: num(f, 'wallTimeS') === undefined ? undefined : num(f, 'wallTimeS')! * 1000,
      actTimeMs: num(f, 'actTimeMs'),
      memoryMb: num(f, 'memoryMb'),
      opensAt: iso(f, 'opensAt'),
      dueAt: iso(f, 'dueAt'),
      lateUntil: iso(f, 'lateUntil'),
      latePenalty: num(f, 'latePenalty'),
      leaderboardVisibility: f.get('leaderboardVisibility'),
    };
    return run(async () => {
      const created = await send<Assignment>('POST', `/api/courses/${courseId}/assignments`, body);
      router.push(`/assignments/${created.id}`);
    });
  }
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
      <label>
        Opens at
        <input name="opensAt" type="datetime-local" required defaultValue={localInput(-1)} />
      </label>
      <label>
        Due at
        <input name="dueAt" type="datetime-local" required defaultValue={localInput(14)} />
      </label>
      <label>
        Late submissions until
        <input name="lateUntil" type="datetime-local" />
      </label>
      <label>
        Late penalty (fraction 0–1)
        <input name="latePenalty" type="number" min={0} max={1} step={0.05} defaultValue={0} />
      </label>
      <label>
        Daily submission limit
        <input name="maxDailySubmissions" type="number" min={1} defaultValue={5} />
      </label>
      <label>
        Max artifact size (MB)
        <input name="maxArtifactMb" type="number" min={0.01} step={0.01} defaultValue={50} />
      </label>
      <label>
        Wall-time limit (s)
        <input name="wallTimeS" type="number" min={1} defaultValue={600} />
      </label>
      <label>
        Time per action (ms)
        <input name="actTimeMs" type="number" min={1} defaultValue={50} />
      </label>
      <label>
        Memory limit (MB)
        <input name="memoryMb" type="number" min={64} defaultValue={512} />
      </label>
      <SelectField label="Leaderboard visibility" name="leaderboardVisibility" defaultValue="public">
        <option value="public">public</option>
        <option value="after_due">after the due date</option>
        <option value="hidden">hidden</option>
      </SelectField>
      <FormError error={error} />
      <div>
        <button type="submit" disabled={busy}>
          Create assignment
        </button>
      </div>
    </form>
  );
}
