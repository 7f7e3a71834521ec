import { type CourseRole, roleInCourse } from '@critic/db';
import type { Context } from 'hono';
import { ApiError } from '../api-error';
import type { ApiEnv, Viewer } from '../context';

/** The signed-in viewer, or a 401. */
export function requireViewer(c: Context<ApiEnv>): Viewer {
  const viewer = c.get('viewer');
  if (viewer === null) throw new ApiError(401, 'unauthenticated', 'sign in first (or send an API token)');
  return viewer;
}

/**
 * The viewer's role in a course, required to be one of `roles`. Someone not enrolled gets a 404 (the
 * course's existence is not revealed); an enrolled member without the role gets a 403 naming it.
 */
export async function requireCourseRole(
  c: Context<ApiEnv>,
  courseId: string,
  roles: readonly CourseRole[],
): Promise<{ viewer: Viewer; role: CourseRole }> {
  const viewer = requireViewer(c);
  const db = c.get('deps').db;
  const role = await c.get('caches').roles.get(
    `${courseId}:${viewer.id}`,
    () => roleInCourse(db, courseId, viewer.id),
    (r) => r !== undefined,
  );
  if (role === undefined)
    throw new ApiError(404, 'not_found', `course "${courseId}" not found`, { field: 'courseId' });
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
