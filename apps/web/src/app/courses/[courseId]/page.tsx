import Link from 'next/link';
import { AssignmentList } from '~/components/courses/AssignmentList';
import { TeamPanel } from '~/components/teams/TeamPanel';
import { countOf } from '~/lib/client/format';
import { api, apiGet } from '~/lib/server-api';

export default async function CoursePage({ params }: { params: Promise<{ courseId: string }> }) {
  const { courseId } = await params;
  const param = { courseId };
  const ofCourse = api.courses[':courseId'];
  const here = `/courses/${courseId}`;
  const [course, assignments, teams] = await Promise.all([
    apiGet(ofCourse.$get({ param }), here),
    apiGet(ofCourse.assignments.$get({ param }), here),
    apiGet(ofCourse.teams.$get({ param }), here),
  ]);
  const staff = course.role !== 'student';
  return (
    <main>
      <div className="row">
        <h1>{course.title}</h1>
        <span className="muted">
          {course.slug} · you are {course.role}
        </span>
      </div>
      {staff && (
        <div className="card row">
          {course.joinCode && (
            <span>
              Join code: <code data-testid="course-join-code">{course.joinCode}</code>
            </span>
          )}
          <Link href={`${here}/admin`} className="button">
            Instructor dashboard
          </Link>
        </div>
      )}
      <h2>Assignments</h2>
      <AssignmentList assignments={assignments} />
      <p>
        <Link href={`${here}/projects`} data-testid="projects-link">
          Final projects →
        </Link>{' '}
        <span className="muted small">
          {staff
            ? 'review the teams’ projects and custom envs, and the cross-project board'
            : 'register your team’s project and upload its custom env'}
        </span>
      </p>
      <h2>{staff ? 'Teams' : 'My team'}</h2>
      <section className="card">
        {staff ? (
          <p>
            {countOf(teams.length, 'team')}. <Link href={`${here}/team`}>See them all</Link>.
          </p>
        ) : (
          <TeamPanel courseId={courseId} team={teams[0] ?? null} maxTeamSize={course.maxTeamSize} />
        )}
      </section>
    </main>
  );
}
