import Link from 'next/link';
import { BackLink } from '~/components/layout/BackLink';
import { BoardIntervals } from '~/components/leaderboard/BoardIntervals';
import { BoardTable } from '~/components/leaderboard/BoardTable';
import { api, apiGet, apiTry } from '~/lib/server-api';

export default async function LeaderboardPage({
  params,
  searchParams,
}: {
  params: Promise<{ assignmentId: string }>;
  searchParams: Promise<{ board?: string }>;
}) {
  const { assignmentId } = await params;
  const board = (await searchParams).board === 'private' ? 'private' : 'public';
  const here = `/assignments/${assignmentId}/leaderboard`;
  const assignment = api.assignments[':assignmentId'];
  const param = { assignmentId };
  const a = await apiGet(assignment.$get({ param }), here);
  const result = await apiTry(assignment.leaderboard.$get({ param, query: { board } }));
  return (
    <main>
      <BackLink href={`/assignments/${assignmentId}`}>{a.title}</BackLink>
      <h1>Leaderboard: {a.title}</h1>
      <nav className="tabs" aria-label="Board">
        <Link href={`${here}?board=public`} aria-current={board === 'public' ? 'page' : undefined}>
          Public
        </Link>
        <Link href={`${here}?board=private`} aria-current={board === 'private' ? 'page' : undefined}>
          Private
        </Link>
      </nav>
      {result.ok ? (
        <>
          {board === 'private' && !result.data.released && (
            <p className="muted small">Not released to students yet (staff preview).</p>
          )}
          {result.data.rows.length + result.data.baselines.length === 0 ? (
            <p className="muted">No graded submissions yet.</p>
          ) : (
            <>
              <BoardTable rows={result.data.rows} baselines={result.data.baselines} />
              <h2>Scores with 95% confidence intervals</h2>
              <BoardIntervals board={result.data} />
            </>
          )}
        </>
      ) : (
        <p className="muted" data-testid="board-unavailable">
          {result.failure.code === 'board_not_released'
            ? 'The private leaderboard is published after the deadline, when the instructors release it.'
            : result.failure.message}
        </p>
      )}
    </main>
  );
}
