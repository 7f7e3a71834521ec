import { type Assignment, type Database, getCustomEnv } from '@critic/db';
import type { JsonSpaceSpec } from '@critic/envs';
import { type EnvInfo, envInfo } from './env-catalogue';

const isSpaceSpec = (x: unknown): x is JsonSpaceSpec =>
  typeof x === 'object' &&
  x !== null &&
  ((x as { type?: unknown }).type === 'Box' || (x as { type?: unknown }).type === 'Discrete');

/**
 * The env an agent assignment is graded in, with its spaces: a registered env from the catalogue, or a
 * custom env with the spaces its sandboxed `checkEnv` report recorded. Undefined for homework, or a
 * custom env without recorded spaces.
 */
export async function assignmentEnv(db: Database, a: Assignment): Promise<EnvInfo | undefined> {
  if (a.kind !== 'agent' || a.envId === null) return undefined;
  if (a.customEnvId === null) return envInfo(a.envId, a.envOptions);
  const custom = await getCustomEnv(db, a.customEnvId);
  const obs = custom.report?.observationSpace;
  const act = custom.report?.actionSpace;
  if (!isSpaceSpec(obs) || !isSpaceSpec(act)) return undefined;
  return {
    id: a.envId,
    maxEpisodeSteps: custom.maxEpisodeSteps,
    rewardThreshold: null,
    observationSpace: obs,
    actionSpace: act,
    backend: 'typescript',
    versions: null,
  };
}
