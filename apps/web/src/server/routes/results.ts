import type { Readable } from 'node:stream';
import { evaluationHistory, listEpisodes } from '@critic/db';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse, uuidParam } from '../accounts/schemas';
import { readableEvaluation, readableSubmission, seesPrivate } from '../auth/submission-access';
import type { ApiEnv } from '../context';
import { EpisodeParams, readEpisodeTrajectory, TrajectorySchema } from '../results/episode-trajectory';
import { taggedRoutes } from '../tagged-routes';
import { StatSchema, statOf, submissionIdParam } from './submissions';

export const EvaluationSchema = StatSchema.extend({
  id: z.uuid(),
  split: z.enum(['public', 'private']),
  attempt: z.number().int(),
  graderVersion: z.string(),
  envVersion: z.string(),
  createdAt: z.string().openapi({ format: 'date-time' }),
}).openapi('Evaluation');

export const EpisodeSchema = z
  .object({
    index: z.number().int(),
    seed: z.number().int(),
    return: z.number(),
    length: z.number().int(),
    terminated: z.boolean(),
    truncated: z.boolean(),
    hasTrajectory: z.boolean(),
  })
  .openapi('Episode');

const evaluationParam = uuidParam('evaluationId');

const route = taggedRoutes('results');

const evaluationsRoute = route.get('/submissions/{submissionId}/evaluations', {
  summary: 'Every evaluation of a submission over all attempts (rejudges keep the old ones), newest first',
  request: { params: submissionIdParam },
  responses: {
    200: jsonResponse('Evaluations', z.array(EvaluationSchema)),
    ...errorResponses(401, 404),
  },
});

const episodesRoute = route.get('/evaluations/{evaluationId}/episodes', {
  summary: 'Episodes of an evaluation (seed, return, length)',
  request: { params: evaluationParam },
  responses: {
    200: jsonResponse('Episodes in index order', z.array(EpisodeSchema)),
    ...errorResponses(401, 403, 404),
  },
});

const trajectoryRoute = route.get('/evaluations/{evaluationId}/episodes/{index}/trajectory', {
  summary: "An episode's recorded actions: replayEpisode(env, seed, actions) reproduces it",
  request: {
    params: EpisodeParams,
  },
  responses: {
    200: jsonResponse('The trajectory', TrajectorySchema),
    ...errorResponses(401, 403, 404),
  },
});

const consoleRoute = route.get('/submissions/{submissionId}/console', {
  summary:
    "What the submission's code printed while graded (at most 64 KiB per split; what private episodes printed only to staff, and to the team once the private board is released)",
  request: { params: submissionIdParam },
  responses: {
    200: {
      description: 'Console output (empty when nothing was printed)',
      content: { 'text/plain': { schema: z.string() } },
    },
    ...errorResponses(401, 404),
  },
});

const artifactRoute = route.get('/submissions/{submissionId}/artifact', {
  summary: 'The stored artifact, byte for byte',
  request: { params: submissionIdParam },
  responses: {
    200: {
      description: 'The artifact',
      content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
    },
    ...errorResponses(401, 404),
  },
});

/** Ends a student's console output in place of what private episodes printed, until release. */
const PRIVATE_CONSOLE_NOTE =
  '\n[output of the private episodes is shown once the instructor releases the private board]\n';

/** The download name of a stored artifact. */
function artifactFileName(format: string, head: Uint8Array): string {
  if (format === 'js-agent') return 'agent.ts';
  if (format === 'checks') return 'homework.ts';
  if (format === 'python-checks') return 'homework.py';
  if (format === 'onnx' && !(head[0] === 0x50 && head[1] === 0x4b)) return 'model.onnx';
  return 'model.zip';
}

/** The whole stored blob (artifacts are bounded by the assignment's size limit). */
async function readBlob(stream: Readable): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return new Uint8Array(Buffer.concat(chunks));
}

/** Results of a submission: evaluations, episodes, trajectories, console output and the artifact. */
export function resultRoutes() {
  return new OpenAPIHono<ApiEnv>()
    .openapi(evaluationsRoute, async (c) => {
      const deps = c.get('deps');
      const access = await readableSubmission(c, c.req.valid('param').submissionId);
      const showPrivate = seesPrivate(access, deps.now());
      const rows = await evaluationHistory(deps.db, access.submission.id);
      return c.json(
        rows
          .filter((e) => showPrivate || e.split === 'public')
          .map((e) => ({
            id: e.id,
            split: e.split,
            attempt: e.attempt,
            ...statOf(e),
            graderVersion: e.graderVersion,
            envVersion: e.envVersion,
            createdAt: e.createdAt.toISOString(),
          })),
        200,
      );
    })
    .openapi(episodesRoute, async (c) => {
      const { evaluation } = await readableEvaluation(c, c.req.valid('param').evaluationId);
      const rows = await listEpisodes(c.get('deps').db, evaluation.id);
      return c.json(
        rows.map((e) => ({
          index: e.index,
          seed: e.seed,
          return: e.return,
          length: e.length,
          terminated: e.terminated,
          truncated: e.truncated,
          hasTrajectory: e.trajectoryKey !== null,
        })),
        200,
      );
    })
    .openapi(trajectoryRoute, async (c) => {
      const { evaluationId, index } = c.req.valid('param');
      const { evaluation } = await readableEvaluation(c, evaluationId);
      const trajectory = await readEpisodeTrajectory(c.get('deps'), evaluation.id, index);
      return c.json(trajectory, 200);
    })
    .openapi(consoleRoute, async (c) => {
      const access = await readableSubmission(c, c.req.valid('param').submissionId);
      const s = access.submission;
      const shown = s.consoleOutput ?? '';
      if (s.privateConsoleOutput === null) return c.text(shown, 200);
      if (seesPrivate(access, c.get('deps').now())) return c.text(`${shown}${s.privateConsoleOutput}`, 200);
      c.header('x-critic-console', 'private-withheld');
      return c.text(`${shown}${PRIVATE_CONSOLE_NOTE}`, 200);
    })
    .openapi(artifactRoute, async (c) => {
      const access = await readableSubmission(c, c.req.valid('param').submissionId);
      const s = access.submission;
      const bytes = await readBlob(await c.get('deps').blobs.get(s.artifactSha256));
      return new Response(bytes, {
        status: 200,
        headers: {
          'content-type': 'application/octet-stream',
          'content-length': String(bytes.length),
          'content-disposition': `attachment; filename="${artifactFileName(s.format, bytes)}"`,
          'x-content-type-options': 'nosniff',
        },
      });
    });
}
