import { text as readText } from 'node:stream/consumers';
import { getEpisode } from '@critic/db';
import { z } from '@hono/zod-openapi';
import { ApiError } from '../api-error';
import type { ApiDeps } from '../deps';

/** Path parameters of an episode: its evaluation and its index there. */
export const EpisodeParams = z.object({
  evaluationId: z.uuid().openapi({ param: { name: 'evaluationId', in: 'path' } }),
  index: z.coerce
    .number()
    .int()
    .min(0)
    .openapi({ param: { name: 'index', in: 'path' } }),
});

/** A recorded episode as the grader stored it: `replayEpisode(env, seed, actions)` reproduces it. */
export const TrajectorySchema = z
  .object({
    env: z.string(),
    seed: z.number().int(),
    // A discrete action is a number, a continuous one a vector.
    actions: z.array(z.union([z.number(), z.array(z.number())])),
  })
  .openapi('Trajectory');

/** The stored trajectory of an episode (whose evaluation the caller already may read); 404 when none was kept. */
export async function readEpisodeTrajectory(
  deps: ApiDeps,
  evaluationId: string,
  index: number,
): Promise<{ env: string; seed: number; actions: (number | number[])[] }> {
  const episode = await getEpisode(deps.db, evaluationId, index);
  if (episode.trajectoryKey === null) {
    throw new ApiError(
      404,
      'not_found',
      `episode ${index} of evaluation ${evaluationId} has no recorded trajectory`,
    );
  }
  return JSON.parse(await readText(await deps.blobs.get(episode.trajectoryKey)));
}
