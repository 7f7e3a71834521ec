import { make } from '@critic/envs';
import type { PolicyArtifact, PreparedPolicy } from '../artifact/policy-artifact';
import { openPolicy } from '../host/open-policy';
import type { ArtifactLimits, SandboxLimits } from '../limits';
import type { RunnerLogger } from '../logger';
import type { PythonRunOptions } from '../python/python-agent';
import { policySpecFromSpaces } from '../spec';
import type { EpisodeProgress } from './evaluate-episodes';
import { evaluateSplits, type SplitPlan, type SplitResult } from './evaluate-splits';
import type { BootstrapOptions } from './statistics';

/** Options of `evaluateArtifact`. */
export interface EvaluateArtifactOptions<S extends string> {
  /** Registered env id; the policy must fit its spaces. */
  envId: string;
  /** Splits in order (e.g. the public seeds for `critic eval`, public + private in the grader). */
  splits: readonly SplitPlan<S>[];
  /** Most episodes stepped together (default: the largest split, capped at 256). */
  maxBatch?: number;
  /** Sandbox limits (the assignment's, in the grader). */
  limits?: Partial<SandboxLimits>;
  /** Artifact limits used when validating. */
  artifactLimits?: Partial<ArtifactLimits>;
  /** Episodes done over all splits. */
  onProgress?: (progress: EpisodeProgress) => void;
  /** Aborts between steps. */
  signal?: AbortSignal;
  /** Bootstrap settings. */
  bootstrap?: BootstrapOptions;
  /** Receives the sandbox's diagnostics. */
  logger?: RunnerLogger;
  /** Python agents: sandbox limits, and `unsandboxed` (only `critic eval --unsandboxed`). */
  python?: PythonRunOptions;
}

/**
 * Validates an agent artifact against the env, opens it in a sandbox child, runs every split and
 * closes the child: what the grader does for an agent submission and what `critic eval` does at
 * home, so both give the same score for the same seeds. Rejects with a RunnerError for the student's failures.
 */
export async function evaluateArtifact<S extends string>(
  artifact: PolicyArtifact | PreparedPolicy,
  options: EvaluateArtifactOptions<S>,
): Promise<SplitResult<S>[]> {
  const env = make(options.envId);
  const spec = policySpecFromSpaces(options.envId, env.observationSpace, env.actionSpace);
  env.close();
  const largest = Math.max(1, ...options.splits.map((s) => s.seeds.length));
  const policy = await openPolicy(artifact, spec, {
    batchSize: Math.min(largest, options.maxBatch ?? 256),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.artifactLimits ? { artifactLimits: options.artifactLimits } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.python ? { python: options.python } : {}),
  });
  try {
    return await evaluateSplits(policy, {
      envId: options.envId,
      splits: options.splits,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.bootstrap ? { bootstrap: options.bootstrap } : {}),
    });
  } finally {
    await policy.close();
  }
}
