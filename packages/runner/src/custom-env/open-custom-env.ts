import { type CheckEnvOptions, type Frame, spaceFromSpec } from '@critic/envs';
import { type PreparedModule, prepareModule } from '../artifact/js-module';
import { SandboxProcess } from '../host/sandbox-process';
import {
  DEFAULT_ARTIFACT_LIMITS,
  DEFAULT_SANDBOX_LIMITS,
  resolveLimits,
  type SandboxLimits,
} from '../limits';
import { type RunnerLogger, silentRunnerLogger } from '../logger';
import { RunnerError } from '../verdict';
import type { CustomEnvReport, CustomEnvSpaces, EnvCall, EnvStepBatch } from './protocol';

/** A custom environment module as uploaded. */
export interface CustomEnvSource {
  /** The JS/TS ES module exporting `createEnv()`. */
  source: string;
  /** Its file name (decides JS vs TS); default `env.ts`: a stored env is run as TypeScript, which accepts plain JS. */
  filename?: string;
}

/** Options shared by everything that runs a custom env. */
export interface CustomEnvOptions {
  /** The agent's sandbox limits (memory, per-call time, wall clock); defaults: DEFAULT_SANDBOX_LIMITS. */
  limits?: Partial<SandboxLimits>;
  /** Largest accepted source, in bytes (default: DEFAULT_ARTIFACT_LIMITS.maxSourceBytes). */
  maxSourceBytes?: number;
  /** Receives diagnostics (the child's stderr when it crashes). */
  logger?: RunnerLogger;
}

/** The export every custom env module must have. */
export const CUSTOM_ENV_EXPORT = 'createEnv';

/** Transpiles a custom env module (no imports, must export `createEnv`) without running it. */
export function prepareCustomEnv(env: CustomEnvSource, maxSourceBytes?: number): Promise<PreparedModule> {
  return prepareModule(env.source, {
    filename: env.filename ?? 'env.ts',
    requiredExports: [CUSTOM_ENV_EXPORT],
    maxSourceBytes: maxSourceBytes ?? DEFAULT_ARTIFACT_LIMITS.maxSourceBytes,
  });
}

/** An opened custom env: `instances` envs in their own sandbox child, driven over IPC. */
export class SandboxedEnv {
  private constructor(
    private readonly child: SandboxProcess,
    /** The env's spaces as JSON-safe specs (empty for an env opened only to be checked). */
    readonly spaces: CustomEnvSpaces | undefined,
    /** Envs in the child (most episodes stepped together). */
    readonly instances: number,
  ) {}

  /** Starts a child and makes `instances` envs in it; rejects with the RunnerError of the module's load. */
  static async open(
    env: CustomEnvSource,
    instances: number,
    options: CustomEnvOptions & { maxEpisodeSteps?: number; readSpaces?: boolean },
  ): Promise<SandboxedEnv> {
    const limits = resolveLimits(DEFAULT_SANDBOX_LIMITS, options.limits, 'SandboxLimits');
    const module = await prepareCustomEnv(env, options.maxSourceBytes);
    const child = await SandboxProcess.start({
      limits,
      logger: options.logger ?? silentRunnerLogger,
    });
    try {
      await child.request({
        op: 'open',
        open: {
          kind: 'custom-env',
          module,
          instances,
          limits,
          ...(options.maxEpisodeSteps === undefined ? {} : { maxEpisodeSteps: options.maxEpisodeSteps }),
        },
      });
      if (options.readSpaces === false) return new SandboxedEnv(child, undefined, instances);
      const spaces = (await child.request({ op: 'env', call: { type: 'spaces' } })).result as CustomEnvSpaces;
      // The child ran the env's code: rebuild the spaces here to be sure they are valid specs.
      spaceFromSpec(spaces.observationSpace);
      spaceFromSpec(spaces.actionSpace);
      return new SandboxedEnv(child, spaces, instances);
    } catch (e) {
      await child.close();
      throw e;
    }
  }

  /** Runs the checker over env 0 (use a fresh SandboxedEnv of one instance). */
  async check(options: CheckEnvOptions): Promise<CustomEnvReport> {
    return (await this.call({ type: 'check', options })) as CustomEnvReport;
  }

  /** Resets envs 0 … seeds.length − 1 with one seed each; their observations, row by row. */
  async reset(seeds: readonly number[]): Promise<Float32Array> {
    const obs = await this.call({ type: 'reset', seeds: [...seeds] });
    if (!(obs instanceof Float32Array)) throw malformed('reset');
    return obs;
  }

  /** One step of every env reset last (envs whose episode ended are not stepped again). */
  async step(actions: Float64Array): Promise<EnvStepBatch> {
    const r = (await this.call({ type: 'step', actions })) as EnvStepBatch;
    if (!(r?.obs instanceof Float32Array && r.rewards instanceof Float64Array)) throw malformed('step');
    return r;
  }

  /** The env's own `render()` of env `index`. */
  async render(index = 0): Promise<Frame> {
    return (await this.call({ type: 'render', index })) as Frame;
  }

  /** Frames of one episode drawn by the env's own `render()`: the reset state, then one after every action. */
  async renderTrajectory(seed: number, actions: readonly (number | number[])[]): Promise<Frame[]> {
    const frames = await this.call({ type: 'trajectory', seed, actions: [...actions] });
    if (!Array.isArray(frames)) throw malformed('trajectory');
    return frames as Frame[];
  }

  /** Stops the child. Always call it. */
  close(): Promise<void> {
    return this.child.close();
  }

  private async call(call: EnvCall): Promise<unknown> {
    return (await this.child.request({ op: 'env', call })).result;
  }
}

function malformed(what: string): RunnerError {
  return new RunnerError({
    verdict: 'runtime_error',
    message: `the env sandbox returned a malformed ${what} result`,
  });
}

/** `SandboxedEnv.open`: a custom env in its own sandbox child, for the episode runner and replays. */
export function openCustomEnv(
  env: CustomEnvSource,
  options: CustomEnvOptions & { instances?: number; maxEpisodeSteps?: number },
): Promise<SandboxedEnv> {
  return SandboxedEnv.open(env, options.instances ?? 1, options);
}

/**
 * Replays a custom env's episode from its seed and actions in the sandbox and returns the frames its
 * own `render()` draws (the server sends these to the browser: the env's code never runs there).
 */
export async function renderTrajectory(
  env: CustomEnvSource,
  seed: number,
  actions: readonly (number | number[])[],
  options: CustomEnvOptions = {},
): Promise<Frame[]> {
  const opened = await openCustomEnv(env, options);
  try {
    return await opened.renderTrajectory(seed, actions);
  } finally {
    await opened.close();
  }
}
