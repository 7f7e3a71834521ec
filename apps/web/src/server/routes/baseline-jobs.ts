import { listBaselineJobs } from '@critic/db';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { requireAssignmentRole } from '../accounts/assignment-access';
import { errorResponses, jsonResponse, uuidParam } from '../accounts/schemas';
import { STAFF } from '../auth/require';
import type { ApiEnv } from '../context';
import { taggedRoutes } from '../tagged-routes';

export const BaselineJobSchema = z
  .object({
    kind: z.enum(['random', 'ppo', 'dqn']),
    status: z.enum(['queued', 'running', 'done', 'dead']).openapi({
      description: '`dead`: the job failed for good and made no baseline row; `lastError` says why',
    }),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .openapi('BaselineJob');

const route = taggedRoutes('assignments');

const listJobs = route.get('/assignments/{assignmentId}/baseline-jobs', {
  summary: 'What became of the baseline jobs (newest per kind), failed ones with their error (staff)',
  request: { params: uuidParam('assignmentId') },
  responses: {
    200: jsonResponse('Baseline jobs', z.array(BaselineJobSchema)),
    ...errorResponses(401, 403, 404),
  },
});

/** Baseline jobs of an assignment, so that a failed one is seen (it leaves no row on the board). */
export function baselineJobRoutes() {
  return new OpenAPIHono<ApiEnv>().openapi(listJobs, async (c) => {
    const { assignment } = await requireAssignmentRole(c, c.req.valid('param').assignmentId, STAFF);
    const jobs = await listBaselineJobs(c.get('deps').db, assignment.id);
    return c.json(
      jobs.map((j) => ({
        ...j,
        status: j.status as z.infer<typeof BaselineJobSchema>['status'],
        createdAt: j.createdAt.toISOString(),
      })),
      200,
    );
  });
}
