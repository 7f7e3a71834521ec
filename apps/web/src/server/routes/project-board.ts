import { projectBoard } from '@critic/db';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse, uuidParam } from '../accounts/schemas';
import { requireCourseRole, STAFF } from '../auth/require';
import type { ApiEnv } from '../context';
import { taggedRoutes } from '../tagged-routes';

const Interval = z.object({ score: z.number(), ciLow: z.number(), ciHigh: z.number() });
const Baseline = Interval.extend({ baseline: z.string(), submissionId: z.uuid() });

const ProjectBoardRowSchema = z
  .object({
    rank: z.number().int().nullable(),
    projectId: z.uuid(),
    title: z.string(),
    envId: z.string(),
    direction: z.enum(['maximize', 'minimize']),
    team: z.object({ id: z.uuid(), name: z.string() }),
    assignmentId: z.uuid(),
    best: Interval.extend({
      submissionId: z.uuid(),
      n: z.number().int(),
      hasLearningCurve: z.boolean(),
    }).nullable(),
    random: Baseline.nullable(),
    reference: Baseline.nullable(),
    normalized: Interval.nullable().openapi({
      description: '(score − random) / (reference − random); the interval ends mapped the same way',
    }),
    tiedWith: z
      .array(z.uuid())
      .openapi({ description: 'Projects whose normalized intervals overlap this one' }),
    replay: z.object({ evaluationId: z.uuid(), episodeIndex: z.number().int() }).nullable(),
  })
  .openapi('ProjectBoardRow');

const route = taggedRoutes('projects');

const board = route.get('/courses/{courseId}/project-board', {
  summary:
    "Every approved project's best private score, normalized between its random and reference baselines (staff)",
  request: { params: uuidParam('courseId') },
  responses: {
    200: jsonResponse('Rows, best normalized score first', z.array(ProjectBoardRowSchema)),
    ...errorResponses(401, 403, 404),
  },
});

/** The instructor's cross-project board. */
export function projectBoardRoutes() {
  return new OpenAPIHono<ApiEnv>().openapi(board, async (c) => {
    const { courseId } = c.req.valid('param');
    await requireCourseRole(c, courseId, STAFF);
    const rows = await projectBoard(c.get('deps').db, { courseId });
    return c.json(
      rows.map(({ teamId, teamName, ...r }) => ({ ...r, team: { id: teamId, name: teamName } })),
      200,
    );
  });
}
