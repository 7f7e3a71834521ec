import { listAuditWithActors } from '@critic/db';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse, uuidParam } from '../accounts/schemas';
import { requireCourseRole, STAFF } from '../auth/require';
import type { ApiEnv } from '../context';
import { taggedRoutes } from '../tagged-routes';

export const AuditEntrySchema = z
  .object({
    id: z.number().int(),
    action: z.string().openapi({ example: 'roster.import' }),
    entityType: z.string(),
    entityId: z.string(),
    actor: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    details: z.record(z.string(), z.unknown()),
    createdAt: z.iso.datetime(),
  })
  .openapi('AuditEntry');

const route = taggedRoutes('courses');

const listAuditRoute = route.get('/courses/{courseId}/audit', {
  summary: "The course's audit log of staff actions, newest first (staff)",
  request: {
    params: uuidParam('courseId'),
    query: z.object({
      limit: z.coerce.number().int().min(1).max(1000).optional(),
      beforeId: z.coerce.number().int().min(1).optional(),
    }),
  },
  responses: {
    200: jsonResponse('Entries', z.array(AuditEntrySchema)),
    ...errorResponses(400, 401, 403, 404),
  },
});

/** `GET /api/courses/:courseId/audit` (staff). */
export function auditRoutes() {
  return new OpenAPIHono<ApiEnv>().openapi(listAuditRoute, async (c) => {
    const { courseId } = c.req.valid('param');
    await requireCourseRole(c, courseId, STAFF);
    const rows = await listAuditWithActors(c.get('deps').db, courseId, c.req.valid('query'));
    return c.json(
      rows.map(({ entry, actorName }) => ({
        id: entry.id,
        action: entry.action,
        entityType: entry.entityType,
        entityId: entry.entityId,
        actor: entry.actorId === null || actorName === null ? null : { id: entry.actorId, name: actorName },
        details: entry.details,
        createdAt: entry.createdAt.toISOString(),
      })),
      200,
    );
  });
}
