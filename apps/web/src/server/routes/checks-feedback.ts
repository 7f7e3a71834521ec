import { listChecks } from '@critic/core';
import { listCheckResults, submissionEvaluations } from '@critic/db';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse } from '../accounts/schemas';
import { readableSubmission } from '../auth/submission-access';
import type { ApiEnv } from '../context';
import { taggedRoutes } from '../tagged-routes';
import { submissionIdParam } from './submissions';

export const CaseSchema = z
  .object({
    caseIndex: z.number().int(),
    visible: z.boolean(),
    passed: z.boolean(),
    message: z.string().nullable().optional(),
    input: z.unknown().optional(),
    expected: z.unknown().optional(),
    got: z.unknown().optional(),
    tolerance: z.number().nullable().optional(),
  })
  .openapi('CheckCase');

export const CheckFeedbackSchema = z
  .object({
    check: z.string(),
    title: z.string(),
    points: z.number(),
    maxPoints: z.number(),
    argNames: z.array(z.string()).openapi({
      description: "The function's parameter names: a visible case's `input` lists them in order",
    }),
    cases: z.array(CaseSchema),
  })
  .openapi('CheckFeedback');

const route = taggedRoutes('results');

const checksRoute = route.get('/submissions/{submissionId}/checks', {
  summary:
    'Per-check feedback of a homework: visible cases in full, hidden ones pass/fail only (staff see all)',
  request: { params: submissionIdParam },
  responses: {
    200: jsonResponse('One entry per check', z.array(CheckFeedbackSchema)),
    ...errorResponses(401, 404),
  },
});

/** The catalogue title and parameter names of a check named by id or function name (the name itself when unknown). */
function describeCheck(name: string): { title: string; argNames: string[] } {
  const check = listChecks().find((c) => c.id === name || c.functionName === name);
  return { title: check?.title ?? name, argNames: [...(check?.argNames ?? [])] };
}

/** `GET /submissions/:id/checks` of the scored attempt (empty until one succeeded). */
export function checksFeedbackRoutes() {
  return new OpenAPIHono<ApiEnv>().openapi(checksRoute, async (c) => {
    const access = await readableSubmission(c, c.req.valid('param').submissionId);
    const db = c.get('deps').db;
    const s = access.submission;
    if (s.scoredAttempt === null) return c.json([], 200);
    const evaluation = (await submissionEvaluations(db, s.id, { attempt: s.scoredAttempt })).find(
      (e) => e.split === 'public',
    );
    if (evaluation === undefined) return c.json([], 200);
    const rows = await listCheckResults(db, evaluation.id, { revealHidden: access.staff });
    const byCheck = new Map<string, z.infer<typeof CheckFeedbackSchema>>();
    for (const r of rows) {
      let entry = byCheck.get(r.check);
      if (entry === undefined) {
        entry = { check: r.check, ...describeCheck(r.check), points: 0, maxPoints: 0, cases: [] };
        byCheck.set(r.check, entry);
      }
      entry.points += r.points;
      entry.maxPoints += r.maxPoints;
      // A hidden case tells a student only whether it passed; staff see everything.
      entry.cases.push(
        r.visible || access.staff
          ? {
              caseIndex: r.caseIndex,
              visible: r.visible,
              passed: r.passed,
              message: r.message,
              input: r.input,
              expected: r.expected,
              got: r.got,
              tolerance: r.tolerance,
            }
          : { caseIndex: r.caseIndex, visible: false, passed: r.passed },
      );
    }
    return c.json([...byCheck.values()], 200);
  });
}
