import Link from 'next/link';
import { CreateCourseForm } from '~/components/courses/CreateCourseForm';
import { JoinCourseForm } from '~/components/courses/JoinCourseForm';
import { DataTable } from '~/components/tables/DataTable';
import { api, apiGet } from '~/lib/server-api';

export default async function CoursesPage() {
  const me = await apiGet(api.me.$get(), '/courses');
  return (
    <main>
      <h1>Your courses</h1>
      <DataTable
        rows={me.courses}
        columns={[
          {
            header: 'Course',
            cell: (c) => (
              <>
                <Link href={`/courses/${c.id}`}>{c.title}</Link> <span className="muted small">{c.slug}</span>
              </>
            ),
          },
          { header: 'Role', cell: (c) => c.role },
          { header: 'Team', cell: (c) => c.team?.name ?? '—' },
        ]}
        rowKey={(c) => c.id}
        empty="You are not in any course yet: join one with its code, or create one."
      />
      <section className="card join-course" style={{ marginTop: '1.5rem' }} data-testid="join-course">
        <h2>Join a course</h2>
        <p className="small">Enter the code your instructor gave you.</p>
        <JoinCourseForm />
      </section>
      {/* Creating a course is for instructors: folded away unless the viewer already teaches one. */}
      <details
        className="card"
        data-testid="create-course"
        open={me.courses.some((c) => c.role === 'instructor')}
      >
        <summary>Teaching? Create a course</summary>
        <p className="muted small">You become its instructor.</p>
        <CreateCourseForm />
      </details>
    </main>
  );
}
