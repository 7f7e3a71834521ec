import { listMembersWithTeams } from '@critic/db';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse, RoleSchema, TeamRefSchema, uuidParam } from '../accounts/schemas';
import { requireCourseRole, STAFF } from '../auth/require';
import type { ApiEnv } from '../context';
import { taggedRoutes } from '../tagged-routes';

export const MemberSchema = z
  .object({
    userId: z.uuid(),
    name: z.string(),
    email: z.string(),
    role: RoleSchema,
    externalId: z.string().nullable(),
    team: TeamRefSchema.nullable(),
  })
  .openapi('Member');

const route = taggedRoutes('courses');

const listMembers = route.get('/courses/{courseId}/members', {
  summary: 'Members of a course with role, student id and team (staff)',
  request: { params: uuidParam('courseId') },
  responses: {
    200: jsonResponse('Members by name', z.array(MemberSchema)),
    ...errorResponses(401, 403, 404),
  },
});

/** `GET /api/courses/:courseId/members` (staff). */
export function memberRoutes() {
  return new OpenAPIHono<ApiEnv>().openapi(listMembers, async (c) => {
    const { courseId } = c.req.valid('param');
    await requireCourseRole(c, courseId, STAFF);
    return c.json(await listMembersWithTeams(c.get('deps').db, courseId), 200);
  });
}
