'use client';
import type { FormEvent } from 'react';
import { FormError } from '~/components/forms/FormError';
import { useRefreshingAction } from '~/components/forms/useRefreshingAction';
import { api, apiSend } from '~/lib/client/api-client';

const DAY = 86_400_000;
/** The approval API's default and largest PPO baseline budget (as `enqueueBaselineJobs`'). */
const DEFAULT_BASELINE_BUDGET_STEPS = 50_000;
const MAX_BASELINE_BUDGET_STEPS = 2_000_000;

/** The instructor's approve (episode counts, due date) and reject (with a note) forms for one pending project. */
export function ReviewProject({ projectId, title }: { projectId: string; title: string }) {
  const { busy, error, change } = useRefreshingAction();
  const project = api.projects[':projectId'];
  const param = { projectId };
  const onApprove = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const now = Date.now();
    const days = Number(f.get('days'));
    const json = {
      publicEpisodes: Number(f.get('publicEpisodes')),
      privateEpisodes: Number(f.get('privateEpisodes')),
      opensAt: new Date(now - 60_000).toISOString(),
      dueAt: new Date(now + days * DAY).toISOString(),
      baselines:
        f.get('baselines') === 'on' ? { budgetSteps: Number(f.get('budgetSteps')) } : (false as const),
    };
    return change(() => apiSend(project.approve.$post({ param, json })));
  };
  const onReject = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const note = String(new FormData(e.currentTarget).get('note'));
    return change(() => apiSend(project.reject.$post({ param, json: { note } })));
  };
  return (
    <div className="grid-2">
      <form className="stack" onSubmit={onApprove} aria-label={`Approve ${title}`}>
        <label>
          Public episodes
          <input name="publicEpisodes" type="number" min={0} defaultValue={5} required />
        </label>
        <label>
          Private episodes
          <input name="privateEpisodes" type="number" min={1} defaultValue={20} required />
        </label>
        <label>
          Due in days
          <input name="days" type="number" min={1} defaultValue={14} required />
        </label>
        <label className="inline">
          <input name="baselines" type="checkbox" defaultChecked /> Run baselines (random + PPO)
        </label>
        <label>
          PPO training budget (env steps)
          <input
            name="budgetSteps"
            type="number"
            min={1}
            max={MAX_BASELINE_BUDGET_STEPS}
            defaultValue={DEFAULT_BASELINE_BUDGET_STEPS}
            required
          />
        </label>
        <button type="submit" disabled={busy}>
          Approve
        </button>
      </form>
      <form className="stack" onSubmit={onReject} aria-label={`Reject ${title}`}>
        <label>
          Note to the team
          <textarea name="note" required maxLength={5000} />
        </label>
        <button type="submit" className="danger" disabled={busy}>
          Reject
        </button>
      </form>
      <FormError error={error} />
    </div>
  );
}
