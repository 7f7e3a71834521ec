import { EnvError, envSpec, type JsonSpaceSpec, listEnvs, make, spaceSpecToJson } from '@critic/envs';
import { z } from '@hono/zod-openapi';

/** A space as JSON (infinite Box bounds as "inf" / "-inf"). */
export const SpaceSchema = z
  .union([
    z.object({
      type: z.literal('Box'),
      shape: z.array(z.number().int()),
      dtype: z.enum(['float32', 'float64']),
      low: z.array(z.union([z.number(), z.literal('inf'), z.literal('-inf')])),
      high: z.array(z.union([z.number(), z.literal('inf'), z.literal('-inf')])),
    }),
    z.object({ type: z.literal('Discrete'), n: z.number().int(), start: z.number().int() }),
  ])
  .openapi('Space');

/** A registered environment with its spaces. */
export const EnvInfoSchema = z
  .object({
    id: z.string(),
    maxEpisodeSteps: z.number().int().nullable(),
    rewardThreshold: z.number().nullable(),
    observationSpace: SpaceSchema,
    actionSpace: SpaceSchema,
  })
  .openapi('EnvInfo');

/** A registered environment as the API shows it. */
export interface EnvInfo {
  id: string;
  maxEpisodeSteps: number | null;
  rewardThreshold: number | null;
  observationSpace: JsonSpaceSpec;
  actionSpace: JsonSpaceSpec;
}

let catalogue: EnvInfo[] | undefined;

/** Every registered env with its spaces (computed once: the registry is fixed at start-up). */
export function envCatalogue(): EnvInfo[] {
  catalogue ??= listEnvs().map((spec) => {
    const env = make(spec.id);
    const info: EnvInfo = {
      id: spec.id,
      maxEpisodeSteps: spec.maxEpisodeSteps ?? null,
      rewardThreshold: spec.rewardThreshold ?? null,
      observationSpace: spaceSpecToJson(env.observationSpace.toSpec()),
      actionSpace: spaceSpecToJson(env.actionSpace.toSpec()),
    };
    env.close();
    return info;
  });
  return catalogue;
}

/** The registered env `id`, or undefined. */
export function envInfo(id: string): EnvInfo | undefined {
  return envCatalogue().find((e) => e.id === id);
}

/**
 * Why `id` is not a registered env, as the registry says it: the ids it is close to ("did you
 * mean …?") and the known ids; undefined when it is registered.
 */
export function unknownEnvReason(id: string): string | undefined {
  try {
    envSpec(id);
    return undefined;
  } catch (err) {
    if (err instanceof EnvError) return err.message;
    throw err;
  }
}
