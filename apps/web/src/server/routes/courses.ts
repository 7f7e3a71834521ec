import { createCourseWithSettings, getCourse, joinCourseByCode } from '@critic/db';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { CourseSchema, courseJson } from '../accounts/course-json';
import { errorResponses, jsonBody, jsonResponse, RoleSchema, uuidParam } from '../accounts/schemas';
import { MEMBERS, requireCourseRole, requireViewer } from '../auth/require';
import type { ApiEnv } from '../context';
import { taggedRoutes } from '../tagged-routes';

const NewCourse = z
  .object({
    slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes, 2-63 chars'),
    title: z.string().trim().min(1).max(200),
    timezone: z.string().optional().openapi({ example: 'Europe/Berlin' }),
    maxTeamSize: z.number().int().min(1).max(50).optional(),
  })
  .openapi('NewCourse');

const route = taggedRoutes('courses');

const createCourse = route.post('/courses', {
  summary: 'Create a course; its creator becomes its instructor',
  request: { body: jsonBody(NewCourse) },
  responses: { 201: jsonResponse('The course', CourseSchema), ...errorResponses(400, 401, 403, 409) },
});

const getCourseRoute = route.get('/courses/{courseId}', {
  summary: 'A course the viewer is enrolled in, with their role',
  request: { params: uuidParam('courseId') },
  responses: { 200: jsonResponse('The course', CourseSchema), ...errorResponses(401, 404) },
});

const joinCourse = route.post('/courses/join', {
  summary: "Join a course with its join code (as a student, or with the roster's role)",
  request: { body: jsonBody(z.object({ code: z.string().trim().min(1).max(32) })) },
  responses: {
    200: jsonResponse('Enrolled (or already enrolled)', z.object({ course: CourseSchema, role: RoleSchema })),
    ...errorResponses(400, 401, 403, 404),
  },
});

/** `POST /api/courses`, `GET /api/courses/:courseId`, `POST /api/courses/join`. */
export function courseRoutes() {
  return new OpenAPIHono<ApiEnv>()
    .openapi(createCourse, async (c) => {
      const viewer = requireViewer(c);
      const course = await createCourseWithSettings(c.get('deps').db, {
        ...c.req.valid('json'),
        instructorId: viewer.id,
      });
      return c.json(courseJson(course, 'instructor'), 201);
    })
    .openapi(joinCourse, async (c) => {
      const viewer = requireViewer(c);
      const { course, role } = await joinCourseByCode(c.get('deps').db, {
        code: c.req.valid('json').code,
        userId: viewer.id,
        email: viewer.email,
      });
      return c.json({ course: courseJson(course, role), role }, 200);
    })
    .openapi(getCourseRoute, async (c) => {
      const { courseId } = c.req.valid('param');
      const { role } = await requireCourseRole(c, courseId, MEMBERS);
      return c.json(courseJson(await getCourse(c.get('deps').db, courseId), role), 200);
    });
}
