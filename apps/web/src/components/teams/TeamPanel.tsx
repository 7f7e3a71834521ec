'use client';
import { useRouter } from 'next/navigation';
import type { FormEvent } from 'react';
import { FormError } from '~/components/forms/FormError';
import { useAction } from '~/components/forms/useAction';
import type { Team } from '~/lib/client/api-contract';
import { send } from '~/lib/client/send';

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
  const router = useRouter();
  const { busy, error, run } = useAction();
  const post = (path: string, body?: unknown) =>
    run(async () => {
      await send('POST', `/api/courses/${courseId}/teams${path}`, body);
      router.refresh();
    });
  const onCreate = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    return post('', { name: String(new FormData(e.currentTarget).get('name')).trim() });
  };
  const onJoin = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    return post('/join', { code: String(new FormData(e.currentTarget).get('code')).trim() });
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
        <button type="button" className="secondary" disabled={busy} onClick={() => post('/leave')}>
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
