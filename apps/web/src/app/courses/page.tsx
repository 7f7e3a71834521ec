import Link from 'next/link';
import { CreateCourseForm } from '~/components/courses/CreateCourseForm';
import { JoinCourseForm } from '~/components/courses/JoinCourseForm';
import type { Me } from '~/lib/client/api-types';
import { apiGet } from '~/lib/server-api';

export default async function CoursesPage() {
  const me = await apiGet<Me>('/api/me', '/courses');
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
      <div className="grid-2" style={{ marginTop: '1.5rem' }}>
        <section className="card">
          <h2>Join a course</h2>
          <JoinCourseForm />
        </section>
        <section className="card">
          <h2>Create a course</h2>
          <p className="muted small">You become its instructor.</p>
          <CreateCourseForm />
        </section>
      </div>
    </main>
  );
}
