import {
  formatEnum,
  iso,
  type StatSchema,
  SubmissionStatusSchema,
  statusEnum,
  teamRef,
  userRef,
  verdict,
} from '@critic/contract';
import {
  type Assignment,
  type Evaluation,
  getAssignment,
  listSubmissionViews,
  type SubmissionView,
  submissionEvaluations,
  teamOfUser,
} from '@critic/db';
import { jobPosition, latestJobForSubmission } from '@critic/db/queue';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse, uuidParam } from '../accounts/schemas';
import { hiddenAs, MEMBERS, requireCourseRole, STAFF } from '../auth/require';
import { readableSubmission, seesPrivate } from '../auth/submission-access';
import type { ApiEnv } from '../context';
import type { ApiDeps } from '../deps';
import { taggedRoutes } from '../tagged-routes';

// The submission status lives in @critic/contract: the CLI reads the same schema.
export { StatSchema, SubmissionStatusSchema } from '@critic/contract';

export type SubmissionStatusView = z.infer<typeof SubmissionStatusSchema>;

/** A line of a submission list (no queue position or statistics: one query for the whole list). */
export const SubmissionSummarySchema = z
  .object({
    id: z.uuid(),
    assignmentId: z.uuid(),
    team: teamRef,
    submittedBy: userRef,
    baseline: z.string().nullable(),
    format: formatEnum,
    status: statusEnum,
    attempt: z.number().int(),
    isLate: z.boolean(),
    selected: z.boolean(),
    submittedAt: iso,
    finishedAt: iso.nullable(),
    publicScore: z.number().nullable(),
    privateScore: z.number().nullable(),
    error: verdict,
  })
  .openapi('SubmissionSummary');

const isoOrNull = (d: Date | null) => (d === null ? null : d.toISOString());

/** The statistics of an evaluation, as the API shows them. */
export function statOf(e: Evaluation): z.infer<typeof StatSchema> {
  const { n, mean, std, ciLow, ciHigh, iqm, min, max, points, maxPoints } = e;
  return { n, mean, std, ciLow, ciHigh, iqm, min, max, points, maxPoints };
}

const statOrNull = (e: Evaluation | undefined) => (e === undefined ? null : statOf(e));

/** Said instead of the message of a failure during private episodes, until the private board is released. */
export const PRIVATE_FAILURE_MESSAGE =
  'failed during a private episode; the details are shown once the instructor releases the private board';

/** The verdict as the viewer may see it: a private episode's failure shows its class only until release. */
const errorOf = (s: SubmissionView, showPrivate: boolean) => {
  if (s.errorClass === null) return null;
  if (s.errorInPrivate && !showPrivate) return { class: s.errorClass, message: PRIVATE_FAILURE_MESSAGE };
  return { class: s.errorClass, message: s.errorMessage ?? s.errorClass };
};
const teamOf = (s: SubmissionView) => (s.teamId === null ? null : { id: s.teamId, name: s.teamName ?? '' });
/** What every view of a submission starts with: the submission, its assignment, its team and uploader. */
const submissionHead = (s: SubmissionView) => ({
  id: s.id,
  assignmentId: s.assignmentId,
  team: teamOf(s),
  submittedBy: { id: s.submittedBy, name: s.submitterName },
});

/**
 * The SubmissionStatus of a submission: queue position from the job queue, progress, phase times, the
 * verdict's message, and the scored attempt's statistics (private ones only when `showPrivate`).
 */
export async function submissionStatus(
  deps: ApiDeps,
  s: SubmissionView,
  showPrivate: boolean,
): Promise<SubmissionStatusView> {
  let queuePosition: number | null = null;
  // Place among the waiting jobs (1 = next); 0 once a grader claimed it; null when not waiting.
  if (s.status === 'queued') {
    const job = await latestJobForSubmission(deps.db, s.id);
    if (job !== undefined) queuePosition = await jobPosition(deps.db, job.id);
  }
  const evaluations =
    s.scoredAttempt === null ? [] : await submissionEvaluations(deps.db, s.id, { attempt: s.scoredAttempt });
  return {
    ...submissionHead(s),
    format: s.format,
    size: s.artifactSize,
    sha256: s.artifactSha256,
    status: s.status,
    queuePosition,
    progress: { done: s.progressDone, total: s.progressTotal },
    timestamps: {
      submittedAt: s.submittedAt.toISOString(),
      queuedAt: isoOrNull(s.queuedAt),
      startedAt: isoOrNull(s.startedAt),
      finishedAt: isoOrNull(s.finishedAt),
    },
    attempt: s.attempt,
    error: errorOf(s, showPrivate),
    isLate: s.isLate,
    selected: s.selected,
    scores: {
      public: statOrNull(evaluations.find((e) => e.split === 'public')),
      private: showPrivate ? statOrNull(evaluations.find((e) => e.split === 'private')) : null,
    },
  };
}

/** A submission list line; the private score only when `showPrivate`. */
export function submissionSummary(
  s: SubmissionView,
  showPrivate: boolean,
): z.infer<typeof SubmissionSummarySchema> {
  return {
    ...submissionHead(s),
    baseline: s.baseline,
    format: s.format,
    status: s.status,
    attempt: s.attempt,
    isLate: s.isLate,
    selected: s.selected,
    submittedAt: s.submittedAt.toISOString(),
    finishedAt: isoOrNull(s.finishedAt),
    publicScore: s.publicScore,
    privateScore: showPrivate ? s.privateScore : null,
    error: errorOf(s, showPrivate),
  };
}

/** The `{submissionId}` path parameter. */
export const submissionIdParam = uuidParam('submissionId');
/** The `{assignmentId}` path parameter. */
export const assignmentIdParam = uuidParam('assignmentId');

const route = taggedRoutes('submissions');

const getStatus = route.get('/submissions/{submissionId}', {
  summary: 'Status of a submission: queue position, progress, verdict, scores',
  request: { params: submissionIdParam },
  responses: {
    200: jsonResponse('The status', SubmissionStatusSchema),
    ...errorResponses(401, 404),
  },
});

/** Filters of a submission list (`GET /assignments/:id/submissions`, `GET /courses/:id/submissions`). */
export const submissionListQuery = z.object({
  status: statusEnum.optional(),
  teamId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

const listOfAssignment = route.get('/assignments/{assignmentId}/submissions', {
  summary: "Submissions of an assignment: a student's own (team's), or all for staff",
  request: {
    params: assignmentIdParam,
    query: submissionListQuery,
  },
  responses: {
    200: jsonResponse('Newest first', z.array(SubmissionSummarySchema)),
    ...errorResponses(401, 404),
  },
});

/** Own submissions of a student in an assignment: their team's (agent) or their own (checks). */
async function ownSubmissionFilter(deps: ApiDeps, a: Assignment, userId: string) {
  if (a.kind === 'checks') return { userId };
  const team = await teamOfUser(deps.db, a.courseId, userId);
  return team === undefined ? undefined : { teamId: team.id };
}

/** `GET /submissions/:id` and `GET /assignments/:id/submissions`. */
export function submissionRoutes() {
  return new OpenAPIHono<ApiEnv>()
    .openapi(getStatus, async (c) => {
      const access = await readableSubmission(c, c.req.valid('param').submissionId);
      const deps = c.get('deps');
      return c.json(await submissionStatus(deps, access.submission, seesPrivate(access, deps.now())), 200);
    })
    .openapi(listOfAssignment, async (c) => {
      const deps = c.get('deps');
      const { assignmentId } = c.req.valid('param');
      const q = c.req.valid('query');
      const a = await getAssignment(deps.db, assignmentId);
      const { viewer, role } = await requireCourseRole(c, a.courseId, MEMBERS, hiddenAs('assignment', a.id));
      const staff = STAFF.includes(role);
      const own = staff ? {} : await ownSubmissionFilter(deps, a, viewer.id);
      if (own === undefined) return c.json([], 200);
      const rows = await listSubmissionViews(deps.db, {
        assignmentId,
        ...(staff && q.teamId !== undefined ? { teamId: q.teamId } : {}),
        ...own,
        ...(q.status === undefined ? {} : { status: q.status }),
        ...(q.limit === undefined ? {} : { limit: q.limit }),
      });
      const showPrivate = seesPrivate({ staff, assignment: a }, deps.now());
      return c.json(
        rows.map((s) => submissionSummary(s, showPrivate)),
        200,
      );
    });
}
