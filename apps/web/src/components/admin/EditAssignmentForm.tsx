'use client';
import { useRouter } from 'next/navigation';
import type { FormEvent } from 'react';
import { FormError } from '~/components/forms/FormError';
import { SelectField } from '~/components/forms/SelectField';
import { useAction } from '~/components/forms/useAction';
import type { Assignment } from '~/lib/client/api-contract';
import { send } from '~/lib/client/send';

/** An ISO instant as a `datetime-local` value in the browser's time zone ('' for none). */
function localValue(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

const num = (f: FormData, k: string) => (f.get(k) === '' || f.get(k) === null ? undefined : Number(f.get(k)));
const iso = (f: FormData, k: string) => (f.get(k) ? new Date(String(f.get(k))).toISOString() : undefined);

/**
 * Changes an existing assignment: title, description, dates, late policy, limits and board visibility
 * (what PATCH takes; kind, env and episodes are fixed once submissions exist). A later due date makes
 * submissions that were late on time again.
 */
export function EditAssignmentForm({ a }: { a: Assignment }) {
  const router = useRouter();
  const { busy, error, run } = useAction();
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const body = {
      title: f.get('title'),
      description: f.get('description') ?? '',
      opensAt: iso(f, 'opensAt'),
      dueAt: iso(f, 'dueAt'),
      lateUntil: iso(f, 'lateUntil') ?? null,
      latePenalty: num(f, 'latePenalty'),
      maxDailySubmissions: num(f, 'maxDailySubmissions'),
      maxArtifactBytes:
        num(f, 'maxArtifactMb') === undefined ? undefined : Math.round(num(f, 'maxArtifactMb')! * 1e6),
      wallTimeMs: num(f, 'wallTimeS') === undefined ? undefined : num(f, 'wallTimeS')! * 1000,
      actTimeMs: num(f, 'actTimeMs'),
      memoryMb: num(f, 'memoryMb'),
      leaderboardVisibility: f.get('leaderboardVisibility'),
    };
    // Send only what changed (an unset limit stays unset).
    const before: Record<string, unknown> = {
      ...a,
      description: a.description ?? '',
      lateUntil: a.lateUntil ?? null,
      opensAt: new Date(a.opensAt).toISOString(),
      dueAt: new Date(a.dueAt).toISOString(),
      ...(a.lateUntil ? { lateUntil: new Date(a.lateUntil).toISOString() } : {}),
    };
    const changed = Object.fromEntries(
      Object.entries(body).filter(([k, v]) => v !== undefined && v !== before[k]),
    );
    return run(async () => {
      if (Object.keys(changed).length > 0)
        await send<Assignment>('PATCH', `/api/assignments/${a.id}`, changed);
      router.push(`/assignments/${a.id}`);
      router.refresh();
    });
  }
  return (
    <form className="stack wide" onSubmit={onSubmit} aria-label="Edit assignment">
      <label>
        Assignment title
        <input name="title" required defaultValue={a.title} />
      </label>
      <label className="span-row">
        Description (plain text, shown on the assignment page)
        <textarea name="description" rows={4} maxLength={20000} defaultValue={a.description ?? ''} />
      </label>
      <label>
        Opens at
        <input name="opensAt" type="datetime-local" required defaultValue={localValue(a.opensAt)} />
      </label>
      <label>
        Due at
        <input name="dueAt" type="datetime-local" required defaultValue={localValue(a.dueAt)} />
      </label>
      <label>
        Late submissions until
        <input name="lateUntil" type="datetime-local" defaultValue={localValue(a.lateUntil)} />
      </label>
      <label>
        Late penalty (fraction 0–1)
        <input
          name="latePenalty"
          type="number"
          min={0}
          max={1}
          step={0.05}
          defaultValue={a.latePenalty ?? 0}
        />
      </label>
      <label>
        Daily submission limit
        <input name="maxDailySubmissions" type="number" min={1} defaultValue={a.maxDailySubmissions ?? 5} />
      </label>
      <label>
        Max artifact size (MB)
        <input
          name="maxArtifactMb"
          type="number"
          min={0.01}
          step={0.01}
          defaultValue={(a.maxArtifactBytes ?? 50e6) / 1e6}
        />
      </label>
      <label>
        Wall-time limit (s)
        <input name="wallTimeS" type="number" min={1} defaultValue={(a.wallTimeMs ?? 600_000) / 1000} />
      </label>
      <label>
        Time per action (ms)
        <input name="actTimeMs" type="number" min={1} defaultValue={a.actTimeMs ?? 50} />
      </label>
      <label>
        Memory limit (MB)
        <input name="memoryMb" type="number" min={64} defaultValue={a.memoryMb ?? 512} />
      </label>
      <SelectField
        label="Leaderboard visibility"
        name="leaderboardVisibility"
        defaultValue={a.leaderboardVisibility ?? 'public'}
      >
        <option value="public">public</option>
        <option value="after_due">after the due date</option>
        <option value="hidden">hidden</option>
      </SelectField>
      <p className="small muted span-row">
        Moving the due date re-decides which existing submissions are late (late = submitted after the due
        date) and re-scores them.
      </p>
      <FormError error={error} />
      <div>
        <button type="submit" disabled={busy}>
          Save changes
        </button>
      </div>
    </form>
  );
}
