// A 404 for another course's assignment (or project) must not name that course: a member of another
// course is answered exactly as for an assignment that does not exist.
import { randomUUID } from 'node:crypto';
import { createCourse } from '@critic/db';
import { beforeAll, describe, expect, it } from 'vitest';
import { authed } from '../../../test/support/accounts';
import { gradingWorldPerFile, uploadForm } from '../../../test/support/grading';

const t = gradingWorldPerFile();

beforeAll(async () => {
  // The outsider is an instructor of a course of their own: signed in, a member somewhere, not here.
  await createCourse(t.h.deps.db, {
    slug: `other-${process.pid}`,
    title: 'Another course',
    instructorId: t.w.outsider.user.id,
  });
});

/** Every route about one assignment, with its method and body. */
const assignmentRoutes = (id: string): [string, string, RequestInit & { json?: unknown }][] => [
  ['GET', `/api/assignments/${id}`, {}],
  ['PATCH', `/api/assignments/${id}`, { json: { title: 'x' } }],
  ['GET', `/api/assignments/${id}/submissions`, {}],
  [
    'POST',
    `/api/assignments/${id}/submissions`,
    { body: uploadForm({ 'agent.ts': 'export const act = () => 0;' }) },
  ],
  ['GET', `/api/assignments/${id}/leaderboard`, {}],
  ['POST', `/api/assignments/${id}/rejudge`, { json: {} }],
  ['POST', `/api/assignments/${id}/release`, { json: { released: true } }],
  ['GET', `/api/assignments/${id}/grades.csv`, {}],
];

/** The answer with the id swapped for a placeholder, to compare a real id's answer with a missing one's. */
async function answer(res: Response, id: string): Promise<{ status: number; body: string }> {
  return { status: res.status, body: (await res.text()).replaceAll(id, '<id>') };
}

describe('another course’s assignment', () => {
  it('is answered exactly as a missing assignment on every assignment route, naming no course', async () => {
    const a = await t.w.assignment();
    const missing = randomUUID();
    const real = assignmentRoutes(a.id);
    const none = assignmentRoutes(missing);
    for (let i = 0; i < real.length; i++) {
      const [method, path, init] = real[i]!;
      const got = await answer(await authed(t.h, t.w.outsider.cookie, path, { method, ...init }), a.id);
      const [, missingPath, missingInit] = none[i]!;
      const expected = await answer(
        await authed(t.h, t.w.outsider.cookie, missingPath, { method, ...missingInit }),
        missing,
      );
      expect(got, `${method} ${path}`).toEqual(expected);
      expect(got.status, `${method} ${path}`).toBe(404);
      expect(got.body).not.toContain(t.w.course.id);
      expect(got.body).not.toMatch(/course/i);
    }
  });
});
