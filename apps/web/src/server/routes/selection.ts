import { clearSelection, getSubmissionView, selectSubmission } from '@critic/db';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { errorResponses, jsonResponse } from '../accounts/schemas';
import { ApiError } from '../api-error';
import { readableSubmission, type SubmissionAccess, seesPrivate } from '../auth/submission-access';
import type { ApiEnv } from '../context';
import { taggedRoutes } from '../tagged-routes';
import { SubmissionStatusSchema, submissionIdParam, submissionStatus } from './submissions';

const route = taggedRoutes('submissions');

const select = route.post('/submissions/{submissionId}/select', {
  summary: 'Choose the submission that counts for your team (until the due date)',
  request: { params: submissionIdParam },
  responses: {
    200: jsonResponse('The chosen submission', SubmissionStatusSchema),
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

const unselect = route.delete('/submissions/{submissionId}/select', {
  summary: 'Drop the choice (the best submission counts again)',
  request: { params: submissionIdParam },
  responses: {
    200: jsonResponse('The submission, no longer chosen', SubmissionStatusSchema),
    ...errorResponses(401, 403, 404, 409),
  },
});

/** The owning team (or staff) may change the choice, and only until the due date. */
async function changeable(c: Context<ApiEnv>, submissionId: string): Promise<SubmissionAccess> {
  // Only its team and staff can read it (anyone else gets a 404), so only they get past this line.
  const access = await readableSubmission(c, submissionId);
  const now = c.get('deps').now();
  if (now > access.assignment.dueAt) {
    throw new ApiError(
      409,
      'deadline_passed',
      `the choice of the counting submission locked at the due date, ${access.assignment.dueAt.toISOString()}`,
    );
  }
  return access;
}

async function statusAfter(c: Context<ApiEnv>, access: SubmissionAccess) {
  const deps = c.get('deps');
  const view = await getSubmissionView(deps.db, access.submission.id);
  return submissionStatus(deps, view, seesPrivate(access, deps.now()));
}

/** `POST|DELETE /submissions/:id/select`: the team's choice of the submission that counts. */
export function selectionRoutes() {
  return new OpenAPIHono<ApiEnv>()
    .openapi(select, async (c) => {
      const access = await changeable(c, c.req.valid('param').submissionId);
      await selectSubmission(c.get('deps').db, access.submission.id);
      return c.json(await statusAfter(c, access), 200);
    })
    .openapi(unselect, async (c) => {
      const access = await changeable(c, c.req.valid('param').submissionId);
      await clearSelection(c.get('deps').db, access.submission.id);
      return c.json(await statusAfter(c, access), 200);
    });
}
