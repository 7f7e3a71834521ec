import type { Course, CourseRole } from '@critic/db';
import { z } from '@hono/zod-openapi';
import { RoleSchema } from './schemas';

/** A course as a member sees it; `joinCode` only for staff. */
export const CourseSchema = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    title: z.string(),
    timezone: z.string(),
    maxTeamSize: z.number().int(),
    joinCode: z.string().optional().openapi({ description: 'Only shown to staff' }),
    role: RoleSchema,
  })
  .openapi('Course');

/** The course as `role` may see it (the join code is for staff only). */
export function courseJson(course: Course, role: CourseRole): z.infer<typeof CourseSchema> {
  return {
    id: course.id,
    slug: course.slug,
    title: course.title,
    timezone: course.timezone,
    maxTeamSize: course.maxTeamSize,
    ...(role === 'student' ? {} : { joinCode: course.joinCode }),
    role,
  };
}
