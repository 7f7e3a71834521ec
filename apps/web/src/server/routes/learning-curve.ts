import { getLearningCurve, setLearningCurve } from '@critic/db';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse } from '../accounts/schemas';
import { ApiError } from '../api-error';
import { readableSubmission } from '../auth/submission-access';
import type { ApiEnv } from '../context';
import { taggedRoutes } from '../tagged-routes';
import { parseLearningCurve } from '../upload/learning-curve-parse';
import { readBoundedBody } from '../upload/read-body';
import { submissionIdParam } from './submissions';

/** Largest metrics file accepted (a long run's metrics.jsonl with every loss is a few MB). */
const MAX_CURVE_BYTES = 20 * 1024 * 1024;

const PointSchema = z.object({ step: z.number(), return: z.number() }).openapi('LearningCurvePoint');

const route = taggedRoutes('results');

const putCurve = route.put('/submissions/{submissionId}/learning-curve', {
  summary: "Attach a learning curve: `critic train`'s metrics.jsonl, or CSV with step and return columns",
  request: {
    params: submissionIdParam,
    body: {
      content: {
        'text/plain': { schema: z.string() },
        'text/csv': { schema: z.string() },
        'application/x-ndjson': { schema: z.string() },
      },
    },
  },
  responses: {
    200: jsonResponse('Points stored (at most 2,000)', z.object({ points: z.number().int() })),
    ...errorResponses(400, 401, 403, 404, 413),
  },
});

const getCurve = route.get('/submissions/{submissionId}/learning-curve', {
  summary: 'The attached learning curve (empty when none)',
  request: { params: submissionIdParam },
  responses: {
    200: jsonResponse('Points by step', z.object({ points: z.array(PointSchema) })),
    ...errorResponses(401, 404),
  },
});

/** Learning curves attached to submissions (the owner attaches, owner and staff read). */
export function learningCurveRoutes() {
  return new OpenAPIHono<ApiEnv>()
    .openapi(putCurve, async (c) => {
      const access = await readableSubmission(c, c.req.valid('param').submissionId);
      if (!access.owner) {
        throw new ApiError(
          403,
          'forbidden',
          'only the team that made the submission attaches its learning curve',
        );
      }
      const body = await readBoundedBody(c.req.raw, MAX_CURVE_BYTES, 'the metrics file');
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(body);
      } catch {
        throw new ApiError(400, 'invalid', 'learning curve: the body is not UTF-8 text', { field: 'body' });
      }
      const points = parseLearningCurve(text);
      const n = await setLearningCurve(c.get('deps').db, { submissionId: access.submission.id, points });
      return c.json({ points: n }, 200);
    })
    .openapi(getCurve, async (c) => {
      const access = await readableSubmission(c, c.req.valid('param').submissionId);
      return c.json({ points: (await getLearningCurve(c.get('deps').db, access.submission.id)) ?? [] }, 200);
    });
}
