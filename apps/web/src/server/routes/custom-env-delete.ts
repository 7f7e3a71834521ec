import { deleteRefusedCustomEnv, teamOfUser } from '@critic/db';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { errorResponses } from '../accounts/schemas';
import { MEMBERS, requireCourseRole, STAFF } from '../auth/require';
import type { ApiEnv } from '../context';
import { taggedRoutes } from '../tagged-routes';

const route = taggedRoutes('projects');

const deleteEnv = route.delete('/courses/{courseId}/custom-envs/{customEnvId}', {
  summary: "Deletes a refused custom env attempt (students: their team's; staff: any refused one)",
  request: { params: z.object({ courseId: z.uuid(), customEnvId: z.uuid() }) },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(401, 404, 409) },
});

/** Lets a group clear its refused env uploads (accepted or still-checking envs stay). */
export function customEnvDeleteRoutes() {
  return new OpenAPIHono<ApiEnv>().openapi(deleteEnv, async (c) => {
    const { courseId, customEnvId } = c.req.valid('param');
    const { viewer, role } = await requireCourseRole(c, courseId, MEMBERS);
    const db = c.get('deps').db;
    const staff = STAFF.includes(role);
    const team = staff ? undefined : await teamOfUser(db, courseId, viewer.id);
    await deleteRefusedCustomEnv(db, { customEnvId, courseId, teamId: team?.id ?? null, staff });
    return c.body(null, 204);
  });
}
