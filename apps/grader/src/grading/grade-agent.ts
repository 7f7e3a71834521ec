import type { Assignment } from '@critic/db';
import type { BlobStore } from '@critic/db/blob';
import { isPythonEnvId, make } from '@critic/envs';
import {
  CUSTOM_PYTHON_ENV_LIMITS,
  evaluateSplits,
  type GradingEnv,
  openGradingEnv,
  openPolicy,
  openPythonEnvPool,
  type PolicyArtifact,
  type PythonEnvPool,
  policySpecFromSpaces,
  publicSeeds,
  pythonEnvFiles,
  type RunnerLogger,
  type SplitPlan,
  type SplitResult,
} from '@critic/runner';
import { privateSeeds } from '../seeds/private-seeds';
import type { ConsoleCapture } from './console-capture';
import type { CustomEnvForGrading } from './custom-env-source';
import { artifactLimitsOf, pythonLimitsOf, sandboxLimitsOf } from './limits';

/** Episode splits of an agent assignment: published seeds, then HMAC-derived private seeds. */
export function agentSplits(a: Assignment): SplitPlan<'public' | 'private'>[] {
  const plans: SplitPlan<'public' | 'private'>[] = [];
  if (a.publicEpisodes > 0) plans.push({ split: 'public', seeds: publicSeeds(a.id, a.publicEpisodes) });
  if (a.privateEpisodes > 0) {
    plans.push({ split: 'private', seeds: privateSeeds(a.seedSalt, a.id, 'private', a.privateEpisodes) });
  }
  return plans;
}

/** What a registered env demands of an agent. */
function registeredSpec(envId: string) {
  const env = make(envId);
  const spec = policySpecFromSpaces(envId, env.observationSpace, env.actionSpace);
  env.close();
  return spec;
}

/** Trajectory blobs written at once. */
const TRAJECTORY_WRITES = 32;

/** A split's result, with each episode's trajectory stored in the blob store. */
export interface StoredSplit extends SplitResult<'public' | 'private'> {
  /** Blob key of each episode's `{ env, seed, actions }` JSON, by episode index. */
  trajectoryKeys: string[];
  /** The versions that produced a Python-backed env's episodes (`gymnasium 1.3.0, mujoco 3.14.0, …`). */
  envVersion?: string;
}

/** Env children of a Python-backed env (Gymnasium in the sandbox): batches of 256 over 2 processes. */
const PYTHON_ENV_PROCESSES = 2;

/** `gymnasium 1.3.0, mujoco 3.14.0, numpy 2.4.6`: what an evaluation of a Python-backed env stores. */
function pythonEnvVersion(pool: PythonEnvPool): string {
  return Object.entries(pool.description.versions)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}

/** Options of `gradeAgent`. */
export interface GradeAgentOptions {
  /** Where trajectories are stored. */
  blobs: BlobStore;
  /** Episodes done over all splits. */
  onProgress: (done: number) => void;
  /** Aborts between steps. */
  signal?: AbortSignal;
  /** Receives the sandbox's diagnostics. */
  logger: RunnerLogger;
  /** Receives the student's console output, also when the evaluation fails. */
  console: ConsoleCapture;
  /** Most episodes stepped per batch (default: all of a split, up to 256). */
  maxBatch?: number;
  /** The assignment's custom env (`loadCustomEnv`), run in its own sandbox child with the agent's limits. */
  customEnv?: CustomEnvForGrading;
}

/**
 * Runs an agent over the assignment's splits in a sandbox child with the assignment's limits and
 * stores each episode's actions. Rejects with a RunnerError for the student's failures.
 */
export async function gradeAgent(
  a: Assignment,
  artifact: PolicyArtifact,
  options: GradeAgentOptions,
): Promise<StoredSplit[]> {
  if (a.envId === null) throw new Error(`assignment ${a.id}: an agent assignment without envId`);
  const envId = a.envId;
  const splits = agentSplits(a);
  const largest = Math.max(1, ...splits.map((s) => s.seeds.length));
  const batchSize = Math.min(largest, options.maxBatch ?? 256);
  const custom = options.customEnv;
  // A custom env runs in a sandbox child of its own, with the same limits as the agent.
  const grading: GradingEnv | undefined =
    custom && custom.language === 'js'
      ? await openGradingEnv({ source: custom.source }, envId, {
          instances: batchSize,
          limits: sandboxLimitsOf(a),
          logger: options.logger,
          maxEpisodeSteps: custom.maxEpisodeSteps,
        })
      : undefined;
  // A Python-backed registered env (MuJoCo, Atari) steps in sandboxed Gymnasium children.
  const python: PythonEnvPool | undefined =
    custom?.language === 'python'
      ? // A group's env.py: untrusted, with the custom env limits, blamed on the env when it fails.
        await openPythonEnvPool(envId, {
          instances: batchSize,
          processes: PYTHON_ENV_PROCESSES,
          files: pythonEnvFiles(custom.bytes),
          custom: { maxEpisodeSteps: custom.maxEpisodeSteps },
          limits: CUSTOM_PYTHON_ENV_LIMITS,
          logger: options.logger,
        })
      : !custom && isPythonEnvId(envId)
        ? await openPythonEnvPool(envId, {
            instances: batchSize,
            processes: PYTHON_ENV_PROCESSES,
            options: a.envOptions,
            logger: options.logger,
          })
        : undefined;
  let results: SplitResult<'public' | 'private'>[];
  try {
    const spec = grading?.spec ?? python?.policySpec ?? registeredSpec(envId);
    // evaluateArtifact, opened here so the student's console output can be read before the close.
    const policy = await openPolicy(artifact, spec, {
      batchSize,
      limits: sandboxLimitsOf(a),
      artifactLimits: artifactLimitsOf(a),
      logger: options.logger,
      python: { pythonLimits: pythonLimitsOf(a) },
    });
    try {
      // One split at a time (public first), marking where the console stood when private episodes
      // began: what they print is stored apart (see ConsoleCapture.privateFrom).
      results = [];
      let before = 0;
      for (const plan of splits) {
        if (plan.split === 'private') options.console.privateFrom = policy.consoleOutput().length;
        const offset = before;
        results.push(
          ...(await evaluateSplits(policy, {
            envId,
            splits: [plan],
            onProgress: (p) => options.onProgress(offset + p.done),
            ...(options.signal ? { signal: options.signal } : {}),
            ...(grading ? { vecEnv: grading.vecEnv } : {}),
            ...(python ? { vecEnv: (n: number) => python.vecEnv(n) } : {}),
          })),
        );
        before += plan.seeds.length;
      }
    } finally {
      // Closed first: the sandbox's console pipe is then read to its end (a busy machine reads it late).
      try {
        await policy.close();
      } finally {
        options.console.output = policy.consoleOutput();
      }
    }
  } finally {
    await grading?.env.close();
    await python?.close();
  }
  const envVersion = python ? pythonEnvVersion(python) : undefined;
  const stored: StoredSplit[] = [];
  for (const r of results) {
    const trajectoryKeys: string[] = [];
    // A bounded number of writes at a time: a split may have thousands of episodes.
    for (let i = 0; i < r.episodes.length; i += TRAJECTORY_WRITES) {
      const chunk = r.episodes.slice(i, i + TRAJECTORY_WRITES).map(async (e) => {
        const json = JSON.stringify({ env: envId, seed: e.seed, actions: e.actions });
        return (await options.blobs.put(new TextEncoder().encode(json))).sha256;
      });
      trajectoryKeys.push(...(await Promise.all(chunk)));
    }
    stored.push({ ...r, trajectoryKeys, ...(envVersion ? { envVersion } : {}) });
  }
  return stored;
}
