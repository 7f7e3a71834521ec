import { BackLink } from '~/components/layout/BackLink';
import { DataTable } from '~/components/tables/DataTable';
import { TeamPanel } from '~/components/teams/TeamPanel';
import { api, apiGet } from '~/lib/server-api';

export default async function TeamPage({ params }: { params: Promise<{ courseId: string }> }) {
  const { courseId } = await params;
  const param = { courseId };
  const ofCourse = api.courses[':courseId'];
  const here = `/courses/${courseId}/team`;
  const [course, teams] = await Promise.all([
    apiGet(ofCourse.$get({ param }), here),
    apiGet(ofCourse.teams.$get({ param }), here),
  ]);
  return (
    <main>
      <BackLink href={`/courses/${courseId}`}>{course.title}</BackLink>
      {course.role === 'student' ? (
        <>
          <h1>My team</h1>
          <section className="card">
            <TeamPanel courseId={courseId} team={teams[0] ?? null} maxTeamSize={course.maxTeamSize} />
          </section>
        </>
      ) : (
        <>
          <h1>Teams</h1>
          <DataTable
            rows={teams}
            columns={[
              { header: 'Team', cell: (t) => t.name },
              { header: 'Members', cell: (t) => t.members.map((m) => m.name).join(', ') },
              { header: 'Invite code', cell: (t) => <code>{t.inviteCode ?? '—'}</code> },
            ]}
            rowKey={(t) => t.id}
          />
        </>
      )}
    </main>
  );
}
