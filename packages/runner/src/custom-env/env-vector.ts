import { spaceFromSpec } from '@critic/envs';
import type { EpisodeVectorEnv } from '../evaluation/evaluate-episodes';
import { type PolicySpec, policySpecFromSpaces } from '../spec';
import { RunnerError } from '../verdict';
import {
  type CustomEnvOptions,
  type CustomEnvSource,
  openCustomEnv,
  type SandboxedEnv,
} from './open-custom-env';

/** A failure of the env's code during grading: the env owner's fault, said so in the message. */
export function envFault(envId: string, e: unknown): unknown {
  if (!(e instanceof RunnerError)) return e;
  return new RunnerError({
    verdict: 'runtime_error',
    message: `the environment ${envId} failed (a fault of the environment, not of the agent): ${e.message}`,
  });
}

/** What the custom env demands of an agent (from its spaces), as `policySpecFromSpaces` gives for a registered env. */
export function customEnvPolicySpec(env: SandboxedEnv, envId: string): PolicySpec {
  if (!env.spaces) throw new Error('customEnvPolicySpec: the env was opened without its spaces');
  return policySpecFromSpaces(
    envId,
    spaceFromSpec(env.spaces.observationSpace),
    spaceFromSpec(env.spaces.actionSpace),
  );
}

/**
 * The episode runner's vector env over a sandboxed custom env: batches of up to `env.instances`
 * episodes reuse the same child (its envs are reset with each batch's seeds). Closing a batch does not
 * close the child; the caller closes `env`. Every failure of the env is a runtime_error naming the env.
 */
export function customEnvVector(env: SandboxedEnv, envId: string): (numEnvs: number) => EpisodeVectorEnv {
  if (!env.spaces) throw new Error('customEnvVector: the env was opened without its spaces');
  const observationSpace = spaceFromSpec(env.spaces.observationSpace);
  const actionSpace = spaceFromSpec(env.spaces.actionSpace);
  const obsSpec = observationSpace.toSpec();
  const obsSize = obsSpec.type === 'Discrete' ? 1 : obsSpec.low.length;
  return (numEnvs) => {
    if (numEnvs > env.instances) {
      throw new RangeError(
        `customEnvVector: ${numEnvs} episodes in one batch, the env has ${env.instances} instances`,
      );
    }
    return {
      singleObservationSpace: observationSpace,
      singleActionSpace: actionSpace,
      obsSize,
      async reset(opts) {
        try {
          return { obs: await env.reset(opts.seed) };
        } catch (e) {
          throw envFault(envId, e);
        }
      },
      async step(actions) {
        try {
          return await env.step(actions);
        } catch (e) {
          throw envFault(envId, e);
        }
      },
      close() {},
    };
  };
}

/** A custom env opened for grading: the sandboxed env, the agent's spec from its spaces, and the runner's vector env. */
export interface GradingEnv {
  env: SandboxedEnv;
  spec: PolicySpec;
  vecEnv: (numEnvs: number) => EpisodeVectorEnv;
}

/**
 * Opens a custom env for an evaluation with `instances` envs (the batch size) and the agent's limits;
 * a module that fails to load is a runtime_error naming the env (its owner's fault, not the agent's).
 */
export async function openGradingEnv(
  source: CustomEnvSource,
  envId: string,
  options: CustomEnvOptions & { instances: number; maxEpisodeSteps?: number },
): Promise<GradingEnv> {
  let env: SandboxedEnv;
  try {
    env = await openCustomEnv(source, options);
  } catch (e) {
    throw envFault(envId, e);
  }
  return { env, spec: customEnvPolicySpec(env, envId), vecEnv: customEnvVector(env, envId) };
}
