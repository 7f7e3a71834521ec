import {
  createSubmission,
  DbError,
  getAssignment,
  getCourse,
  getSubmissionView,
  hitRateLimit,
  submissionWindow,
} from '@critic/db';
import { artifactLimitsForSize } from '@critic/runner';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { assignmentEnv } from '../accounts/assignment-env';
import { errorResponses, jsonResponse } from '../accounts/schemas';
import { ApiError } from '../api-error';
import { hiddenAs, MEMBERS, requireCourseRole, STAFF } from '../auth/require';
import { seesPrivate } from '../auth/submission-access';
import type { ApiEnv } from '../context';
import { taggedRoutes } from '../tagged-routes';
import { secondsUntilLocalMidnight } from '../upload/daily-reset';
import { detectArtifact } from '../upload/detect-format';
import { parseUploadParts } from '../upload/multipart';
import { readBoundedBody } from '../upload/read-body';
import { validateArtifact } from '../upload/validate-artifact';
import { assignmentIdParam, SubmissionStatusSchema, submissionStatus } from './submissions';

/** Bytes a multipart envelope may add around the files (boundaries, part headers, the format field). */
const MULTIPART_OVERHEAD = 64 * 1024;

const route = taggedRoutes('submissions');

const upload = route.post('/assignments/{assignmentId}/submissions', {
  summary: 'Upload a submission (validated before anything is stored)',
  description:
    'multipart/form-data with one or more `file` parts: a .js/.ts module (js-agent, or checks for a homework), a .py agent ' +
    '(python-agent; or a .zip / several files with agent.py and the files it loads), a .onnx, a .zip of a model, ' +
    "or model.json with its .bin shards (zipped on the server). Optional `format` field. The team is the uploader's own.",
  request: {
    params: assignmentIdParam,
    body: {
      required: true,
      content: {
        'multipart/form-data': {
          schema: z.object({
            file: z.array(z.string().openapi({ format: 'binary' })),
            format: z
              .enum(['tfjs-layers', 'onnx', 'js-agent', 'checks', 'python-agent', 'python-checks'])
              .optional(),
          }),
        },
      },
    },
  },
  responses: {
    201: jsonResponse('Queued for grading', SubmissionStatusSchema),
    ...errorResponses(400, 401, 403, 404, 413, 415, 422, 429),
  },
});

/**
 * `POST /assignments/:id/submissions`. The order keeps refusals cheap and nothing half-stored: role,
 * window, declared size, per-user rate limit, real size, format, static validation; only then the blob
 * and, in one transaction, the submission row and its grading job (daily limit checked there).
 */
export function uploadRoutes() {
  const app = new OpenAPIHono<ApiEnv>();
  // Registered for the document only: the body is read by hand, bounded, instead of by the validator.
  app.openAPIRegistry.registerPath(upload);
  app.post('/assignments/:assignmentId/submissions', async (c) => {
    const deps = c.get('deps');
    const param = assignmentIdParam.safeParse(c.req.param());
    if (!param.success) {
      throw new ApiError(400, 'invalid', 'assignmentId: expected a uuid', { field: 'assignmentId' });
    }
    const { assignmentId } = param.data;
    const a = await getAssignment(deps.db, assignmentId);
    const { viewer, role } = await requireCourseRole(c, a.courseId, MEMBERS, hiddenAs('assignment', a.id));
    const staff = STAFF.includes(role);
    const now = deps.now();
    const window = submissionWindow(a, now);
    if (!staff && (window === 'early' || window === 'closed')) {
      const when =
        window === 'early'
          ? `opens at ${a.opensAt.toISOString()}`
          : `closed at ${(a.lateUntil ?? a.dueAt).toISOString()}`;
      throw new ApiError(403, 'window_closed', `"${a.slug}" ${when}; no submissions are accepted now`);
    }
    const maxBody = Math.min(deps.config.maxUploadBytes, a.maxArtifactBytes + MULTIPART_OVERHEAD);
    const declared = Number(c.req.header('content-length') ?? Number.NaN);
    if (Number.isFinite(declared) && declared > maxBody) {
      const which =
        maxBody === deps.config.maxUploadBytes
          ? "the site's upload limit"
          : `this assignment's limit of ${a.maxArtifactBytes} bytes per artifact`;
      throw new ApiError(
        413,
        'payload_too_large',
        `the upload is ${declared} bytes; ${which} allows at most ${maxBody} bytes`,
        { field: 'file' },
      );
    }
    const { limit, windowMs } = deps.config.uploadLimit;
    const rate = await hitRateLimit(deps.db, { key: `upload:${viewer.id}`, limit, windowMs, now });
    if (!rate.allowed) {
      throw new ApiError(
        429,
        'rate_limited',
        `too many uploads: at most ${limit} per ${Math.round(windowMs / 60000)} minutes; try again in ${rate.retryAfterSeconds} s`,
        {
          retryAfterSeconds: rate.retryAfterSeconds,
        },
      );
    }
    const body = await readBoundedBody(c.req.raw, maxBody, 'the upload');
    const parts = await parseUploadParts(body, c.req.header('content-type'));
    const total = parts.files.reduce((n, f) => n + f.bytes.length, 0);
    if (total > a.maxArtifactBytes) {
      throw new ApiError(
        413,
        'payload_too_large',
        `the uploaded files are ${total} bytes; this assignment's limit is ${a.maxArtifactBytes} bytes`,
        { field: 'file' },
      );
    }
    const artifact = detectArtifact(
      a.kind,
      parts.files,
      parts.format,
      artifactLimitsForSize(a.maxArtifactBytes),
    );
    if (artifact.stored.length > a.maxArtifactBytes) {
      throw new ApiError(
        413,
        'payload_too_large',
        `the artifact is ${artifact.stored.length} bytes; this assignment's limit is ${a.maxArtifactBytes} bytes`,
        { field: 'file' },
      );
    }
    await validateArtifact(a, await assignmentEnv(deps.db, a), artifact);
    // Content-addressed: if the row below is refused (daily limit), the blob is at worst an unreferenced copy.
    const ref = await deps.blobs.put(artifact.stored, { maxBytes: a.maxArtifactBytes });
    const { submission } = await createSubmission(deps.db, {
      assignmentId: a.id,
      userId: viewer.id,
      artifactSha256: ref.sha256,
      artifactSize: ref.size,
      format: artifact.format,
      now,
      skipLimits: staff,
    }).catch(async (e: unknown) => {
      // The daily limit resets at midnight in the course's time zone: say when, as Retry-After.
      if (e instanceof DbError && e.code === 'limit' && e.field === 'maxDailySubmissions') {
        const { timezone } = await getCourse(deps.db, a.courseId);
        throw new ApiError(429, 'daily_limit', e.message, {
          field: 'maxDailySubmissions',
          retryAfterSeconds: secondsUntilLocalMidnight(now, timezone),
        });
      }
      throw e;
    });
    deps.logger.info('submission uploaded', {
      submissionId: submission.id,
      format: artifact.format,
      size: ref.size,
    });
    const view = await getSubmissionView(deps.db, submission.id);
    return c.json(await submissionStatus(deps, view, seesPrivate({ staff, assignment: a }, now)), 201);
  });
  return app;
}
