import {
  getLtiPlatform,
  listLtiContextsOfCourse,
  listLtiGradeLog,
  listLtiLineItemsOfCourse,
  listLtiPlatformsOfCourse,
  recordAudit,
  setLtiLineItemThresholds,
  upsertLtiPlatform,
} from '@critic/db';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { errorResponses, jsonBody, jsonResponse, uuidParam } from '../accounts/schemas';
import { ApiError } from '../api-error';
import { INSTRUCTORS, requireCourseRole } from '../auth/require';
import type { ApiEnv } from '../context';
import { drainLtiGrades } from '../lti/grade-sender';
import { syncRoster } from '../lti/nrps';
import { toolUrls } from '../lti/registration';
import { registrationUrl } from '../lti/registration-link';
import { LtiServiceError } from '../lti/service-token';
import { taggedRoutes } from '../tagged-routes';

const httpsOrLocal = z
  .url()
  .max(2000)
  .refine(
    (u) => u.startsWith('https://') || /^http:\/\/(localhost|127\.0\.0\.1)(:|\/)/.test(u),
    'an https:// URL',
  );

const PlatformBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    issuer: z.url().max(2000),
    clientId: z.string().trim().min(1).max(500),
    authLoginUrl: httpsOrLocal,
    authTokenUrl: httpsOrLocal,
    keysetUrl: httpsOrLocal,
    deploymentIds: z.array(z.string().trim().min(1).max(500)).min(1, 'at least one deployment id').max(50),
  })
  .openapi('LtiPlatformInput');

const PlatformSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    issuer: z.string(),
    clientId: z.string(),
    authLoginUrl: z.string(),
    authTokenUrl: z.string(),
    keysetUrl: z.string(),
    deploymentIds: z.array(z.string()),
  })
  .openapi('LtiPlatform');

const GradeLogSchema = z
  .object({
    id: z.number().int(),
    assignmentId: z.uuid(),
    assignmentTitle: z.string(),
    userName: z.string(),
    userEmail: z.string(),
    scoreGiven: z.number(),
    scoreMaximum: z.number(),
    status: z.enum(['pending', 'sent', 'superseded']),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
    nextAttemptAt: z.string(),
  })
  .openapi('LtiGradeLogEntry');

const LineItemSchema = z
  .object({
    id: z.uuid(),
    assignmentId: z.uuid(),
    assignmentTitle: z.string(),
    assignmentKind: z.enum(['agent', 'checks']),
    contextId: z.string(),
    url: z.string(),
    scoreMaximum: z.number(),
    gradeZeroAt: z.number().nullable(),
    gradeFullAt: z.number().nullable(),
  })
  .openapi('LtiLineItem');

const ThresholdsBody = z
  .object({
    gradeZeroAt: z.number().finite().nullable(),
    gradeFullAt: z.number().finite().nullable(),
  })
  .openapi('LtiLineItemThresholds');

const route = taggedRoutes('lti');

const thresholdsRoute = route.put('/courses/{courseId}/lti/line-items/{lineItemId}/thresholds', {
  summary:
    'How an agent gradebook column maps the private score (instructor): linear from gradeZeroAt (0) to gradeFullAt (full marks), or null for both to grade by rank',
  request: {
    params: z.object({ courseId: z.uuid(), lineItemId: z.uuid() }),
    body: jsonBody(ThresholdsBody),
  },
  responses: {
    200: jsonResponse('Saved; changed grades are queued', LineItemSchema),
    ...errorResponses(400, 401, 403, 404),
  },
});

const LtiSettingsSchema = z
  .object({
    tool: z.object({ login: z.string(), launch: z.string(), jwks: z.string(), deepLinking: z.string() }),
    registrationUrl: z.string(),
    platforms: z.array(PlatformSchema),
    contexts: z.array(
      z.object({
        platformId: z.uuid(),
        contextId: z.string(),
        title: z.string().nullable(),
        roster: z.boolean(),
      }),
    ),
    lineItems: z.array(LineItemSchema),
    grades: z.array(GradeLogSchema),
  })
  .openapi('LtiSettings');

const settingsRoute = route.get('/courses/{courseId}/lti', {
  summary:
    'LMS (LTI 1.3) settings of a course (instructor): tool URLs, platforms, linked LMS courses, grades sent',
  request: { params: uuidParam('courseId') },
  responses: { 200: jsonResponse('The settings', LtiSettingsSchema), ...errorResponses(401, 403, 404) },
});

const addPlatformRoute = route.post('/courses/{courseId}/lti/platforms', {
  summary: 'Register an LMS by hand (instructor): issuer, client id, endpoints and deployment ids',
  request: { params: uuidParam('courseId'), body: jsonBody(PlatformBody) },
  responses: { 201: jsonResponse('Registered', PlatformSchema), ...errorResponses(400, 401, 403, 404, 409) },
});

const RosterSyncSchema = z.object({
  contexts: z.array(
    z.object({
      contextId: z.string(),
      title: z.string().nullable(),
      added: z.number().int(),
      updated: z.number().int(),
      unchanged: z.number().int(),
      skipped: z.number().int(),
    }),
  ),
});

const rosterSyncRoute = route.post('/courses/{courseId}/lti/roster-sync', {
  summary: 'Sync the roster from the linked LMS courses (instructor; LTI Names and Role Provisioning)',
  request: { params: uuidParam('courseId') },
  responses: { 200: jsonResponse('Synced', RosterSyncSchema), ...errorResponses(401, 403, 404, 409, 503) },
});

const sendGradesRoute = route.post('/courses/{courseId}/lti/grades/send', {
  summary: 'Send the due LMS grades now (instructor); failures stay queued and are retried with backoff',
  request: { params: uuidParam('courseId') },
  responses: {
    200: jsonResponse('Sent', z.object({ sent: z.number().int(), failed: z.number().int() })),
    ...errorResponses(401, 403, 404),
  },
});

const platformJson = (p: Awaited<ReturnType<typeof listLtiPlatformsOfCourse>>[number]) => ({
  id: p.id,
  name: p.name,
  issuer: p.issuer,
  clientId: p.clientId,
  authLoginUrl: p.authLoginUrl,
  authTokenUrl: p.authTokenUrl,
  keysetUrl: p.keysetUrl,
  deploymentIds: p.deploymentIds,
});

const lineItemJson = (l: Awaited<ReturnType<typeof listLtiLineItemsOfCourse>>[number]) => ({
  id: l.id,
  assignmentId: l.assignmentId,
  assignmentTitle: l.assignmentTitle,
  assignmentKind: l.assignmentKind,
  contextId: l.contextId,
  url: l.url,
  scoreMaximum: l.scoreMaximum,
  gradeZeroAt: l.gradeZeroAt,
  gradeFullAt: l.gradeFullAt,
});

/** `/api/courses/:courseId/lti…`: the instructor's LMS settings, manual registration, roster sync, gradebook columns, grades. */
export function ltiCourseRoutes() {
  return new OpenAPIHono<ApiEnv>()
    .openapi(settingsRoute, async (c) => {
      const { courseId } = c.req.valid('param');
      const { viewer } = await requireCourseRole(c, courseId, INSTRUCTORS);
      const deps = c.get('deps');
      const contexts = await listLtiContextsOfCourse(deps.db, courseId);
      const platforms = await listLtiPlatformsOfCourse(
        deps.db,
        courseId,
        contexts.map((x) => x.platformId),
      );
      const grades = await listLtiGradeLog(deps.db, courseId);
      const lineItems = await listLtiLineItemsOfCourse(deps.db, courseId);
      return c.json(
        {
          tool: toolUrls(deps.config.origin),
          registrationUrl: await registrationUrl(deps, courseId, viewer.id),
          platforms: platforms.map(platformJson),
          contexts: contexts.map((x) => ({
            platformId: x.platformId,
            contextId: x.contextId,
            title: x.title,
            roster: x.membershipsUrl !== null,
          })),
          lineItems: lineItems.map(lineItemJson),
          grades: grades.map((g) => ({
            ...g,
            createdAt: g.createdAt.toISOString(),
            sentAt: g.sentAt?.toISOString() ?? null,
            nextAttemptAt: g.nextAttemptAt.toISOString(),
          })),
        },
        200,
      );
    })
    .openapi(addPlatformRoute, async (c) => {
      const { courseId } = c.req.valid('param');
      const { viewer } = await requireCourseRole(c, courseId, INSTRUCTORS);
      const body = c.req.valid('json');
      const { db } = c.get('deps');
      const platform = await db.transaction(async (tx) => {
        const row = await upsertLtiPlatform(tx, { ...body, courseId, createdBy: viewer.id });
        await recordAudit(tx, {
          courseId,
          actorId: viewer.id,
          action: 'lti.register_platform',
          entityType: 'lti_platform',
          entityId: row.id,
          details: { issuer: row.issuer, clientId: row.clientId, deploymentIds: body.deploymentIds },
        });
        return row;
      });
      return c.json(platformJson({ ...platform, deploymentIds: body.deploymentIds }), 201);
    })
    .openapi(rosterSyncRoute, async (c) => {
      const { courseId } = c.req.valid('param');
      await requireCourseRole(c, courseId, INSTRUCTORS);
      const { db, now } = c.get('deps');
      const contexts = (await listLtiContextsOfCourse(db, courseId)).filter((x) => x.membershipsUrl !== null);
      if (contexts.length === 0) {
        throw new ApiError(
          409,
          'lti_no_roster',
          'no LMS course with a roster service is linked: open Critic from the LMS course as its instructor first',
        );
      }
      const out = [];
      for (const context of contexts) {
        const platform = await getLtiPlatform(db, context.platformId);
        try {
          const r = await syncRoster(db, platform, context, now());
          out.push({ contextId: context.contextId, title: context.title, ...r });
        } catch (e) {
          if (e instanceof LtiServiceError) {
            throw new ApiError(
              503,
              'lti_platform_unavailable',
              `roster sync from ${platform.issuer} failed: ${e.message}`,
            );
          }
          throw e;
        }
      }
      c.get('caches').roles.deleteWhere((key) => key.startsWith(`${courseId}:`));
      return c.json({ contexts: out }, 200);
    })
    .openapi(thresholdsRoute, async (c) => {
      const { courseId, lineItemId } = c.req.valid('param');
      const { viewer } = await requireCourseRole(c, courseId, INSTRUCTORS);
      const body = c.req.valid('json');
      const { db } = c.get('deps');
      await db.transaction(async (tx) => {
        await setLtiLineItemThresholds(tx, { lineItemId, courseId, ...body });
        await recordAudit(tx, {
          courseId,
          actorId: viewer.id,
          action: 'lti.set_line_item_thresholds',
          entityType: 'lti_line_item',
          entityId: lineItemId,
          details: body,
        });
      });
      const item = (await listLtiLineItemsOfCourse(db, courseId)).find((l) => l.id === lineItemId)!;
      return c.json(lineItemJson(item), 200);
    })
    .openapi(sendGradesRoute, async (c) => {
      const { courseId } = c.req.valid('param');
      await requireCourseRole(c, courseId, INSTRUCTORS);
      return c.json(await drainLtiGrades(c.get('deps')), 200);
    });
}
