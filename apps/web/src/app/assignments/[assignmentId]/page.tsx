import { pythonLockSummary } from '@critic/runner/python-lock';
import Link from 'next/link';
import { AssignmentFacts } from '~/components/assignments/AssignmentFacts';
import { SubmissionTable } from '~/components/assignments/SubmissionTable';
import { TaskSpec } from '~/components/assignments/TaskSpec';
import { UploadForm } from '~/components/assignments/UploadForm';
import { api, apiGet } from '~/lib/server-api';

export default async function AssignmentPage({ params }: { params: Promise<{ assignmentId: string }> }) {
  const { assignmentId } = await params;
  const here = `/assignments/${assignmentId}`;
  const assignment = api.assignments[':assignmentId'];
  const param = { assignmentId };
  const [a, submissions] = await Promise.all([
    apiGet(assignment.$get({ param }), here),
    apiGet(assignment.submissions.$get({ param, query: {} }), here),
  ]);
  const staff = a.viewerRole !== undefined && a.viewerRole !== 'student';
  return (
    <main>
      <p className="small">
        <Link href={`/courses/${a.courseId}`}>← course</Link>
        {a.kind === 'agent' && (
          <>
            {' · '}
            <Link href={`${here}/leaderboard`}>Leaderboard</Link>
          </>
        )}
        {staff && (
          <>
            {' · '}
            <Link href={`/courses/${a.courseId}/admin`}>Instructor dashboard</Link>
          </>
        )}
        {a.viewerRole === 'instructor' && (
          <>
            {' · '}
            <Link href={`${here}/edit`}>Edit</Link>
          </>
        )}
      </p>
      <h1>{a.title}</h1>
      {a.description && <p style={{ whiteSpace: 'pre-wrap' }}>{a.description}</p>}
      <div className="grid-2">
        <section className="card">
          <h2>Details</h2>
          <AssignmentFacts a={a} pythonRuntime={pythonLockSummary()} />
        </section>
        <section className="card">
          <h2>Submit</h2>
          {a.window === 'closed' || a.window === 'early' ? (
            <p className="muted">Submissions are {a.window === 'closed' ? 'closed' : 'not open yet'}.</p>
          ) : (
            <UploadForm assignmentId={a.id} kind={a.kind} />
          )}
          <p className="small muted">
            Or from a terminal: <code>critic submit &lt;file&gt; --assignment {a.id} --wait</code>
          </p>
        </section>
      </div>
      <section className="card">
        <h2>Task</h2>
        <TaskSpec a={a} />
      </section>
      <h2>{staff ? 'All submissions' : a.kind === 'checks' ? 'My submissions' : "My team's submissions"}</h2>
      {a.kind === 'checks' && (
        <p className="small muted">
          Your best submission (most points after any late penalty) counts for the grade, unless you choose
          another on its page before the due date.
        </p>
      )}
      <SubmissionTable submissions={submissions} kind={a.kind} {...(staff ? { showTeam: true } : {})} />
    </main>
  );
}
