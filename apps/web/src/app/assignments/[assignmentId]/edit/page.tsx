import Link from 'next/link';
import { EditAssignmentForm } from '~/components/admin/EditAssignmentForm';
import { api, apiGet } from '~/lib/server-api';

/** The instructor's form to change an existing assignment. */
export default async function EditAssignmentPage({ params }: { params: Promise<{ assignmentId: string }> }) {
  const { assignmentId } = await params;
  const here = `/assignments/${assignmentId}/edit`;
  const a = await apiGet(api.assignments[':assignmentId'].$get({ param: { assignmentId } }), here);
  return (
    <main>
      <p className="small">
        <Link href={`/assignments/${a.id}`}>← {a.title}</Link>
        {' · '}
        <Link href={`/courses/${a.courseId}/admin`}>Instructor dashboard</Link>
      </p>
      <h1>Edit assignment</h1>
      {a.viewerRole === 'instructor' ? (
        <section className="card">
          <EditAssignmentForm a={a} />
        </section>
      ) : (
        <p className="error">Only the course's instructors can change an assignment.</p>
      )}
    </main>
  );
}
