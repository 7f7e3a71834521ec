import { OpenAPIHono } from '@hono/zod-openapi';
import { ApiError, toApiError } from './api-error';
import { csrfGuard } from './auth/csrf';
import { resolveViewer } from './auth/viewer';
import { bodyMediaTypes } from './body-media-types';
import { createApiCaches } from './cache/api-caches';
import type { ApiEnv } from './context';
import type { ApiDeps } from './deps';
import { createStatusHub } from './events/status-hub';
import { nulTextGuard } from './nul-text-guard';
import { assignmentRoutes } from './routes/assignments';
import { auditRoutes } from './routes/audit';
import { authRoutes } from './routes/auth';
import { baselineJobRoutes } from './routes/baseline-jobs';
import { checksFeedbackRoutes } from './routes/checks-feedback';
import { courseRoutes } from './routes/courses';
import { customEnvDeleteRoutes } from './routes/custom-env-delete';
import { customEnvRoutes } from './routes/custom-envs';
import { emailVerificationRoutes } from './routes/email-verification';
import { envRoutes } from './routes/envs';
import { gradeRoutes } from './routes/grades';
import { healthRoutes } from './routes/health';
import { homeworkRoutes } from './routes/homeworks';
import { leaderboardRoutes } from './routes/leaderboard';
import { learningCurveRoutes } from './routes/learning-curve';
import { ltiRoutes } from './routes/lti';
import { ltiCourseRoutes } from './routes/lti-course';
import { meRoutes } from './routes/me';
import { memberRoutes } from './routes/members';
import { projectBoardRoutes } from './routes/project-board';
import { projectRoutes } from './routes/projects';
import { pythonReplayRoutes } from './routes/python-replays';
import { resultRoutes } from './routes/results';
import { rosterRoutes } from './routes/roster';
import { selectionRoutes } from './routes/selection';
import { staffRoutes } from './routes/staff';
import { submissionEventRoutes } from './routes/submission-events';
import { submissionRoutes } from './routes/submissions';
import { teamRoutes } from './routes/teams';
import { tokenRoutes } from './routes/tokens';
import { uploadRoutes } from './routes/upload';

/** Version of the REST API, in the OpenAPI document. */
export const API_VERSION = '1.0.0';

/**
 * The REST API (mounted by Next under `/api`, called in-process by tests with `app.request()`): every
 * route resolves the viewer, checks CSRF on cookie-authenticated writes, and answers errors as
 * `{ error: { code, message, field? } }` with the status of an `ApiError`.
 */
export function createApi(deps: ApiDeps) {
  const app = new OpenAPIHono<ApiEnv>({
    // A request that fails its schema gets a 400 naming the first bad field and what was expected.
    defaultHook: (result) => {
      if (!result.success) {
        const issue = result.error.issues[0];
        const field = issue?.path.join('.') || undefined;
        throw new ApiError(400, 'invalid', `${field ?? 'request'}: ${issue?.message ?? 'invalid input'}`, {
          ...(field === undefined ? {} : { field }),
        });
      }
    },
  }).basePath('/api');
  const caches = createApiCaches(deps.config);
  // The body types each route declares (read once routes are registered): for the NUL guard and refusals.
  const acceptedBodies = bodyMediaTypes(app, '/api');
  const statusHub = createStatusHub(deps.notifications, deps.config.statusStreams.perUser, (error) =>
    deps.logger.warn('status streams: LISTEN failed; streams re-read on their resync timer', {
      error: String(error),
    }),
  );
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('caches', caches);
    c.set('statusHub', statusHub);
    await next();
  });
  app.use('*', resolveViewer);
  app.use('*', csrfGuard);
  app.use(
    '*',
    nulTextGuard((method, path) => acceptedBodies(method, path)),
  );

  // Chained, so the app's type carries every route's path, input and answer (see ApiRoutes).
  const routes = app
    .route('/', healthRoutes())
    // -- accounts, courses, teams, assignments (auth, me, tokens, courses, roster, teams, assignments, envs, audit)
    .route('/', authRoutes())
    .route('/', emailVerificationRoutes())
    .route('/', meRoutes())
    .route('/', tokenRoutes())
    .route('/', courseRoutes())
    .route('/', rosterRoutes())
    .route('/', memberRoutes())
    .route('/', teamRoutes())
    .route('/', envRoutes())
    .route('/', homeworkRoutes())
    .route('/', assignmentRoutes())
    .route('/', auditRoutes())
    .route('/', baselineJobRoutes())
    // -- end accounts
    // -- submissions, results, boards, staff tools
    .route('/', uploadRoutes())
    .route('/', submissionRoutes())
    .route('/', submissionEventRoutes())
    .route('/', resultRoutes())
    .route('/', checksFeedbackRoutes())
    .route('/', learningCurveRoutes())
    .route('/', selectionRoutes())
    .route('/', leaderboardRoutes())
    .route('/', staffRoutes())
    .route('/', gradeRoutes())
    // -- end submissions
    // -- final projects (projects, custom envs, cross-project board)
    .route('/', projectRoutes())
    .route('/', customEnvRoutes())
    .route('/', customEnvDeleteRoutes())
    .route('/', pythonReplayRoutes())
    .route('/', projectBoardRoutes())
    // -- end final projects
    // -- LMS (LTI 1.3 tool, course LMS settings)
    .route('/', ltiRoutes())
    .route('/', ltiCourseRoutes());
  // -- end LMS

  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Critic API',
      version: API_VERSION,
      description: 'Courses, teams, assignments, submissions, results and leaderboards of Critic.',
    },
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'apiToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API token created on the site (Settings → API tokens), for the CLI.',
  });

  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: `no route ${c.req.method} ${c.req.path}` } }, 404),
  );
  app.onError((err, c) => {
    const api = toApiError(err, {
      contentType: c.req.header('content-type'),
      accepted: acceptedBodies(c.req.method, c.req.path),
    });
    if (api !== undefined) {
      if (api.retryAfterSeconds !== undefined) c.header('Retry-After', String(api.retryAfterSeconds));
      return c.json(api.toJSON(), api.status);
    }
    deps.logger.error('request failed', { method: c.req.method, path: c.req.path, error: String(err) });
    return c.json({ error: { code: 'internal', message: 'internal error; it has been logged' } }, 500);
  });
  return routes;
}

/** The API app's type: every route's path, input and answer, for the typed client (`hc<ApiRoutes>`). */
export type ApiRoutes = ReturnType<typeof createApi>;
