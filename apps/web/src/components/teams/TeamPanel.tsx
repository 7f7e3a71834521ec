'use client';
import type { FormEvent } from 'react';
import { FormError } from '~/components/forms/FormError';
import { useRefreshingAction } from '~/components/forms/useRefreshingAction';
import { api, apiSend } from '~/lib/client/api-client';
import type { Team } from '~/lib/client/api-contract';
import { fieldText } from '~/lib/client/form-fields';

/** The viewer's team in a course: its members and invite code, or forms to create or join one. */
export function TeamPanel({
  courseId,
  team,
  maxTeamSize,
}: {
  courseId: string;
  team: Team | null;
  maxTeamSize: number;
}) {
  const { busy, error, change } = useRefreshingAction();
  const teams = api.courses[':courseId'].teams;
  const param = { courseId };
  const onCreate = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const name = fieldText(new FormData(e.currentTarget), 'name');
    return change(() => apiSend(teams.$post({ param, json: { name } })));
  };
  const onJoin = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const code = fieldText(new FormData(e.currentTarget), 'code');
    return change(() => apiSend(teams.join.$post({ param, json: { code } })));
  };
  if (team !== null) {
    return (
      <div data-testid="my-team">
        <p>
          Team <strong data-testid="team-name">{team.name}</strong> ({team.members.length} of {maxTeamSize})
        </p>
        {team.inviteCode && (
          <p>
            Invite code: <code data-testid="team-invite-code">{team.inviteCode}</code>{' '}
            <span className="muted small">— teammates join with it.</span>
          </p>
        )}
        <ul>
          {team.members.map((m) => (
            <li key={m.id}>{m.name}</li>
          ))}
        </ul>
        <FormError error={error} />
        <button
          type="button"
          className="secondary"
          disabled={busy}
          onClick={() => change(() => apiSend(teams.leave.$post({ param })))}
        >
          Leave team
        </button>
      </div>
    );
  }
  return (
    <div className="grid-2">
      <form className="stack" onSubmit={onCreate} aria-label="Create team">
        <label>
          Team name
          <input name="name" required maxLength={60} />
        </label>
        <button type="submit" disabled={busy}>
          Create team
        </button>
      </form>
      <form className="stack" onSubmit={onJoin} aria-label="Join team">
        <label>
          Team invite code
          <input name="code" required autoComplete="off" />
        </label>
        <button type="submit" disabled={busy}>
          Join team
        </button>
      </form>
      <FormError error={error} />
    </div>
  );
}
