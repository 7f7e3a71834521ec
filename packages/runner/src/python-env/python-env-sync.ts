import {
  type PythonEnvDescription,
  pythonSpace,
  type VectorEnv,
  type VectorResetResult,
  type VectorStepResult,
} from '@critic/envs';
import { type FrameValue, isNdArray, ndF64 } from '../python/framing';
import { writeSubmissionDir } from '../python/submission-dir';
import { SyncChannel } from '../python/sync-channel';
import { RunnerError } from '../verdict';
import { envSandboxOptions } from './env-sandbox';
import {
  DEFAULT_PYTHON_ENV_LIMITS,
  type PythonEnvLimits,
  type PythonEnvProcessOptions,
} from './python-env-process';

/** Options of `openPythonVectorEnvSync`: those of an env child, less the number of envs. */
export type PythonVectorEnvSyncOptions = Omit<PythonEnvProcessOptions, 'numEnvs'>;

/** A synchronous vector env over a Python env child. */
export interface PythonSyncVectorEnv extends VectorEnv {
  /** Closes it (as close()) and resolves once the child has stopped and its folders are removed. */
  closeAndWait(): Promise<void>;
}

/**
 * `numEnvs` copies of a Python env as a synchronous `VectorEnv` with Gymnasium 1.x next-step
 * autoreset, stepped in one sandboxed env child over a synchronous channel: what `@critic/core`'s
 * trainers train on (`reset({ seed })` seeds sub-env i with seed + i). A registered env (MuJoCo,
 * Atari) by its id, or a group's env.py (`files` and `custom`, with the custom env limits the caller
 * passes). Each reset and step is one request under `limits.stepCpuMs` of CPU time; the env's
 * failures, a limit it passes included, throw RunnerError.
 */
export async function openPythonVectorEnvSync(
  envId: string,
  numEnvs: number,
  o: PythonVectorEnvSyncOptions = {},
): Promise<PythonSyncVectorEnv> {
  const limits = { ...DEFAULT_PYTHON_ENV_LIMITS, ...o.limits };
  const dir = await writeSubmissionDir(o.files ?? {});
  let channel: SyncChannel | undefined;
  const cleanup = async () => {
    await channel?.close();
    await dir.remove();
  };
  try {
    channel = await SyncChannel.open(envSandboxOptions(dir.dir, limits, o));
    const description = channel.request(
      {
        op: 'open',
        envId,
        numEnvs,
        options: { ...o.options } as FrameValue,
        autoreset: true,
        ...(o.custom ? { custom: true, maxEpisodeSteps: o.custom.maxEpisodeSteps } : {}),
      },
      { cpuMs: limits.openCpuMs, what: `making ${envId}` },
    ) as unknown as PythonEnvDescription;
    return new PythonVectorEnvSync(numEnvs, channel, limits, cleanup, description);
  } catch (e) {
    await cleanup();
    throw e;
  }
}

class PythonVectorEnvSync implements PythonSyncVectorEnv {
  readonly singleObservationSpace: VectorEnv['singleObservationSpace'];
  readonly singleActionSpace: VectorEnv['singleActionSpace'];
  readonly obsSize: number;
  readonly actionSize: number;
  private readonly returns: Float64Array;
  private readonly lengths: Int32Array;
  private readonly done: Uint8Array;

  constructor(
    readonly numEnvs: number,
    private readonly channel: SyncChannel,
    private readonly limits: PythonEnvLimits,
    private readonly cleanup: () => Promise<void>,
    readonly description: PythonEnvDescription,
  ) {
    this.singleObservationSpace = pythonSpace(
      description.observationSpace,
    ) as VectorEnv['singleObservationSpace'];
    this.singleActionSpace = pythonSpace(description.actionSpace) as VectorEnv['singleActionSpace'];
    const obs = this.singleObservationSpace.toSpec();
    this.obsSize = obs.type === 'Discrete' ? 1 : obs.low.length;
    const act = this.singleActionSpace.toSpec();
    this.actionSize = act.type === 'Discrete' ? 1 : act.low.length;
    this.returns = new Float64Array(numEnvs);
    this.lengths = new Int32Array(numEnvs);
    this.done = new Uint8Array(numEnvs);
  }

  reset(opts: { seed?: number | readonly number[] } = {}): VectorResetResult {
    const base = opts.seed ?? Math.floor(Math.random() * 2 ** 31);
    const seeds = Array.from({ length: this.numEnvs }, (_, i) =>
      typeof base === 'number' ? base + i : base[i]!,
    );
    const r = this.channel.request(
      {
        op: 'reset',
        seeds: { dtype: 'i64', shape: [this.numEnvs], data: new BigInt64Array(seeds.map((s) => BigInt(s))) },
      },
      { cpuMs: this.limits.stepCpuMs, what: 'env.reset()' },
    ) as { obs: unknown };
    this.returns.fill(0);
    this.lengths.fill(0);
    this.done.fill(0);
    return { obs: this.observations(r.obs) };
  }

  step(actions: ArrayLike<number>): VectorStepResult {
    const a = Float64Array.from(actions);
    const r = this.channel.request(
      { op: 'step', actions: ndF64(a, [this.numEnvs, this.actionSize]) },
      { cpuMs: this.limits.stepCpuMs, what: 'env.step()' },
    ) as Record<string, unknown>;
    const { rewards, terminated, truncated } = r;
    if (!(isNdArray(rewards) && isNdArray(terminated) && isNdArray(truncated)))
      throw new Error('the env child answered step with a malformed batch');
    const rew = rewards.data as Float64Array;
    const term = terminated.data as Uint8Array;
    const trunc = truncated.data as Uint8Array;
    const episodes: { env: number; return: number; length: number }[] = [];
    for (let i = 0; i < this.numEnvs; i++) {
      if (this.done[i]) {
        // This step reset sub-env i (next-step autoreset): a fresh episode starts.
        this.done[i] = 0;
        this.returns[i] = 0;
        this.lengths[i] = 0;
        continue;
      }
      this.returns[i] = this.returns[i]! + rew[i]!;
      this.lengths[i] = this.lengths[i]! + 1;
      if (term[i] || trunc[i]) {
        this.done[i] = 1;
        episodes.push({ env: i, return: this.returns[i]!, length: this.lengths[i]! });
      }
    }
    return { obs: this.observations(r.obs), rewards: rew, terminated: term, truncated: trunc, episodes };
  }

  private closing: Promise<void> | undefined;

  close(): void {
    void this.closeAndWait();
  }

  closeAndWait(): Promise<void> {
    this.closing ??= this.cleanup();
    return this.closing;
  }

  /** The observations as float32, refused (the env's fault) when they do not fill its observation space. */
  private observations(obs: unknown): Float32Array {
    if (!isNdArray(obs)) throw new Error('the env child answered without observations');
    const expected = this.numEnvs * this.obsSize;
    if (obs.data.length !== expected) {
      throw new RunnerError({
        verdict: 'runtime_error',
        message: `the env returned ${obs.data.length / this.numEnvs} observation values per env where its observation space holds ${this.obsSize}`,
      });
    }
    return Float32Array.from(obs.data as ArrayLike<number>);
  }
}
