import {
  EnvError,
  envSpec,
  expandPythonSpace,
  isPythonEnvId,
  type JsonSpaceSpec,
  listEnvs,
  listPythonEnvs,
  make,
  type PythonEnvOptions,
  pythonEnvDescription,
  spaceSpecToJson,
} from '@critic/envs';
import { z } from '@hono/zod-openapi';

/** A space as JSON (infinite Box bounds as "inf" / "-inf"). */
export const SpaceSchema = z
  .union([
    z.object({
      type: z.literal('Box'),
      shape: z.array(z.number().int()),
      dtype: z.enum(['float32', 'float64', 'uint8']),
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
    backend: z.enum(['typescript', 'python']).openapi({
      description:
        'typescript: a port in @critic/envs (also replayed in the browser); python: real Gymnasium in the grader sandbox',
    }),
    versions: z
      .record(z.string(), z.string())
      .nullable()
      .openapi({ description: 'Python-backed envs: the package versions that produce the episodes' }),
  })
  .openapi('EnvInfo');

/** A registered environment as the API shows it. */
export interface EnvInfo {
  id: string;
  maxEpisodeSteps: number | null;
  rewardThreshold: number | null;
  observationSpace: JsonSpaceSpec;
  actionSpace: JsonSpaceSpec;
  backend: 'typescript' | 'python';
  versions: Record<string, string> | null;
}

let catalogue: EnvInfo[] | undefined;

/**
 * Every registered env with its spaces (computed once: the registry is fixed at start-up): the TS
 * ports, then the Python-backed envs from their static catalogue (no Python is started here).
 */
export function envCatalogue(): EnvInfo[] {
  catalogue ??= [...typescriptEnvs(), ...pythonEnvs()];
  return catalogue;
}

function pythonEnvs(): EnvInfo[] {
  return listPythonEnvs().map((e) => ({
    id: e.id,
    maxEpisodeSteps: e.maxEpisodeSteps,
    rewardThreshold: e.rewardThreshold,
    observationSpace: expandPythonSpace(e.observationSpace),
    actionSpace: expandPythonSpace(e.actionSpace),
    backend: 'python',
    versions: { ...e.versions },
  }));
}

function typescriptEnvs(): EnvInfo[] {
  return listEnvs().map((spec) => {
    const env = make(spec.id);
    const info: EnvInfo = {
      id: spec.id,
      maxEpisodeSteps: spec.maxEpisodeSteps ?? null,
      rewardThreshold: spec.rewardThreshold ?? null,
      observationSpace: spaceSpecToJson(env.observationSpace.toSpec()),
      actionSpace: spaceSpecToJson(env.actionSpace.toSpec()),
      backend: 'typescript',
      versions: null,
    };
    env.close();
    return info;
  });
}

/** The registered env `id` (a Python-backed one under `options`, e.g. Atari preprocessing), or undefined. */
export function envInfo(id: string, options: PythonEnvOptions = {}): EnvInfo | undefined {
  if (isPythonEnvId(id) && Object.keys(options).length > 0) {
    const d = pythonEnvDescription(id, options);
    return {
      id,
      maxEpisodeSteps: d.maxEpisodeSteps,
      rewardThreshold: d.rewardThreshold,
      observationSpace: expandPythonSpace(d.observationSpace),
      actionSpace: expandPythonSpace(d.actionSpace),
      backend: 'python',
      versions: { ...d.versions },
    };
  }
  return envCatalogue().find((e) => e.id === id);
}

/**
 * Why `id` is not a registered env, as the registry says it: the ids it is close to ("did you
 * mean …?") and the known ids; undefined when it is registered.
 */
export function unknownEnvReason(id: string): string | undefined {
  if (isPythonEnvId(id)) return undefined;
  try {
    envSpec(id);
    return undefined;
  } catch (err) {
    if (err instanceof EnvError) return err.message;
    throw err;
  }
}
