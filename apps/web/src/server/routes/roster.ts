import { importRoster } from '@critic/db';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { parseRosterCsv } from '../accounts/roster-csv';
import { errorResponses, jsonResponse, uuidParam } from '../accounts/schemas';
import { ApiError } from '../api-error';
import { INSTRUCTORS, requireCourseRole } from '../auth/require';
import type { ApiEnv } from '../context';
import { taggedRoutes } from '../tagged-routes';

/** Largest roster accepted, in bytes (a few thousand lines). */
const MAX_ROSTER_BYTES = 2_000_000;

const route = taggedRoutes('courses');

const importRosterRoute = route.post('/courses/{courseId}/roster', {
  summary: 'Import a roster CSV (instructor): enroll or update known users, invite unknown emails',
  description:
    'Header row `email,name,role,student_id` (role and student_id optional; role defaults to student). ' +
    'All or nothing: any bad line refuses the whole file, listing every bad line as `line N: …`.',
  request: {
    params: uuidParam('courseId'),
    body: {
      required: true,
      content: { 'text/csv': { schema: z.string().openapi({ example: 'email,name,role,student_id\n' }) } },
    },
  },
  responses: {
    200: jsonResponse(
      'Imported',
      z.object({ enrolled: z.number().int(), invited: z.number().int(), updated: z.number().int() }),
    ),
    ...errorResponses(400, 401, 403, 404, 415),
  },
});

/** `POST /api/courses/:courseId/roster` (text/csv). */
export function rosterRoutes() {
  return new OpenAPIHono<ApiEnv>().openapi(importRosterRoute, async (c) => {
    const { courseId } = c.req.valid('param');
    const { viewer } = await requireCourseRole(c, courseId, INSTRUCTORS);
    const type = c.req.header('content-type') ?? '';
    if (!/^text\/(csv|plain)\b/i.test(type)) {
      throw new ApiError(
        415,
        'unsupported_media_type',
        `roster: expected Content-Type text/csv, found "${type}"`,
        {
          field: 'roster',
        },
      );
    }
    const text = await c.req.text();
    if (Buffer.byteLength(text) > MAX_ROSTER_BYTES) {
      throw new ApiError(400, 'invalid', `roster: expected at most ${MAX_ROSTER_BYTES} bytes`, {
        field: 'roster',
      });
    }
    const parsed = parseRosterCsv(text);
    if (!parsed.ok) {
      const n = parsed.errors.length;
      throw new ApiError(
        400,
        'invalid_roster',
        `roster refused, nothing was imported (${n} problem${n === 1 ? '' : 's'}):\n${parsed.errors.join('\n')}`,
        { field: 'roster' },
      );
    }
    const result = await importRoster(c.get('deps').db, {
      courseId,
      actorId: viewer.id,
      entries: parsed.entries,
    });
    // Roles may have changed: this process forgets the course's cached roles.
    c.get('caches').roles.deleteWhere((k) => k.startsWith(`${courseId}:`));
    return c.json(result, 200);
  });
}
