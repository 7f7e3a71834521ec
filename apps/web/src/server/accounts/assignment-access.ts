import { type Assignment, type CourseRole, getAssignment, roleInCourse } from '@critic/db';
import type { Context } from 'hono';
import { ApiError } from '../api-error';
import { requireViewer } from '../auth/require';
import type { ApiEnv, Viewer } from '../context';

/**
 * The assignment and the viewer's role in its course, required to be one of `roles`. Someone not
 * enrolled gets the same 404 as for an assignment that does not exist; a member without the role a 403.
 */
export async function requireAssignmentRole(
  c: Context<ApiEnv>,
  assignmentId: string,
  roles: readonly CourseRole[],
  forbidden = (role: CourseRole) =>
    `this needs the role ${roles.join(' or ')} in the course; you are ${role}`,
): Promise<{ viewer: Viewer; role: CourseRole; assignment: Assignment }> {
  const viewer = requireViewer(c);
  const { db } = c.get('deps');
  const notFound = () =>
    new ApiError(404, 'not_found', `assignment "${assignmentId}" not found`, { field: 'assignmentId' });
  const assignment = await getAssignment(db, assignmentId).catch(() => {
    throw notFound();
  });
  const role = await roleInCourse(db, assignment.courseId, viewer.id);
  if (role === undefined) throw notFound();
  if (!roles.includes(role)) throw new ApiError(403, 'forbidden', forbidden(role));
  return { viewer, role, assignment };
}

/** The 403 message for a member who may not create or change assignments. */
export const ONLY_INSTRUCTORS_EDIT = (role: CourseRole) =>
  `only instructors create or change assignments; you are ${role === 'ta' ? 'a TA' : `a ${role}`} in this course`;
