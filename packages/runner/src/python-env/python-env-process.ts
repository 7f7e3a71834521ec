import type { PythonEnvDescription, PythonEnvOptions } from '@critic/envs';
import type { RunnerLogger } from '../logger';
import { type FrameValue, isNdArray, type NdArray, ndF64 } from '../python/framing';
import type { PythonRuntime } from '../python/python-runtime';
import { PythonSandbox } from '../python/python-sandbox';
import { type SubmissionDir, writeSubmissionDir } from '../python/submission-dir';
import { envSandboxOptions } from './env-sandbox';

/** Limits of an env child (registered Gymnasium envs: trusted code, sandboxed anyway). */
export interface PythonEnvLimits {
  /** CPU time of opening the envs (imports of gymnasium, mujoco, ale-py), in ms. */
  openCpuMs: number;
  /** CPU time of one vector step or reset of all the child's envs, in ms. */
  stepCpuMs: number;
  /** CPU time of the whole child, in ms. */
  totalCpuMs: number;
  /** RLIMIT_AS of the child, in MiB. */
  addressSpaceMb: number;
}

/** Defaults: generous (the env's code is Gymnasium's); a hang still ends by CPU time. */
export const DEFAULT_PYTHON_ENV_LIMITS: PythonEnvLimits = {
  openCpuMs: 60_000,
  stepCpuMs: 60_000,
  totalCpuMs: 6 * 60 * 60_000,
  addressSpaceMb: 8192,
};

/** Options of `PythonEnvProcess.open`. */
export interface PythonEnvProcessOptions {
  /** Envs made in the child (the most episodes it steps together). */
  numEnvs: number;
  /** Assignment options (Atari preprocessing). */
  options?: PythonEnvOptions;
  limits?: Partial<PythonEnvLimits>;
  logger?: RunnerLogger;
  runtime?: PythonRuntime;
  /** Files mounted at /submission (a group's env.py); none for a registered env. */
  files?: Record<string, Uint8Array>;
  /** A group's env.py (in `files`) instead of a registered id; episodes truncated at maxEpisodeSteps. */
  custom?: { maxEpisodeSteps: number };
}

/** What a reset or step answered, arrays as the child sent them. */
export interface PythonEnvBatch {
  /** rows × obsSize observations in the space's dtype (f64 for MuJoCo, u8 for Atari). */
  obs: NdArray;
  rewards: Float64Array;
  terminated: Uint8Array;
  truncated: Uint8Array;
}

/**
 * One Python env child: `numEnvs` Gymnasium envs in a bubblewrap sandbox (network off, read-only
 * runtime), one request per vector step. The child's failures reject with RunnerError (the env's),
 * platform problems with Error.
 */
export class PythonEnvProcess {
  private constructor(
    private readonly sandbox: PythonSandbox,
    private readonly dir: SubmissionDir,
    private readonly limits: PythonEnvLimits,
    /** The env as the runtime describes it (spaces, step limit, versions). */
    readonly description: PythonEnvDescription,
    readonly numEnvs: number,
  ) {}

  /** Starts a child and makes the envs; closes the child when that fails. */
  static async open(envId: string, o: PythonEnvProcessOptions): Promise<PythonEnvProcess> {
    const limits = { ...DEFAULT_PYTHON_ENV_LIMITS, ...o.limits };
    const dir = await writeSubmissionDir(o.files ?? {});
    let sandbox: PythonSandbox | undefined;
    try {
      sandbox = await PythonSandbox.start(envSandboxOptions(dir.dir, limits, o));
      const r = await sandbox.request(
        {
          op: 'open',
          envId,
          numEnvs: o.numEnvs,
          options: { ...o.options } as FrameValue,
          ...(o.custom ? { custom: true, maxEpisodeSteps: o.custom.maxEpisodeSteps } : {}),
        },
        { cpuMs: limits.openCpuMs, what: `making ${envId}` },
      );
      return new PythonEnvProcess(
        sandbox,
        dir,
        limits,
        r.value as unknown as PythonEnvDescription,
        o.numEnvs,
      );
    } catch (e) {
      await sandbox?.close();
      await dir.remove();
      throw e;
    }
  }

  /** Resets envs 0 … seeds.length − 1, env i with `reset(seed=seeds[i])`. */
  async reset(seeds: readonly number[]): Promise<NdArray> {
    const data = new BigInt64Array(seeds.map((s) => BigInt(s)));
    const r = await this.sandbox.request(
      { op: 'reset', seeds: { dtype: 'i64', shape: [seeds.length], data } },
      { cpuMs: this.limits.stepCpuMs, what: 'env.reset()' },
    );
    const obs = (r.value as { obs?: unknown })?.obs;
    if (!isNdArray(obs)) throw new Error('the env child answered reset without observations');
    return obs;
  }

  /** Steps the envs reset last (rows × width actions); envs whose episode ended are not stepped. */
  async step(actions: Float64Array, rows: number): Promise<PythonEnvBatch> {
    const width = actions.length / rows;
    const r = await this.sandbox.request(
      { op: 'step', actions: ndF64(actions, [rows, width]) },
      { cpuMs: this.limits.stepCpuMs, what: 'env.step()' },
    );
    const v = r.value as Record<string, unknown>;
    const { obs, rewards, terminated, truncated } = v;
    if (!(isNdArray(obs) && isNdArray(rewards) && isNdArray(terminated) && isNdArray(truncated)))
      throw new Error('the env child answered step with a malformed batch');
    return {
      obs,
      rewards: rewards.data as Float64Array,
      terminated: terminated.data as Uint8Array,
      truncated: truncated.data as Uint8Array,
    };
  }

  /**
   * `render_mode="rgb_array"` frames of one episode replayed from `reset(seed)` with `actions`: the
   * reset frame, then every `every`-th step's and the last step's. Shape (frames, height, width, 3).
   */
  async frames(seed: number, actions: Float64Array, steps: number, every = 1): Promise<NdArray> {
    const width = steps === 0 ? 1 : actions.length / steps;
    const r = await this.sandbox.request(
      { op: 'frames', seed, actions: ndF64(actions, [steps, width]), every },
      { cpuMs: this.limits.totalCpuMs, what: 'env.render()' },
    );
    const frames = (r.value as { frames?: unknown })?.frames;
    if (!isNdArray(frames)) throw new Error('the env child answered frames without frames');
    return frames;
  }

  /** CPU time of the child so far, in ms. */
  cpuMs(): number {
    return this.sandbox.cpuMs();
  }

  /** Stops the child and removes its folder. */
  async close(): Promise<void> {
    await this.sandbox.close();
    await this.dir.remove();
  }
}

/**
 * Every Python-backed registered env as the runtime describes it, read in an env child (the
 * catalogue generator and the test that checks packages/envs' static catalogue against the runtime).
 */
export async function describePythonEnvs(
  o: Pick<PythonEnvProcessOptions, 'logger' | 'runtime'> = {},
): Promise<FrameValue> {
  const dir = await writeSubmissionDir({});
  const sandbox = await PythonSandbox.start(envSandboxOptions(dir.dir, DEFAULT_PYTHON_ENV_LIMITS, o));
  try {
    return (await sandbox.request({ op: 'catalogue' }, { cpuMs: 300_000, what: 'the catalogue' })).value;
  } finally {
    await sandbox.close();
    await dir.remove();
  }
}
