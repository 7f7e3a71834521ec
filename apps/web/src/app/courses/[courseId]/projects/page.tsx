import Link from 'next/link';
import { BackLink } from '~/components/layout/BackLink';
import { api, apiGet } from '~/lib/server-api';
import { CheckReport } from './_components/CheckReport';
import { CustomEnvUpload } from './_components/CustomEnvUpload';
import { RegisterProject } from './_components/RegisterProject';
import { RenderFrameDoc } from './_components/RenderFrameDoc';
import { ReviewProject } from './_components/ReviewProject';

/** Final projects: a team registers its project and uploads custom envs; the instructor reviews projects. */
export default async function ProjectsPage({ params }: { params: Promise<{ courseId: string }> }) {
  const { courseId } = await params;
  const here = `/courses/${courseId}/projects`;
  const param = { courseId };
  const ofCourse = api.courses[':courseId'];
  const [course, projects, envs, registered] = await Promise.all([
    apiGet(ofCourse.$get({ param }), here),
    apiGet(ofCourse.projects.$get({ param }), here),
    apiGet(ofCourse['custom-envs'].$get({ param }), here),
    apiGet(api.envs.$get(), here),
  ]);
  const staff = course.role !== 'student';
  const own = staff ? null : (projects[0] ?? null);
  const envIds = [
    ...envs.filter((e) => e.status === 'accepted').map((e) => e.envId),
    ...registered.map((e) => e.id),
  ];
  return (
    <main>
      <BackLink href={`/courses/${courseId}`}>{course.title}</BackLink>
      <h1>Final projects</h1>
      {staff ? (
        <>
          <p>
            <Link href={`${here}/board`}>Cross-project board →</Link>
          </p>
          {projects.length === 0 && <p className="muted">No project registered yet.</p>}
          {projects.map((p) => (
            <section key={p.id} className="card" data-testid="project" data-status={p.status}>
              <h2>{p.title}</h2>
              <p>
                {p.team.name} · <code>{p.envId}</code> · {p.direction} ·{' '}
                <strong data-testid="project-status">{p.status}</strong>
                {p.assignmentId && (
                  <>
                    {' '}
                    · <Link href={`/assignments/${p.assignmentId}`}>assignment</Link>
                  </>
                )}
              </p>
              {p.description && <p className="muted">{p.description}</p>}
              {p.reviewNote && <p className="small">Note: {p.reviewNote}</p>}
              {p.status === 'pending' && course.role === 'instructor' && (
                <ReviewProject projectId={p.id} title={p.title} />
              )}
            </section>
          ))}
        </>
      ) : (
        <section className="card">
          <h2>Our project</h2>
          {own && (
            <p data-testid="project" data-status={own.status}>
              <strong>{own.title}</strong> on <code>{own.envId}</code> ({own.direction}) —{' '}
              <strong data-testid="project-status">{own.status}</strong>
              {own.reviewNote && <span className="small"> · note: {own.reviewNote}</span>}
              {own.assignmentId && (
                <>
                  {' '}
                  · <Link href={`/assignments/${own.assignmentId}`}>submit agents</Link>
                </>
              )}
            </p>
          )}
          {own?.status !== 'approved' && (
            <RegisterProject courseId={courseId} envIds={envIds} project={own} />
          )}
        </section>
      )}
      <section className="card">
        <h2>Custom environments</h2>
        <p className="muted small">
          A JS/TS module exporting <code>createEnv()</code> that returns an env with{' '}
          <code>observationSpace</code> and <code>actionSpace</code> (plain specs like{' '}
          <code>{"{ type: 'Discrete', n: 2, start: 0 }"}</code>), <code>reset</code>, <code>step</code>,{' '}
          <code>render</code> and <code>close</code>. It is accepted only after checkEnv passes in the
          sandbox.
        </p>
        <RenderFrameDoc />
        <CustomEnvUpload courseId={courseId} />
        {envs.map((e) => (
          <CheckReport key={e.id} env={e} courseId={courseId} />
        ))}
      </section>
    </main>
  );
}
