import { listCoursesWithTeams } from '@critic/db';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse, RoleSchema, TeamRefSchema, UserSchema } from '../accounts/schemas';
import { requireViewer } from '../auth/require';
import type { ApiEnv } from '../context';
import { taggedRoutes } from '../tagged-routes';

export const MeSchema = z
  .object({
    user: UserSchema,
    courses: z.array(
      z.object({
        id: z.uuid(),
        slug: z.string(),
        title: z.string(),
        role: RoleSchema,
        team: TeamRefSchema.nullable(),
      }),
    ),
  })
  .openapi('Me');

const route = taggedRoutes('auth');

const me = route.get('/me', {
  summary: 'The signed-in user and their courses (role and own team in each)',
  security: [{ apiToken: [] }],
  responses: { 200: jsonResponse('The viewer', MeSchema), ...errorResponses(401) },
});

/** `GET /api/me`: who is signed in and in which courses. */
export function meRoutes() {
  return new OpenAPIHono<ApiEnv>().openapi(me, async (c) => {
    const viewer = requireViewer(c);
    const rows = await listCoursesWithTeams(c.get('deps').db, viewer.id);
    return c.json(
      {
        user: { id: viewer.id, email: viewer.email, name: viewer.name },
        courses: rows.map((r) => ({
          id: r.course.id,
          slug: r.course.slug,
          title: r.course.title,
          role: r.role,
          team: r.team,
        })),
      },
      200,
    );
  });
}
