import Link from 'next/link';
import { CreateCourseForm } from '~/components/courses/CreateCourseForm';
import { JoinCourseForm } from '~/components/courses/JoinCourseForm';
import { api, apiGet } from '~/lib/server-api';

export default async function CoursesPage() {
  const me = await apiGet(api.me.$get(), '/courses');
  return (
    <main>
      <h1>Your courses</h1>
      {me.courses.length === 0 ? (
        <p className="muted">You are not in any course yet: join one with its code, or create one.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Course</th>
                <th>Role</th>
                <th>Team</th>
              </tr>
            </thead>
            <tbody>
              {me.courses.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link href={`/courses/${c.id}`}>{c.title}</Link>{' '}
                    <span className="muted small">{c.slug}</span>
                  </td>
                  <td>{c.role}</td>
                  <td>{c.team?.name ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
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
