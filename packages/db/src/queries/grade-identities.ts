import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db';
import { enrollments, users } from '../schema/people';
import { assertUuid } from '../validate';

/**
 * The institution's id (student number, from the roster) of each student of a course, by email: the
 * `ID number` column of a grade export. Students without one are absent.
 */
export async function studentExternalIds(ex: Executor, courseId: string): Promise<Map<string, string>> {
  assertUuid('course', 'id', courseId);
  const rows = await ex
    .select({ email: users.email, externalId: enrollments.externalId })
    .from(enrollments)
    .innerJoin(users, eq(users.id, enrollments.userId))
    .where(and(eq(enrollments.courseId, courseId), eq(enrollments.role, 'student')));
  const out = new Map<string, string>();
  for (const r of rows) if (r.externalId !== null && r.externalId !== '') out.set(r.email, r.externalId);
  return out;
}
