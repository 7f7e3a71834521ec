import { text as readText } from 'node:stream/consumers';
import { createCustomEnv, getCustomEnv, listCustomEnvs, teamOfUser } from '@critic/db';
import {
  DEFAULT_ARTIFACT_LIMITS,
  DEFAULT_SANDBOX_LIMITS,
  pythonEnvFiles,
  renderTrajectory,
} from '@critic/runner';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse, uuidParam } from '../accounts/schemas';
import { ApiError } from '../api-error';
import { MEMBERS, requireCourseRole, STAFF } from '../auth/require';
import { readableEvaluation } from '../auth/submission-access';
import type { ApiEnv } from '../context';
import { parseEnvUpload } from '../projects/env-upload';
import { CustomEnvSchema, customEnvJson } from '../projects/project-json';
import { EpisodeParams, readEpisodeTrajectory } from '../results/episode-trajectory';
import { taggedRoutes } from '../tagged-routes';
import { readBoundedBody } from '../upload/read-body';

/** Limits of drawing a replay with the env's render(): the agents' defaults, with a minute of CPU time. */
const RENDER_LIMITS = { ...DEFAULT_SANDBOX_LIMITS, totalCpuMs: 60_000, wallTimeMs: 180_000 };

const courseParam = uuidParam('courseId');

const route = taggedRoutes('projects');

const upload = route.post('/courses/{courseId}/custom-envs', {
  summary:
    'Upload a custom env module; a grader job checks it with checkEnv inside its sandbox before it is accepted',
  description:
    'multipart/form-data: `file` (a .js/.ts ES module exporting `createEnv()`), `name` (e.g. gridworld-v0, stored as custom/gridworld-v0), optional `maxEpisodeSteps` (default 1000: graded episodes are truncated there). ' +
    'Answers 202 with the stored env, `status` queued: the env code never runs on the web server. A grader job checks it (`running`), then `accepted` or `rejected` with the report of every check (each failure with the checker message); poll `GET /courses/{courseId}/custom-envs`.',
  request: {
    params: courseParam,
    body: {
      required: true,
      content: {
        'multipart/form-data': {
          schema: z.object({
            file: z.string().openapi({ format: 'binary' }),
            name: z.string(),
            maxEpisodeSteps: z.string().optional(),
          }),
        },
      },
    },
  },
  responses: {
    202: jsonResponse('The stored env, its check queued for the grader', CustomEnvSchema),
    ...errorResponses(400, 401, 403, 404, 409, 413, 415),
  },
});

const list = route.get('/courses/{courseId}/custom-envs', {
  summary: "Custom envs of the course (students: their team's and the staff's) with their reports",
  request: { params: courseParam },
  responses: { 200: jsonResponse('Custom envs', z.array(CustomEnvSchema)), ...errorResponses(401, 404) },
});

const Point = z.tuple([z.number(), z.number()]);

/** One shape of a frame (packages/envs' `Shape`), in world coordinates. */
const ShapeSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('line'), points: z.array(Point), stroke: z.string(), width: z.number() }),
    z.object({
      kind: z.literal('polygon'),
      points: z.array(Point),
      fill: z.string(),
      stroke: z.string().optional(),
    }),
    z.object({
      kind: z.literal('circle'),
      center: Point,
      radius: z.number(),
      fill: z.string(),
      stroke: z.string().optional(),
    }),
    z.object({ kind: z.literal('text'), at: Point, text: z.string(), fill: z.string(), size: z.number() }),
  ])
  .openapi('Shape');

/** A frame as plain data (packages/envs' `Frame`): the world rectangle shown and the shapes in it. */
const FrameSchema = z
  .object({
    viewport: z.object({ xMin: z.number(), xMax: z.number(), yMin: z.number(), yMax: z.number() }),
    shapes: z.array(ShapeSchema),
  })
  .openapi('Frame');

const frames = route.get('/evaluations/{evaluationId}/episodes/{index}/frames', {
  summary: "A custom env's episode drawn by its own render(), replayed in the sandbox on the server",
  request: {
    params: EpisodeParams,
  },
  responses: {
    200: jsonResponse(
      'The reset frame, then one per step',
      z.object({ env: z.string(), seed: z.number().int(), frames: z.array(FrameSchema) }),
    ),
    ...errorResponses(401, 403, 404, 422),
  },
});

/** The files of an uploaded Python env (env.py, or a zip of it and its assets); 400 for a bad zip or no env.py. */
function pythonUploadFiles(bytes: Uint8Array): Record<string, Uint8Array> {
  let files: Record<string, Uint8Array>;
  try {
    files = pythonEnvFiles(bytes);
  } catch (e) {
    throw new ApiError(400, 'invalid', `file: ${e instanceof Error ? e.message : String(e)}`, {
      field: 'file',
    });
  }
  if (!files['env.py']) {
    throw new ApiError(
      400,
      'invalid',
      `file: the zip holds no env.py at its top level (found ${Object.keys(files).join(', ') || 'nothing'})`,
      {
        field: 'file',
      },
    );
  }
  return files;
}

/** Custom envs: upload (checked by a grader job), list, and replay frames drawn by the env itself. */
export function customEnvRoutes() {
  const app = new OpenAPIHono<ApiEnv>();
  // Registered for the document only: the multipart body is read by hand, bounded.
  app.openAPIRegistry.registerPath(upload);
  app.post('/courses/:courseId/custom-envs', async (c) => {
    const param = courseParam.safeParse(c.req.param());
    if (!param.success)
      throw new ApiError(400, 'invalid', 'courseId: expected a uuid', { field: 'courseId' });
    const { courseId } = param.data;
    const { viewer, role } = await requireCourseRole(c, courseId, MEMBERS);
    const deps = c.get('deps');
    const staff = STAFF.includes(role);
    const team = staff ? undefined : await teamOfUser(deps.db, courseId, viewer.id);
    if (!staff && team === undefined) {
      throw new ApiError(409, 'no_team', 'join or create a team first: a custom env belongs to a team', {
        field: 'teamId',
      });
    }
    // A Python env may be a zip with its asset files: the zip limit; a JS module: the source limit.
    const maxBytes = DEFAULT_ARTIFACT_LIMITS.maxZipBytes;
    const body = await readBoundedBody(c.req.raw, maxBytes + 64 * 1024, 'the env upload');
    const up = await parseEnvUpload(body, c.req.header('content-type'));
    if (up.language === 'python') pythonUploadFiles(up.bytes); // refuses a bad zip or one without env.py
    const stored = await deps.blobs.put(up.bytes, {
      maxBytes: up.language === 'python' ? maxBytes : DEFAULT_ARTIFACT_LIMITS.maxSourceBytes,
    });
    const row = await createCustomEnv(deps.db, {
      courseId,
      ...(team ? { teamId: team.id } : {}),
      envId: up.envId,
      sourceSha256: stored.sha256,
      maxEpisodeSteps: up.maxEpisodeSteps,
      language: up.language,
      uploadedBy: viewer.id,
      filename: up.filename,
    });
    // createCustomEnv queued the check for the grader in its transaction: untrusted env code never
    // runs in the web tier (not even in a sandbox child of this server). A Python env's files were
    // only unpacked here, to refuse a bad zip or one without env.py at once.
    return c.json(customEnvJson(row), 202);
  });
  return app
    .openapi(list, async (c) => {
      const { courseId } = c.req.valid('param');
      const { viewer, role } = await requireCourseRole(c, courseId, MEMBERS);
      const db = c.get('deps').db;
      const teamId = STAFF.includes(role)
        ? undefined
        : ((await teamOfUser(db, courseId, viewer.id))?.id ?? null);
      const rows = await listCustomEnvs(db, { courseId, ...(teamId === undefined ? {} : { teamId }) });
      return c.json(rows.map(customEnvJson), 200);
    })
    .openapi(frames, async (c) => {
      const { evaluationId, index } = c.req.valid('param');
      const { evaluation, access } = await readableEvaluation(c, evaluationId);
      const deps = c.get('deps');
      const customEnvId = access.assignment.customEnvId;
      if (customEnvId === null) {
        throw new ApiError(
          422,
          'not_custom',
          'this episode ran in a registered env: draw it with replayEpisode from @critic/envs',
        );
      }
      const trajectory = await readEpisodeTrajectory(deps, evaluation.id, index);
      const env = await getCustomEnv(deps.db, customEnvId);
      if (env.language === 'python') {
        throw new ApiError(
          422,
          'python_env',
          `${env.envId} is a Python env: its frames come from render_mode="rgb_array" as …/episodes/${index}/replay.gif`,
        );
      }
      const source = await readText(await deps.blobs.get(env.sourceSha256));
      const drawn = await renderTrajectory({ source }, trajectory.seed, trajectory.actions, {
        limits: RENDER_LIMITS,
      });
      return c.json({ env: trajectory.env, seed: trajectory.seed, frames: drawn }, 200);
    });
}
