import { type CourseRole, DbError, roleInCourse } from '@critic/db';
import type { Context } from 'hono';
import { ApiError } from '../api-error';
import type { ApiEnv, Viewer } from '../context';

/** The signed-in viewer, or a 401. */
export function requireViewer(c: Context<ApiEnv>): Viewer {
  const viewer = c.get('viewer');
  if (viewer === null) throw new ApiError(401, 'unauthenticated', 'sign in first (or send an API token)');
  return viewer;
}

/** The 404 of a course the viewer is not in (its existence is not revealed). */
const courseHidden = (courseId: string) => () =>
  new ApiError(404, 'not_found', `course "${courseId}" not found`, { field: 'courseId' });

/**
 * What a non-member is answered for a course's `entity` (an assignment, a project): exactly the 404 of
 * one that does not exist, so neither it nor its course's id is revealed.
 */
export const hiddenAs = (entity: string, id: string) => () => DbError.notFound(entity, id);

/**
 * The viewer's role in a course, required to be one of `roles`. Someone not enrolled gets a 404
 * (`hidden`: by default the course's, for routes about a thing in the course the thing's, see
 * `hiddenAs`); an enrolled member without the role gets a 403 naming it.
 */
export async function requireCourseRole(
  c: Context<ApiEnv>,
  courseId: string,
  roles: readonly CourseRole[],
  hidden: () => Error = courseHidden(courseId),
): Promise<{ viewer: Viewer; role: CourseRole }> {
  const viewer = requireViewer(c);
  const db = c.get('deps').db;
  const role = await c.get('caches').roles.get(
    `${courseId}:${viewer.id}`,
    () => roleInCourse(db, courseId, viewer.id),
    (r) => r !== undefined,
  );
  if (role === undefined) throw hidden();
  if (!roles.includes(role)) {
    throw new ApiError(
      403,
      'forbidden',
      `this needs the role ${roles.join(' or ')} in the course; you are ${role}`,
    );
  }
  return { viewer, role };
}

/** Staff roles: they read everything in their course. */
export const STAFF: readonly CourseRole[] = ['ta', 'instructor'];
/** Every role. */
export const MEMBERS: readonly CourseRole[] = ['student', 'ta', 'instructor'];
/** Only instructors change a course's configuration. */
export const INSTRUCTORS: readonly CourseRole[] = ['instructor'];
