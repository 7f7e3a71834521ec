'use client';
import { FormError } from '~/components/forms/FormError';
import { useFormChange } from '~/components/forms/useRefreshingAction';
import { api, apiSend } from '~/lib/client/api-client';
import type { Assignment } from '~/lib/client/api-contract';
import { fieldText } from '~/lib/client/form-fields';
import {
  type AssignmentSettings,
  AssignmentSettingsFields,
  localInput,
  readAssignmentSettings,
} from './AssignmentSettingsFields';

/** The assignment's current settings, as the form shows them (the defaults for a limit never set). */
function settingsOf(a: Assignment): AssignmentSettings {
  const local = (iso: string | null | undefined) => (iso ? localInput(new Date(iso)) : '');
  return {
    opensAt: local(a.opensAt),
    dueAt: local(a.dueAt),
    lateUntil: local(a.lateUntil),
    latePenalty: a.latePenalty ?? 0,
    maxDailySubmissions: a.maxDailySubmissions ?? 5,
    maxArtifactMb: (a.maxArtifactBytes ?? 50e6) / 1e6,
    wallTimeS: (a.wallTimeMs ?? 600_000) / 1000,
    actTimeMs: a.actTimeMs ?? 50,
    memoryMb: a.memoryMb ?? 512,
    leaderboardVisibility: a.leaderboardVisibility ?? 'public',
  };
}

/**
 * Changes an existing assignment: title, description, dates, late policy, limits and board visibility
 * (what PATCH takes; kind, env and episodes are fixed once submissions exist). A later due date makes
 * submissions that were late on time again.
 */
export function EditAssignmentForm({ a }: { a: Assignment }) {
  const { busy, error, onSubmit } = useFormChange(async (f) => {
    const body = {
      ...readAssignmentSettings(f),
      title: fieldText(f, 'title'),
      description: String(f.get('description') ?? ''),
    };
    // An emptied "late until" clears it.
    const json = { ...body, lateUntil: body.lateUntil ?? null };
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
      Object.entries(json).filter(([k, v]) => v !== undefined && v !== before[k]),
    ) as Partial<typeof json>;
    if (Object.keys(changed).length > 0) {
      await apiSend(
        api.assignments[':assignmentId'].$patch({ param: { assignmentId: a.id }, json: changed }),
      );
    }
    return `/assignments/${a.id}`;
  });
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
      <AssignmentSettingsFields initial={settingsOf(a)} />
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
