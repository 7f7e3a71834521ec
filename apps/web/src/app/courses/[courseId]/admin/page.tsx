import Link from 'next/link';
import { AssignmentActions } from '~/components/admin/AssignmentActions';
import { AssignmentForm } from '~/components/admin/AssignmentForm';
import { AuditLog } from '~/components/admin/AuditLog';
import { BaselineJobs } from '~/components/admin/BaselineJobs';
import { PendingSeats } from '~/components/admin/PendingSeats';
import { RosterImport } from '~/components/admin/RosterImport';
import { StaffSubmissions } from '~/components/admin/StaffSubmissions';
import { BackLink } from '~/components/layout/BackLink';
import { LmsSettings } from '~/components/lti/LmsSettings';
import { countOf } from '~/lib/client/format';
import { filtersFromSearch } from '~/lib/client/submission-filters';
import { api, apiGet } from '~/lib/server-api';

export default async function AdminPage({
  params,
  searchParams,
}: {
  params: Promise<{ courseId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { courseId } = await params;
  const search = await searchParams;
  const here = `/courses/${courseId}/admin`;
  const param = { courseId };
  const ofCourse = api.courses[':courseId'];
  const course = await apiGet(ofCourse.$get({ param }), here);
  if (course.role === 'student') {
    return (
      <main>
        <h1>{course.title}</h1>
        <p className="error">The instructor dashboard is for course staff.</p>
      </main>
    );
  }
  const instructor = course.role === 'instructor';
  const [assignments, teams, members, audit, envs, homeworks] = await Promise.all([
    apiGet(ofCourse.assignments.$get({ param }), here),
    apiGet(ofCourse.teams.$get({ param }), here),
    apiGet(ofCourse.members.$get({ param }), here),
    apiGet(ofCourse.audit.$get({ param, query: {} }), here),
    apiGet(api.envs.$get(), here),
    apiGet(api.homeworks.$get(), here),
  ]);
  const lms = instructor ? await apiGet(ofCourse.lti.$get({ param }), here) : undefined;
  const baselineJobs = await Promise.all(
    assignments.map((a) =>
      a.kind === 'agent'
        ? apiGet(
            api.assignments[':assignmentId']['baseline-jobs'].$get({ param: { assignmentId: a.id } }),
            here,
          )
        : Promise.resolve([]),
    ),
  );
  // Seats of the roster not granted yet (instructors only: the route refuses TAs).
  const pendingSeats = instructor ? await apiGet(ofCourse.roster.invitations.$get({ param }), here) : [];
  return (
    <main>
      <BackLink href={`/courses/${courseId}`}>{course.title}</BackLink>
      <h1>Instructor dashboard</h1>
      <p className="muted">
        {countOf(members.length, 'member')} · {countOf(teams.length, 'team')} · join code{' '}
        <code>{course.joinCode}</code>
      </p>
      <h2>Assignments</h2>
      {assignments.length === 0 && <p className="muted">None yet.</p>}
      {assignments.map((a, i) => (
        <section key={a.id} className="card">
          <h3>
            <Link href={`/assignments/${a.id}`}>{a.title}</Link>{' '}
            <span className="muted small">{a.kind === 'agent' ? a.envId : 'homework checks'}</span>
          </h3>
          <AssignmentActions a={a} instructor={instructor} />
          <BaselineJobs jobs={baselineJobs[i] ?? []} />
        </section>
      ))}
      {instructor && (
        <section className="card">
          <h2>New assignment</h2>
          <AssignmentForm courseId={courseId} envs={envs} homeworks={homeworks} />
        </section>
      )}
      <h2>Submissions</h2>
      <StaffSubmissions
        courseId={courseId}
        assignments={assignments}
        teams={teams}
        initialFilters={filtersFromSearch(search)}
      />
      {instructor && (
        <section className="card">
          <h2>Roster import</h2>
          <RosterImport courseId={courseId} />
          <PendingSeats seats={pendingSeats} />
        </section>
      )}
      {lms !== undefined && (
        <section className="card" aria-label="LMS">
          <h2>LMS (Moodle, LTI 1.3)</h2>
          <LmsSettings courseId={courseId} settings={lms} />
        </section>
      )}
      <h2>Audit log</h2>
      <AuditLog entries={audit} />
    </main>
  );
}
