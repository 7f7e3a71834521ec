import Link from 'next/link';
import { AttemptHistory } from '~/components/submissions/AttemptHistory';
import { ChecksFeedback } from '~/components/submissions/ChecksFeedback';
import { ConsoleOutput } from '~/components/submissions/ConsoleOutput';
import { EpisodeResults } from '~/components/submissions/EpisodeResults';
import { LearningCurvePanel } from '~/components/submissions/LearningCurvePanel';
import { LiveStatus } from '~/components/submissions/LiveStatus';
import { SelectButton } from '~/components/submissions/SelectButton';
import type { Evaluation } from '~/lib/client/api-contract';
import { countingSubmissionIds } from '~/lib/client/counting';
import { formatBytes, formatPoints } from '~/lib/client/format';
import { api, apiGet, apiTry } from '~/lib/server-api';

type Search = Promise<{ evaluation?: string; episode?: string }>;

export default async function SubmissionPage({
  params,
  searchParams,
}: {
  params: Promise<{ submissionId: string }>;
  searchParams: Search;
}) {
  const { submissionId } = await params;
  const search = await searchParams;
  const here = `/submissions/${submissionId}`;
  const submission = api.submissions[':submissionId'];
  const param = { submissionId };
  const s = await apiGet(submission.$get({ param }), here);
  const [a, evaluations, consoleText, curve] = await Promise.all([
    apiGet(api.assignments[':assignmentId'].$get({ param: { assignmentId: s.assignmentId } }), here),
    apiGet(submission.evaluations.$get({ param }), here),
    apiTry(submission.console.$get({ param })),
    apiTry(submission['learning-curve'].$get({ param })),
  ]);
  const latest = latestPerSplit(evaluations);
  const episodes = await Promise.all(
    latest.map((ev) =>
      apiGet(api.evaluations[':evaluationId'].episodes.$get({ param: { evaluationId: ev.id } }), here),
    ),
  );
  const checks =
    a.kind === 'checks' && s.status === 'succeeded'
      ? await apiGet(submission.checks.$get({ param }), here)
      : [];
  const episodeParam = search.episode === undefined ? undefined : Number(search.episode);
  const homework = a.kind === 'checks';
  const siblings = homework
    ? await apiGet(
        api.assignments[':assignmentId'].submissions.$get({ param: { assignmentId: a.id }, query: {} }),
        here,
      )
    : [];
  const counts = countingSubmissionIds(
    siblings.filter((x) => x.submittedBy.id === s.submittedBy.id && x.team?.id === s.team?.id),
  ).has(s.id);
  const total = s.scores.public;
  return (
    <main>
      <p className="small">
        <Link href={`/assignments/${a.id}`}>← {a.title}</Link>
        {a.kind === 'agent' && (
          <>
            {' · '}
            <Link href={`/assignments/${a.id}/leaderboard`}>Leaderboard</Link>
          </>
        )}
      </p>
      <h1>Submission</h1>
      <p className="muted small">
        {s.team ? `${s.team.name} · ` : ''}by {s.submittedBy.name} · {s.format} · {formatBytes(s.size)}
        {s.format === 'tfjs-layers' ? ' as stored (the model files zipped)' : ''} ·{' '}
        <code title={s.sha256}>{s.sha256.slice(0, 12)}</code>
        {s.isLate && <span className="badge late"> late</span>}
      </p>
      <LiveStatus initial={s} kind={a.kind} />
      {homework && s.status === 'succeeded' && total !== null && total.maxPoints != null && (
        <section className="card" data-testid="homework-total">
          <p>
            Total:{' '}
            <strong data-testid="total-points">
              {formatPoints(total.points ?? 0)} / {formatPoints(total.maxPoints)} points
            </strong>
            {s.isLate && <span className="muted small"> (after the late penalty)</span>}
          </p>
          <p className="small" data-testid="counting-status">
            {counts
              ? s.selected
                ? 'This submission counts for the grade: you chose it.'
                : 'This submission counts for the grade: it is your best so far.'
              : 'This submission does not count for the grade: another of yours has more points or was chosen.'}
          </p>
        </section>
      )}
      {s.status === 'succeeded' && (s.team !== null || homework) && (
        <section className="card">
          <SelectButton submissionId={s.id} selected={s.selected} homework={homework} />
        </section>
      )}
      {a.kind === 'agent' &&
        latest.map((ev, i) => (
          <section key={ev.id} className="card" id={ev.id === search.evaluation ? 'replay' : undefined}>
            <h2>{ev.split === 'public' ? 'Public episodes' : 'Private episodes'}</h2>
            <EpisodeResults
              evaluation={ev}
              episodes={episodes[i] ?? []}
              initialEpisode={ev.id === search.evaluation ? episodeParam : undefined}
              autoReplay={
                search.evaluation === undefined ? ev.split === 'public' : ev.id === search.evaluation
              }
            />
          </section>
        ))}
      {a.kind === 'checks' && s.status === 'succeeded' && (
        <section>
          <h2>Feedback</h2>
          <ChecksFeedback checks={checks} />
        </section>
      )}
      {a.kind === 'agent' && (
        <section className="card">
          <h2>Learning curve</h2>
          <LearningCurvePanel submissionId={s.id} points={curve.ok ? curve.data.points : []} />
        </section>
      )}
      {s.attempt > 1 && (
        <section className="card">
          <h2>Attempts</h2>
          <p className="small muted">
            This submission was judged {s.attempt} times (a rejudge keeps the earlier results); the newest
            attempt with results is shown above.
          </p>
          <AttemptHistory attempts={s.attempt} evaluations={evaluations} />
        </section>
      )}
      {consoleText.ok && (
        <section className="card">
          <h2>Console output</h2>
          <ConsoleOutput text={consoleText.data} />
        </section>
      )}
    </main>
  );
}

/** The newest attempt's evaluation of each split, public first. */
function latestPerSplit(evaluations: Evaluation[]): Evaluation[] {
  const best = new Map<string, Evaluation>();
  for (const ev of evaluations) {
    const seen = best.get(ev.split);
    if (seen === undefined || ev.attempt > seen.attempt) best.set(ev.split, ev);
  }
  return ['public', 'private'].flatMap((split) => best.get(split) ?? []);
}
