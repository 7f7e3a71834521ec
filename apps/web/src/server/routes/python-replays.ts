import { getCustomEnv } from '@critic/db';
import { isPythonEnvId } from '@critic/envs';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { errorResponses } from '../accounts/schemas';
import { ApiError } from '../api-error';
import { readableEvaluation } from '../auth/submission-access';
import type { ApiEnv } from '../context';
import type { ApiDeps } from '../deps';
import { EpisodeParams, readEpisodeTrajectory } from '../results/episode-trajectory';
import { pythonEpisodeGif } from '../results/python-env-gif';
import { taggedRoutes } from '../tagged-routes';

const route = taggedRoutes('results');

const replayGif = route.get('/evaluations/{evaluationId}/episodes/{index}/replay.gif', {
  summary:
    "A Python-backed env's episode (MuJoCo, Atari) replayed in the sandbox with render_mode=rgb_array, as an animated GIF",
  request: { params: EpisodeParams },
  responses: {
    200: { description: 'An animated GIF (at most 200 frames)', content: { 'image/gif': { schema: {} } } },
    ...errorResponses(401, 403, 404, 422),
  },
});

/** Replays of Python-backed envs: frames rendered by Gymnasium in the sandbox on demand. */
export function pythonReplayRoutes() {
  return new OpenAPIHono<ApiEnv>().openapi(replayGif, async (c) => {
    const { evaluationId, index } = c.req.valid('param');
    // The same access rule as the trajectory: private episodes only to those who may read them.
    const { evaluation, access } = await readableEvaluation(c, evaluationId);
    const deps = c.get('deps');
    const trajectory = await readEpisodeTrajectory(deps, evaluation.id, index);
    const customId = access.assignment.customEnvId;
    const custom = customId === null ? undefined : await getCustomEnv(deps.db, customId);
    if (custom?.language === 'python') {
      const gif = await pythonEpisodeGif({
        envId: trajectory.env,
        options: {},
        seed: trajectory.seed,
        actions: trajectory.actions,
        custom: {
          bytes: await readBytes(deps, custom.sourceSha256),
          maxEpisodeSteps: custom.maxEpisodeSteps ?? 1000,
        },
      });
      return gifResponse(c, gif, trajectory);
    }
    if (!isPythonEnvId(trajectory.env)) {
      throw new ApiError(
        422,
        'not_python_env',
        `episode ${index} ran in ${trajectory.env}, drawn in the browser: use the trajectory with replayEpisode from @critic/envs`,
      );
    }
    const gif = await pythonEpisodeGif({
      envId: trajectory.env,
      options: access.assignment.envOptions,
      seed: trajectory.seed,
      actions: trajectory.actions,
    });
    return gifResponse(c, gif, trajectory);
  });
}

async function readBytes(deps: ApiDeps, sha256: string): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of await deps.blobs.get(sha256)) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

function gifResponse(c: Context<ApiEnv>, gif: Uint8Array, t: { env: string; seed: number }) {
  return c.body(gif as unknown as ArrayBuffer, 200, {
    'content-type': 'image/gif',
    'content-disposition': `inline; filename="${t.env.replace(/\W+/g, '-')}-seed${t.seed}.gif"`,
    'cache-control': 'private, max-age=3600',
  });
}
