import Link from 'next/link';
import { ScoreIntervals } from '~/components/charts/ScoreIntervals';
import { BackLink } from '~/components/layout/BackLink';
import type { ScoreInterval } from '~/lib/client/api-contract';
import { api, apiGet } from '~/lib/server-api';

const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(1) : x.toFixed(3));
const interval = (i: ScoreInterval | null) =>
  i ? `${fmt(i.score)} [${fmt(i.ciLow)}, ${fmt(i.ciHigh)}]` : '—';

/** The instructor's cross-project board: normalized best private scores with intervals, ties, replays, curves. */
export default async function ProjectBoardPage({ params }: { params: Promise<{ courseId: string }> }) {
  const { courseId } = await params;
  const here = `/courses/${courseId}/projects/board`;
  const [course, rows] = await Promise.all([
    apiGet(api.courses[':courseId'].$get({ param: { courseId } }), here),
    apiGet(api.courses[':courseId']['project-board'].$get({ param: { courseId } }), here),
  ]);
  const titleOf = new Map(rows.map((r) => [r.projectId, r.title]));
  const scored = rows.filter((r) => r.normalized !== null);
  return (
    <main>
      <BackLink href={`/courses/${courseId}/projects`}>{course.title}: projects</BackLink>
      <h1>Cross-project board</h1>
      <p className="muted small">
        Normalized score = (score − random) / (reference − random): 0 is the random agent, 1 the reference
        (PPO, else DQN), whatever the metric direction. Projects whose intervals overlap are tied.
      </p>
      <ScoreIntervals
        rows={scored.map((r) => ({
          key: r.projectId,
          label: r.title,
          mean: r.normalized!.score,
          ciLow: r.normalized!.ciLow,
          ciHigh: r.normalized!.ciHigh,
        }))}
        xLabel="normalized score (0 = random, 1 = reference)"
        title="Normalized best private scores with 95% confidence intervals"
      />
      <div className="table-wrap">
        <table data-testid="project-board">
          <thead>
            <tr>
              <th>#</th>
              <th>Project</th>
              <th>Env</th>
              <th>Best private</th>
              <th>Random</th>
              <th>Reference</th>
              <th>Normalized</th>
              <th>Tied with</th>
              <th>Replay · curve</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.projectId} data-testid="board-row">
                <td>{r.rank ?? '—'}</td>
                <td>
                  {r.title}
                  <div className="muted small">{r.team.name}</div>
                </td>
                <td>
                  <code>{r.envId}</code>
                  <div className="muted small">{r.direction}</div>
                </td>
                <td>{interval(r.best)}</td>
                <td>{interval(r.random)}</td>
                <td>
                  {interval(r.reference)}
                  {r.reference && <div className="muted small">{r.reference.baseline}</div>}
                </td>
                <td data-testid="normalized">{interval(r.normalized)}</td>
                <td>{r.tiedWith.map((id) => titleOf.get(id)).join(', ') || '—'}</td>
                <td>
                  {r.replay && (
                    <Link
                      href={`/courses/${courseId}/projects/replay/${r.replay.evaluationId}/${r.replay.episodeIndex}`}
                    >
                      replay
                    </Link>
                  )}
                  {r.best?.hasLearningCurve && (
                    <>
                      {' '}
                      · <Link href={`/submissions/${r.best.submissionId}`}>learning curve</Link>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </main>
  );
}
