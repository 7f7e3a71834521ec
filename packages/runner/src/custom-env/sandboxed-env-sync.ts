import {
  type Action,
  type Env,
  type EnvSpec,
  type Frame,
  frameProblem,
  type JsonSpaceSpec,
  type Observation,
  type ResetOptions,
  type ResetResult,
  type Space,
  type StepResult,
  spaceFromSpec,
  TimeLimit,
} from '@critic/envs';
import type { PreparedModule } from '../artifact/js-module';
import { DEFAULT_SANDBOX_LIMITS, resolveLimits, type SandboxLimits } from '../limits';
import { RunnerError } from '../verdict';
import { EnvSandbox, EnvThrewError } from './env-sandbox';

/** Options of `openSandboxedEnvSync`. */
export interface SandboxedEnvSyncOptions {
  /** Envs made (each from its own module instance); they share one isolate. */
  instances: number;
  /** Per-call time and isolate heap limits; defaults: DEFAULT_SANDBOX_LIMITS. */
  limits?: Partial<SandboxLimits>;
  /** Episodes are truncated after this many steps (Gymnasium's TimeLimit); none when absent. */
  maxEpisodeSteps?: number;
  /** The env id written into each env's `spec` (e.g. `custom/line-walk`). */
  envId?: string;
}

/** Frames per second a custom env's replay is drawn at (the env declares none). */
const CUSTOM_ENV_RENDER_FPS = 30;

/** One env instance of the sandbox behind the synchronous Gymnasium `Env` API. */
class SandboxBackedEnv implements Env<Observation, Action> {
  readonly metadata = { renderFps: CUSTOM_ENV_RENDER_FPS };

  constructor(
    private readonly sandbox: EnvSandbox,
    private readonly index: number,
    readonly observationSpace: Space<Observation>,
    readonly actionSpace: Space<Action>,
    readonly spec: EnvSpec,
    private readonly onClose: () => void,
  ) {}

  reset(opts: ResetOptions = {}): ResetResult<Observation> {
    const what = opts.seed === undefined ? 'reset()' : `reset({ seed: ${opts.seed} })`;
    const r = this.call('reset', [opts.seed === undefined ? {} : { seed: opts.seed }]);
    if (r === null || typeof r !== 'object' || !('obs' in r)) {
      throw envError(`${what} did not return { obs, info }`);
    }
    return { obs: this.observation(r.obs, what), info: {} };
  }

  step(action: Action): StepResult<Observation> {
    const arg = typeof action === 'number' ? action : Float32Array.from(action);
    const r = this.call('step', [arg]);
    if (r === null || typeof r !== 'object') {
      throw envError('step() did not return { obs, reward, terminated, truncated, info }');
    }
    const { reward, terminated, truncated } = r as Record<string, unknown>;
    if (typeof reward !== 'number' || !Number.isFinite(reward)) {
      throw envError(`step() returned reward ${String(reward)}; rewards must be finite numbers`);
    }
    if (typeof terminated !== 'boolean' || typeof truncated !== 'boolean') {
      throw envError(
        `step() must return booleans terminated and truncated, found ${typeof terminated} and ${typeof truncated}`,
      );
    }
    const obs = this.observation((r as { obs?: unknown }).obs, 'step()');
    return { obs, reward, terminated, truncated, info: {} };
  }

  render(): Frame {
    const frame = this.call('render', []);
    const problem = frameProblem(frame);
    if (problem) throw envError(`render() returned an invalid frame: ${problem}`);
    return frame as Frame;
  }

  close(): void {
    this.onClose();
  }

  /** Calls the env's method in the isolate; an exception of the env becomes a runtime_error naming the method. */
  private call(method: 'reset' | 'step' | 'render', args: unknown[]): unknown {
    try {
      return this.sandbox.call(this.index, method, args);
    } catch (e) {
      if (e instanceof EnvThrewError) throw envError(`${method}() threw ${e.name}: ${e.message}`);
      throw e;
    }
  }

  /** The observation as the algorithms take it (a number or a Float32Array), checked against the space. */
  private observation(raw: unknown, what: string): Observation {
    const obs =
      typeof raw === 'number'
        ? raw
        : ArrayBuffer.isView(raw) || Array.isArray(raw)
          ? Float32Array.from(raw as ArrayLike<number>)
          : raw;
    if (!this.observationSpace.contains(obs)) {
      const shown =
        typeof obs === 'number'
          ? String(obs)
          : obs instanceof Float32Array
            ? `[${Array.from(obs.subarray(0, 8)).join(', ')}]`
            : typeof raw;
      throw envError(`${what} returned an observation outside the observation space: ${shown}`);
    }
    return obs as Observation;
  }
}

function envError(message: string): RunnerError {
  return new RunnerError({ verdict: 'runtime_error', message });
}

/**
 * Opens a custom env module (prepared by `prepareCustomEnv`) as `instances` synchronous Gymnasium-style
 * envs, for @critic/core's learners (e.g. wrapped in `SyncVectorEnv`). The env's code runs in one
 * isolated-vm isolate IN THE CALLING PROCESS, with the per-call limits of `limits`; an env fault is a
 * RunnerError(runtime_error | time_limit | memory_limit) naming the method. Closing every returned env
 * disposes the isolate.
 *
 * Call it only in a dedicated child process (e.g. the grader's training child), never in a worker or
 * web process: a synchronous isolate call blocks the event loop for up to the per-call time limit.
 */
export function openSandboxedEnvSync(
  module: PreparedModule,
  options: SandboxedEnvSyncOptions,
): Env<Observation, Action>[] {
  if (!Number.isSafeInteger(options.instances) || options.instances < 1) {
    throw new RangeError(
      `openSandboxedEnvSync: instances must be a positive integer, found ${options.instances}`,
    );
  }
  const limits = resolveLimits(DEFAULT_SANDBOX_LIMITS, options.limits, 'SandboxLimits');
  const sandbox = EnvSandbox.create(module, options.instances, limits);
  try {
    const d = sandbox.declaration;
    let observationSpace: Space<Observation>;
    let actionSpace: Space<Action>;
    try {
      observationSpace = spaceFromSpec(d.observationSpace as JsonSpaceSpec) as Space<Observation>;
      actionSpace = spaceFromSpec(d.actionSpace as JsonSpaceSpec) as Space<Action>;
    } catch (e) {
      throw envError(`the env's spaces are invalid: ${e instanceof Error ? e.message : String(e)}`);
    }
    const spec: EnvSpec = {
      id: options.envId ?? 'custom/env',
      maxEpisodeSteps: options.maxEpisodeSteps,
      rewardThreshold: undefined,
      nondeterministic: false,
    };
    let open = options.instances;
    const closeOne = () => {
      open -= 1;
      if (open === 0) sandbox.dispose();
    };
    return Array.from({ length: options.instances }, (_, i) => {
      let closed = false;
      const env = new SandboxBackedEnv(sandbox, i, observationSpace, actionSpace, spec, () => {
        if (closed) return;
        closed = true;
        closeOne();
      });
      return options.maxEpisodeSteps === undefined ? env : new TimeLimit(env, options.maxEpisodeSteps);
    });
  } catch (e) {
    sandbox.dispose();
    throw e;
  }
}
