import {
  getAssignment,
  getSubmissionView,
  listSubmissionViews,
  rejudgeAssignment,
  rejudgeSubmission,
  setPrivateBoardReleased,
} from '@critic/db';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse, optionalJsonBody, uuidParam } from '../accounts/schemas';
import { hiddenAs, INSTRUCTORS, requireCourseRole, STAFF } from '../auth/require';
import { readableSubmission } from '../auth/submission-access';
import { forgetAssignment } from '../cache/api-caches';
import type { ApiEnv } from '../context';
import { taggedRoutes } from '../tagged-routes';
import {
  assignmentIdParam,
  SubmissionStatusSchema,
  SubmissionSummarySchema,
  submissionIdParam,
  submissionListQuery,
  submissionStatus,
  submissionSummary,
} from './submissions';

const reason = z.object({ reason: z.string().max(500).optional() });

const route = taggedRoutes('staff');

const courseSubmissions = route.get('/courses/{courseId}/submissions', {
  summary: 'All submissions of a course, filtered (staff)',
  request: {
    params: uuidParam('courseId'),
    query: submissionListQuery.extend({ assignmentId: z.uuid().optional() }),
  },
  responses: {
    200: jsonResponse('Newest first', z.array(SubmissionSummarySchema)),
    ...errorResponses(400, 401, 403, 404),
  },
});

const rejudgeOne = route.post('/submissions/{submissionId}/rejudge', {
  summary: 'Grade a submission again as a new attempt (earlier results are kept; audited)',
  request: {
    params: submissionIdParam,
    body: optionalJsonBody(reason),
  },
  responses: {
    200: jsonResponse('Queued again', SubmissionStatusSchema),
    ...errorResponses(401, 403, 404, 409),
  },
});

const rejudgeAll = route.post('/assignments/{assignmentId}/rejudge', {
  summary: 'Grade every finished submission of an assignment again (audited)',
  request: {
    params: assignmentIdParam,
    body: optionalJsonBody(reason),
  },
  responses: {
    200: jsonResponse('How many were queued', z.object({ count: z.number().int() })),
    ...errorResponses(401, 403, 404),
  },
});

const release = route.post('/assignments/{assignmentId}/release', {
  summary: 'Release (or, with released: false, hide again) the private board (instructor; audited)',
  request: {
    params: assignmentIdParam,
    body: optionalJsonBody(z.object({ released: z.boolean().default(true) })),
  },
  responses: {
    200: jsonResponse(
      'The board state',
      z.object({ assignmentId: z.uuid(), released: z.boolean(), privateReleasedAt: z.string().nullable() }),
    ),
    ...errorResponses(401, 403, 404),
  },
});

/** Staff tools: course-wide submission list, rejudges, and the private board's release. */
export function staffRoutes() {
  return new OpenAPIHono<ApiEnv>()
    .openapi(courseSubmissions, async (c) => {
      const { courseId } = c.req.valid('param');
      const q = c.req.valid('query');
      await requireCourseRole(c, courseId, STAFF);
      const rows = await listSubmissionViews(c.get('deps').db, {
        courseId,
        ...(q.assignmentId === undefined ? {} : { assignmentId: q.assignmentId }),
        ...(q.status === undefined ? {} : { status: q.status }),
        ...(q.teamId === undefined ? {} : { teamId: q.teamId }),
        ...(q.limit === undefined ? {} : { limit: q.limit }),
      });
      return c.json(
        rows.map((s) => submissionSummary(s, true)),
        200,
      );
    })
    .openapi(rejudgeOne, async (c) => {
      const deps = c.get('deps');
      const access = await readableSubmission(c, c.req.valid('param').submissionId);
      await requireCourseRole(c, access.submission.courseId, STAFF);
      const body = c.req.valid('json');
      await rejudgeSubmission(deps.db, {
        submissionId: access.submission.id,
        actorId: access.viewer.id,
        ...(typeof body.reason === 'string' ? { reason: body.reason } : {}),
      });
      forgetAssignment(c.get('caches'), access.submission.assignmentId);
      const view = await getSubmissionView(deps.db, access.submission.id);
      return c.json(await submissionStatus(deps, view, true), 200);
    })
    .openapi(rejudgeAll, async (c) => {
      const deps = c.get('deps');
      const a = await getAssignment(deps.db, c.req.valid('param').assignmentId);
      const { viewer } = await requireCourseRole(c, a.courseId, STAFF, hiddenAs('assignment', a.id));
      const body = c.req.valid('json');
      const count = await rejudgeAssignment(deps.db, {
        assignmentId: a.id,
        actorId: viewer.id,
        ...(typeof body.reason === 'string' ? { reason: body.reason } : {}),
      });
      forgetAssignment(c.get('caches'), a.id);
      return c.json({ count }, 200);
    })
    .openapi(release, async (c) => {
      const deps = c.get('deps');
      const a = await getAssignment(deps.db, c.req.valid('param').assignmentId);
      const { viewer } = await requireCourseRole(c, a.courseId, INSTRUCTORS, hiddenAs('assignment', a.id));
      // No body at all (the route's body is optional) releases; `{ "released": false }` hides again.
      const released = c.req.valid('json').released !== false;
      const row = await setPrivateBoardReleased(deps.db, {
        assignmentId: a.id,
        actorId: viewer.id,
        released,
        now: deps.now(),
      });
      forgetAssignment(c.get('caches'), a.id);
      return c.json(
        { assignmentId: row.id, released, privateReleasedAt: row.privateReleasedAt?.toISOString() ?? null },
        200,
      );
    });
}
