import {
  type Box,
  type Discrete,
  type PythonEnvDescription,
  type PythonEnvOptions,
  pythonSpace,
} from '@critic/envs';
import { envFault } from '../custom-env/env-vector';
import type { EpisodeVectorEnv } from '../evaluation/evaluate-episodes';
import type { NdArray } from '../python/framing';
import { type PolicySpec, policySpecFromSpaces } from '../spec';
import { PythonEnvProcess, type PythonEnvProcessOptions } from './python-env-process';

/** Options of `PythonEnvPool.open`. */
export interface PythonEnvPoolOptions extends Omit<PythonEnvProcessOptions, 'numEnvs'> {
  /** Most episodes stepped together (the evaluation's batch size). */
  instances: number;
  /** Env children (each with its share of the instances), stepped in parallel; default 1. */
  processes?: number;
}

/** The episode runner's vector env over Python children, with the observations as the envs produced them. */
export interface PythonEpisodeVectorEnv extends EpisodeVectorEnv {
  /** The last reset's or step's observations in float64 (rows × obsSize), exactly as Gymnasium returned them. */
  rawObservations(): Float64Array;
}

function toFloat64(a: NdArray): Float64Array {
  return a.data instanceof Float64Array ? a.data : Float64Array.from(a.data as ArrayLike<number>);
}

/**
 * Python-backed envs for an evaluation: `processes` sandboxed children holding `instances` Gymnasium
 * envs between them. A batch's rows are split into contiguous chunks, one per child; each vector
 * step is one request per child (all children at once) and one batched `act` on the Node side.
 */
export class PythonEnvPool {
  readonly observationSpace: Box | Discrete;
  readonly actionSpace: Box | Discrete;
  readonly obsSize: number;
  readonly actionSize: number;

  private constructor(
    readonly envId: string,
    private readonly children: PythonEnvProcess[],
    readonly instances: number,
  ) {
    this.observationSpace = pythonSpace(this.description.observationSpace);
    this.actionSpace = pythonSpace(this.description.actionSpace);
    const obs = this.observationSpace.toSpec();
    this.obsSize = obs.type === 'Discrete' ? 1 : obs.low.length;
    const act = this.actionSpace.toSpec();
    this.actionSize = act.type === 'Discrete' ? 1 : act.low.length;
  }

  /** The env as the runtime described it (spaces, step limit, versions). */
  get description(): PythonEnvDescription {
    return this.children[0]!.description;
  }

  /** What the env demands of an agent. */
  get policySpec(): PolicySpec {
    return policySpecFromSpaces(this.envId, this.observationSpace, this.actionSpace);
  }

  /** Opens the children (all of them, or none: a failure closes those already open). */
  static async open(envId: string, o: PythonEnvPoolOptions): Promise<PythonEnvPool> {
    const p = Math.max(1, Math.min(o.processes ?? 1, o.instances));
    const share = Math.ceil(o.instances / p);
    const opened = await Promise.allSettled(
      Array.from({ length: p }, () => PythonEnvProcess.open(envId, { ...o, numEnvs: share })),
    );
    const children = opened.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const failed = opened.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) {
      await Promise.all(children.map((c) => c.close()));
      throw envFault(envId, failed.reason);
    }
    return new PythonEnvPool(envId, children, share * p);
  }

  /** Rows of a batch of `m` per child (contiguous, balanced). */
  private chunks(m: number): { child: PythonEnvProcess; start: number; rows: number }[] {
    const per = Math.ceil(m / this.children.length);
    const out: { child: PythonEnvProcess; start: number; rows: number }[] = [];
    for (let i = 0, start = 0; start < m; i++, start += per) {
      out.push({ child: this.children[i]!, start, rows: Math.min(per, m - start) });
    }
    return out;
  }

  /** The runner's vector env for a batch of `numEnvs` episodes (the children are reused by every batch). */
  vecEnv(numEnvs: number): PythonEpisodeVectorEnv {
    if (numEnvs > this.instances) {
      throw new RangeError(
        `PythonEnvPool: ${numEnvs} episodes in one batch, the pool has ${this.instances} envs`,
      );
    }
    const { obsSize, actionSize, envId } = this;
    const chunks = this.chunks(numEnvs);
    const obs = new Float32Array(numEnvs * obsSize);
    const raw = new Float64Array(numEnvs * obsSize);
    const rewards = new Float64Array(numEnvs);
    const terminated = new Uint8Array(numEnvs);
    const truncated = new Uint8Array(numEnvs);
    const place = (start: number, a: NdArray) => {
      const f = toFloat64(a);
      raw.set(f, start * obsSize);
      obs.set(f, start * obsSize);
    };
    return {
      singleObservationSpace: this.observationSpace,
      singleActionSpace: this.actionSpace,
      obsSize,
      async reset(opts) {
        try {
          const parts = await Promise.all(
            chunks.map((c) => c.child.reset(opts.seed.slice(c.start, c.start + c.rows))),
          );
          for (const [i, a] of parts.entries()) place(chunks[i]!.start, a);
          return { obs };
        } catch (e) {
          throw envFault(envId, e);
        }
      },
      async step(actions) {
        try {
          const parts = await Promise.all(
            chunks.map((c) =>
              c.child.step(actions.slice(c.start * actionSize, (c.start + c.rows) * actionSize), c.rows),
            ),
          );
          for (const [i, b] of parts.entries()) {
            const s = chunks[i]!.start;
            place(s, b.obs);
            rewards.set(b.rewards, s);
            terminated.set(b.terminated, s);
            truncated.set(b.truncated, s);
          }
          return { obs, rewards, terminated, truncated };
        } catch (e) {
          throw envFault(envId, e);
        }
      },
      rawObservations: () => raw,
      close() {},
    };
  }

  /** Stops every child. Always call it. */
  async close(): Promise<void> {
    await Promise.all(this.children.map((c) => c.close()));
  }
}

/** Opens a pool for an evaluation of `envId` with these options. */
export function openPythonEnvPool(
  envId: string,
  o: PythonEnvPoolOptions & { options?: PythonEnvOptions },
): Promise<PythonEnvPool> {
  return PythonEnvPool.open(envId, o);
}
