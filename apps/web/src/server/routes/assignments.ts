import {
  createAssignment,
  enqueueBaselineJobs,
  listAssignments,
  recordAudit,
  setLatePenalty,
  submissionWindow,
  updateAssignment,
} from '@critic/db';
import { publicSeeds } from '@critic/runner';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { ONLY_INSTRUCTORS_EDIT, requireAssignmentRole } from '../accounts/assignment-access';
import { kindConfig } from '../accounts/assignment-config';
import { assignmentEnv } from '../accounts/assignment-env';
import { AssignmentSchema, assignmentJson } from '../accounts/assignment-json';
import { AssignmentDetail, AssignmentPatch, NewAssignment } from '../accounts/assignment-schemas';
import { assignmentHomework } from '../accounts/homework-catalogue';
import { errorResponses, jsonBody, jsonResponse, uuidParam } from '../accounts/schemas';
import { ApiError } from '../api-error';
import { INSTRUCTORS, MEMBERS, requireCourseRole } from '../auth/require';
import { forgetAssignment } from '../cache/api-caches';
import type { ApiEnv } from '../context';
import { taggedRoutes } from '../tagged-routes';

const courseParam = uuidParam('courseId');
const assignmentParam = uuidParam('assignmentId');

const route = taggedRoutes('assignments');

const createRouteDef = route.post('/courses/{courseId}/assignments', {
  summary: 'Create an assignment (instructor)',
  request: { params: courseParam, body: jsonBody(NewAssignment) },
  responses: {
    201: jsonResponse('The assignment', AssignmentSchema),
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

const listRouteDef = route.get('/courses/{courseId}/assignments', {
  summary: 'Assignments of a course, by due date',
  request: { params: courseParam },
  responses: { 200: jsonResponse('Assignments', z.array(AssignmentSchema)), ...errorResponses(401, 404) },
});

const getRouteDef = route.get('/assignments/{assignmentId}', {
  summary: "An assignment with its env's spaces and public seeds, or its homework, and the submission window",
  request: { params: assignmentParam },
  responses: { 200: jsonResponse('The assignment', AssignmentDetail), ...errorResponses(401, 404) },
});

const patchRouteDef = route.patch('/assignments/{assignmentId}', {
  summary: 'Change title, description, dates, limits, late penalty or board visibility (instructor; audited)',
  request: { params: assignmentParam, body: jsonBody(AssignmentPatch) },
  responses: { 200: jsonResponse('The assignment', AssignmentSchema), ...errorResponses(400, 401, 403, 404) },
});

const toDate = (s: string) => new Date(s);

/** Assignments: create and change (instructors), list and read (members). */
export function assignmentRoutes() {
  return new OpenAPIHono<ApiEnv>()
    .openapi(createRouteDef, async (c) => {
      const { courseId } = c.req.valid('param');
      const role = (await requireCourseRole(c, courseId, MEMBERS)).role;
      if (role !== 'instructor') throw new ApiError(403, 'forbidden', ONLY_INSTRUCTORS_EDIT(role));
      const viewer = c.get('viewer')!;
      const body = c.req.valid('json');
      const { homework: _homework, baselines, opensAt, dueAt, lateUntil, ...rest } = body;
      if (baselines !== undefined && body.kind !== 'agent') {
        throw new ApiError(400, 'invalid', 'baselines: only an agent assignment has baseline rows', {
          field: 'baselines',
        });
      }
      const { db } = c.get('deps');
      const assignment = await db.transaction(async (tx) => {
        const created = await createAssignment(tx, {
          ...rest,
          ...kindConfig(body),
          courseId,
          opensAt: toDate(opensAt),
          dueAt: toDate(dueAt),
          ...(lateUntil === undefined ? {} : { lateUntil: toDate(lateUntil) }),
          createdBy: viewer.id,
        });
        await recordAudit(tx, {
          courseId,
          actorId: viewer.id,
          action: 'assignment.create',
          entityType: 'assignment',
          entityId: created.id,
          details: { slug: created.slug, title: created.title, kind: created.kind },
        });
        if (baselines !== undefined) {
          await enqueueBaselineJobs(tx, created.id, { ...baselines, requestedBy: viewer.id });
        }
        return created;
      });
      return c.json(assignmentJson(assignment), 201);
    })
    .openapi(listRouteDef, async (c) => {
      const { courseId } = c.req.valid('param');
      await requireCourseRole(c, courseId, MEMBERS);
      return c.json((await listAssignments(c.get('deps').db, courseId)).map(assignmentJson), 200);
    })
    .openapi(getRouteDef, async (c) => {
      const { role, assignment: a } = await requireAssignmentRole(
        c,
        c.req.valid('param').assignmentId,
        MEMBERS,
      );
      const env = await assignmentEnv(c.get('deps').db, a);
      return c.json(
        {
          ...assignmentJson(a),
          env:
            env === undefined
              ? null
              : {
                  id: env.id,
                  observationSpace: env.observationSpace,
                  actionSpace: env.actionSpace,
                  maxEpisodeSteps: env.maxEpisodeSteps,
                },
          publicSeeds: a.kind === 'agent' && a.publicEpisodes > 0 ? publicSeeds(a.id, a.publicEpisodes) : [],
          homework: a.kind === 'checks' ? assignmentHomework(a.title, a.checks) : null,
          window: submissionWindow(a, c.get('deps').now()),
          viewerRole: role,
        },
        200,
      );
    })
    .openapi(patchRouteDef, async (c) => {
      const { viewer, assignment } = await requireAssignmentRole(
        c,
        c.req.valid('param').assignmentId,
        INSTRUCTORS,
        ONLY_INSTRUCTORS_EDIT,
      );
      const body = c.req.valid('json');
      if (Object.keys(body).length === 0) {
        throw new ApiError(
          400,
          'invalid',
          `request: expected at least one of ${Object.keys(AssignmentPatch.shape).join(', ')}`,
        );
      }
      const { latePenalty, opensAt, dueAt, lateUntil, ...rest } = body;
      const patch = {
        ...rest,
        ...(opensAt === undefined ? {} : { opensAt: toDate(opensAt) }),
        ...(dueAt === undefined ? {} : { dueAt: toDate(dueAt) }),
        ...(lateUntil === undefined ? {} : { lateUntil: lateUntil === null ? null : toDate(lateUntil) }),
      };
      const { db } = c.get('deps');
      const updated = await db.transaction(async (tx) => {
        let row =
          Object.keys(patch).length === 0
            ? assignment
            : await updateAssignment(tx, { assignmentId: assignment.id, actorId: viewer.id, patch });
        if (latePenalty !== undefined && latePenalty !== row.latePenalty) {
          row = await setLatePenalty(tx, { assignmentId: assignment.id, latePenalty, actorId: viewer.id });
        }
        return row;
      });
      forgetAssignment(c.get('caches'), assignment.id);
      return c.json(assignmentJson(updated), 200);
    });
}
