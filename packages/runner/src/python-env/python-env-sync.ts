import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type PythonEnvDescription,
  type PythonEnvOptions,
  pythonSpace,
  type VectorEnv,
  type VectorResetResult,
  type VectorStepResult,
} from '@critic/envs';
import { encodeFrame, FrameDecoder, type FrameValue, isNdArray, ndF64 } from '../python/framing';
import { PythonSandbox } from '../python/python-sandbox';
import { type SubmissionDir, writeSubmissionDir } from '../python/submission-dir';
import { DEFAULT_PYTHON_ENV_LIMITS } from './python-env-process';

/**
 * A synchronous pipe to an env child: frames written and read with blocking fs calls on two FIFOs,
 * for core's trainers (which step synchronously). For registered (trusted) envs only: there is no
 * per-request CPU watch here, only the sandbox's RLIMIT_CPU and the caller's wall clock.
 */
class SyncChannel {
  private readonly decoder = new FrameDecoder();
  private readonly buf = Buffer.alloc(1 << 20);

  constructor(
    private readonly toChild: number,
    private readonly fromChild: number,
  ) {}

  request(value: FrameValue): FrameValue {
    const frame = encodeFrame(value);
    for (let at = 0; at < frame.length; ) at += writeSync(this.toChild, frame, at);
    for (;;) {
      const n = readSync(this.fromChild, this.buf, 0, this.buf.length, null);
      if (n === 0) throw new Error('the env child closed its channel');
      const [reply] = this.decoder.push(Buffer.from(this.buf.subarray(0, n)));
      if (reply !== undefined) {
        const r = reply as { ok: boolean; result?: FrameValue; failure?: { message?: string } };
        if (!r.ok) throw new Error(`the env child failed: ${r.failure?.message ?? 'unknown failure'}`);
        return r.result ?? null;
      }
    }
  }
}

/**
 * `numEnvs` copies of a Python-backed registered env (MuJoCo, Atari) as a synchronous `VectorEnv`
 * with Gymnasium 1.x next-step autoreset, stepped in one sandboxed env child over FIFOs: what
 * `@critic/core`'s PPO trains on (`reset({ seed })` seeds sub-env i with seed + i).
 */
export function openPythonVectorEnvSync(
  envId: string,
  numEnvs: number,
  o: { options?: PythonEnvOptions } = {},
): Promise<VectorEnv> {
  return PythonVectorEnvSync.open(envId, numEnvs, o.options ?? {});
}

class PythonVectorEnvSync implements VectorEnv {
  readonly singleObservationSpace: VectorEnv['singleObservationSpace'];
  readonly singleActionSpace: VectorEnv['singleActionSpace'];
  readonly obsSize: number;
  readonly actionSize: number;
  private readonly returns: Float64Array;
  private readonly lengths: Int32Array;
  private readonly done: Uint8Array;

  private constructor(
    readonly numEnvs: number,
    private readonly channel: SyncChannel,
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

  static async open(envId: string, numEnvs: number, options: PythonEnvOptions): Promise<PythonVectorEnvSync> {
    const fifoDir = mkdtempSync(join(tmpdir(), 'critic-fifo-'));
    const inPath = join(fifoDir, 'in');
    const outPath = join(fifoDir, 'out');
    execFileSync('mkfifo', ['-m', '0600', inPath, outPath]);
    // O_RDWR opens of a FIFO do not block (Linux); the child gets its own copies as stdin/stdout.
    const fds = [
      openSync(inPath, 'r+'),
      openSync(outPath, 'r+'),
      openSync(inPath, 'r+'),
      openSync(outPath, 'r+'),
    ];
    const [childIn, childOut, toChild, fromChild] = fds as [number, number, number, number];
    let dir: SubmissionDir | undefined;
    let sandbox: PythonSandbox | undefined;
    const cleanup = async () => {
      await sandbox?.close();
      for (const fd of fds) {
        try {
          closeSync(fd);
        } catch {}
      }
      rmSync(fifoDir, { recursive: true, force: true });
      await dir?.remove();
    };
    try {
      dir = await writeSubmissionDir({});
      sandbox = await PythonSandbox.start({
        mode: 'env',
        submissionDir: dir.dir,
        totalCpuMs: DEFAULT_PYTHON_ENV_LIMITS.totalCpuMs,
        consoleBytes: 16 * 1024,
        limits: { addressSpaceMb: DEFAULT_PYTHON_ENV_LIMITS.addressSpaceMb },
        env: { MUJOCO_GL: 'osmesa', PYOPENGL_PLATFORM: 'osmesa' },
        channel: { stdin: childIn, stdout: childOut },
      });
      const channel = new SyncChannel(toChild, fromChild);
      const description = channel.request({
        op: 'open',
        envId,
        numEnvs,
        options: { ...options } as FrameValue,
        autoreset: true,
      }) as unknown as PythonEnvDescription;
      return new PythonVectorEnvSync(numEnvs, channel, cleanup, description);
    } catch (e) {
      await cleanup();
      throw e;
    }
  }

  reset(opts: { seed?: number | readonly number[] } = {}): VectorResetResult {
    const base = opts.seed ?? Math.floor(Math.random() * 2 ** 31);
    const seeds = Array.from({ length: this.numEnvs }, (_, i) =>
      typeof base === 'number' ? base + i : base[i]!,
    );
    const r = this.channel.request({
      op: 'reset',
      seeds: { dtype: 'i64', shape: [this.numEnvs], data: new BigInt64Array(seeds.map((s) => BigInt(s))) },
    }) as { obs: unknown };
    this.returns.fill(0);
    this.lengths.fill(0);
    this.done.fill(0);
    return { obs: this.observations(r.obs) };
  }

  step(actions: ArrayLike<number>): VectorStepResult {
    const a = Float64Array.from(actions);
    const r = this.channel.request({
      op: 'step',
      actions: ndF64(a, [this.numEnvs, this.actionSize]),
    }) as Record<string, unknown>;
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

  close(): void {
    void this.cleanup();
  }

  private observations(obs: unknown): Float32Array {
    if (!isNdArray(obs)) throw new Error('the env child answered without observations');
    return Float32Array.from(obs.data as ArrayLike<number>);
  }
}
