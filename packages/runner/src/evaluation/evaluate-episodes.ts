import { makeVec, type VectorEnv, type VectorResetResult, type VectorStepResult } from '@critic/envs';
import type { Policy } from '../host/open-policy';
import { type ActionSpec, policySpecFromSpaces } from '../spec';
import { RunnerError } from '../verdict';
import { actionRng, sampleSoftmax } from './action-sampling';
import { assertEpisodeSeeds } from './public-seeds';

/** What the evaluation needs of a policy (an opened `Policy`, or anything that acts the same way). */
export type EpisodePolicy = Pick<
  Policy,
  'actBatch' | 'reset' | 'batchSize' | 'obsSize' | 'actionSize' | 'output'
>;

/** One finished episode: with its seed and actions, `replayEpisode` reproduces it exactly. */
export interface EpisodeRecord {
  /** Position in the split (0-based). */
  index: number;
  /** Seed passed to `env.reset({ seed })`. */
  seed: number;
  /** Undiscounted return: the rewards summed in step order (float64). */
  return: number;
  /** Steps taken. */
  length: number;
  /** The episode ended in a terminal state. */
  terminated: boolean;
  /** The episode was cut by the time limit. */
  truncated: boolean;
  /** The action of every step: an integer for a discrete space, a vector for a Box. */
  actions: number[] | number[][];
}

/** What the runner steps: a registered env's `VectorEnv`, or a sandboxed custom env (whose calls are async). */
export interface EpisodeVectorEnv {
  readonly singleObservationSpace: VectorEnv['singleObservationSpace'];
  readonly singleActionSpace: VectorEnv['singleActionSpace'];
  /** Floats per observation. */
  readonly obsSize: number;
  /** Resets sub-env i with `seed[i]`. */
  reset(opts: { seed: number[] }): VectorResetResult | Promise<VectorResetResult>;
  /** One step of every sub-env (numEnvs × actionSize actions). */
  step(
    actions: Float64Array,
  ): Omit<VectorStepResult, 'episodes'> | Promise<Omit<VectorStepResult, 'episodes'>>;
  close(): void | Promise<void>;
}

/** Episodes done so far (reported after each episode ends). */
export interface EpisodeProgress {
  done: number;
  total: number;
}

/** Options of `runEpisodes`. */
export interface RunEpisodesOptions {
  /** Registered env id, e.g. `CartPole-v1`. */
  envId: string;
  /** One seed per episode; episode i is exactly `make(envId).reset({ seed: seeds[i] })` and what follows. */
  seeds: readonly number[];
  /** Called after each finished episode. */
  onProgress?: (progress: EpisodeProgress) => void;
  /** Aborts between steps (the promise rejects with the signal's reason). */
  signal?: AbortSignal;
  /** Safety stop for envs without a time limit: more steps than this in one episode is an error; default 100,000. */
  maxEpisodeSteps?: number;
  /** Makes the vector env of a batch instead of `makeVec(envId, n)` (a sandboxed custom env). */
  vecEnv?: (numEnvs: number) => EpisodeVectorEnv | Promise<EpisodeVectorEnv>;
}

interface Batch {
  start: number;
  seeds: readonly number[];
}

/** A copy of the runner's invalid_action naming the split's episode, its seed and the step. */
function locateInvalidAction(e: RunnerError, batch: Batch, step: number): RunnerError {
  const m = /^episode (\d+): (.*)$/s.exec(e.message);
  const row = m ? Number(m[1]) : undefined;
  const detail = m ? m[2]! : e.message;
  const where =
    row !== undefined && row < batch.seeds.length
      ? `episode ${batch.start + row} (seed ${batch.seeds[row]}), step ${step}`
      : `step ${step}`;
  return new RunnerError({ ...e.toReport(), message: `${where}: ${detail}` });
}

function invalidAction(where: string, detail: string, expected: string, found: string): RunnerError {
  return new RunnerError({ verdict: 'invalid_action', message: `${where}: ${detail}`, expected, found });
}

/** A valid action for a row whose episode is over (its action is never recorded). */
function fillerAction(space: ActionSpec, out: Float64Array, row: number): void {
  if (space.type === 'discrete') {
    out[row] = space.start ?? 0;
    return;
  }
  for (let j = 0; j < space.size; j++) {
    out[row * space.size + j] = Math.min(space.high[j]!, Math.max(space.low[j]!, 0));
  }
}

/**
 * Runs one episode per seed with all episodes stepping together through a vector env and one
 * batched `actBatch` call per step (in batches of `policy.batchSize` episodes). Sub-env i is
 * ignored after its first episode ends. Greedy heads are deterministic; the `sample` head draws from
 * each episode's own PRNG (`actionRng(seed)`), so a rerun gives the same actions and returns.
 * Rejects with RunnerError(`invalid_action`) naming the episode, its seed, the step and the value,
 * or with the policy's own RunnerError (time_limit, memory_limit, runtime_error).
 */
export async function runEpisodes(
  policy: EpisodePolicy,
  options: RunEpisodesOptions,
): Promise<EpisodeRecord[]> {
  assertEpisodeSeeds(options.seeds, 'runEpisodes');
  const total = options.seeds.length;
  const records: EpisodeRecord[] = [];
  const progress = { done: 0, total };
  for (let start = 0; start < total; start += policy.batchSize) {
    const batch: Batch = { start, seeds: options.seeds.slice(start, start + policy.batchSize) };
    // Every episode starts from a reset agent (js-agents keep one instance per row across batches and splits).
    await policy.reset(batch.seeds.map((_, i) => i));
    const vec: EpisodeVectorEnv = options.vecEnv
      ? await options.vecEnv(batch.seeds.length)
      : makeVec(options.envId, batch.seeds.length);
    try {
      records.push(...(await runBatch(policy, vec, batch, options, progress)));
    } finally {
      await vec.close();
    }
  }
  return records;
}

async function runBatch(
  policy: EpisodePolicy,
  vec: EpisodeVectorEnv,
  batch: Batch,
  options: RunEpisodesOptions,
  progress: { done: number; total: number },
): Promise<EpisodeRecord[]> {
  const m = batch.seeds.length;
  const space = policySpecFromSpaces(options.envId, vec.singleObservationSpace, vec.singleActionSpace).action;
  if (vec.obsSize !== policy.obsSize) {
    throw new RangeError(
      `runEpisodes: ${options.envId} observations have ${vec.obsSize} values, the policy takes ${policy.obsSize}`,
    );
  }
  const width = space.type === 'discrete' ? 1 : space.size;
  const sampled = policy.output === 'logits';
  if (sampled && space.type !== 'discrete') {
    throw new RangeError('runEpisodes: a logits (sample) head needs a Discrete action space');
  }
  const expectedWidth = sampled && space.type === 'discrete' ? space.n : width;
  if (policy.actionSize !== expectedWidth) {
    throw new RangeError(
      `runEpisodes: the policy returns ${policy.actionSize} values per row, expected ${expectedWidth}`,
    );
  }
  const maxSteps = options.maxEpisodeSteps ?? 100_000;
  const rngs = sampled ? batch.seeds.map(actionRng) : [];
  const obs = Float32Array.from((await vec.reset({ seed: [...batch.seeds] })).obs);
  const active = new Uint8Array(m).fill(1);
  const returns = new Float64Array(m);
  const ended: { terminated: boolean; truncated: boolean }[] = new Array(m);
  const actions: (number | number[])[][] = batch.seeds.map(() => []);
  const stepActions = new Float64Array(m * width);
  let remaining = m;
  let lastActive = m - 1;
  for (let t = 0; remaining > 0; t++) {
    options.signal?.throwIfAborted();
    if (t >= maxSteps)
      throw new Error(`runEpisodes: an episode of ${options.envId} ran past ${maxSteps} steps`);
    const rows = lastActive + 1;
    let out: Float32Array | Float64Array;
    try {
      out = await policy.actBatch(rows === m ? obs : obs.slice(0, rows * vec.obsSize), rows);
    } catch (e) {
      if (e instanceof RunnerError && e.verdict === 'invalid_action') throw locateInvalidAction(e, batch, t);
      throw e;
    }
    for (let i = 0; i < m; i++) {
      if (!active[i]) {
        fillerAction(space, stepActions, i);
        continue;
      }
      const where = `episode ${batch.start + i} (seed ${batch.seeds[i]}), step ${t}`;
      if (space.type === 'discrete') {
        const lo = space.start ?? 0;
        let a: number;
        if (sampled) {
          const j = sampleSoftmax(out, i * space.n, space.n, rngs[i]!);
          if (j < 0) {
            const logits = Array.from(out.subarray(i * space.n, (i + 1) * space.n)).join(', ');
            throw invalidAction(where, `the logits [${logits}] are not all finite`, 'finite logits', logits);
          }
          a = lo + j;
        } else {
          a = out[i]!;
          if (!Number.isInteger(a) || a < lo || a >= lo + space.n) {
            throw invalidAction(
              where,
              `action ${a} is not in Discrete(${space.n}${lo ? `, start=${lo}` : ''})`,
              `an integer in [${lo}, ${lo + space.n - 1}]`,
              String(a),
            );
          }
        }
        stepActions[i] = a;
        actions[i]!.push(a);
      } else {
        const vecAction: number[] = [];
        for (let j = 0; j < width; j++) {
          const v = out[i * width + j]!;
          if (!Number.isFinite(v))
            throw invalidAction(where, `action[${j}] is ${v}`, 'a finite number', String(v));
          stepActions[i * width + j] = v;
          vecAction.push(v);
        }
        actions[i]!.push(vecAction);
      }
    }
    const step = await vec.step(stepActions);
    for (let i = 0; i <= lastActive; i++) {
      if (!active[i]) continue;
      returns[i] = returns[i]! + step.rewards[i]!;
      const terminated = step.terminated[i] === 1;
      const truncated = step.truncated[i] === 1;
      if (terminated || truncated) {
        active[i] = 0;
        ended[i] = { terminated, truncated };
        remaining--;
        progress.done++;
        options.onProgress?.({ ...progress });
      }
    }
    while (lastActive >= 0 && !active[lastActive]) lastActive--;
    obs.set(step.obs);
  }
  return batch.seeds.map((seed, i) => ({
    index: batch.start + i,
    seed,
    return: returns[i]!,
    length: actions[i]!.length,
    terminated: ended[i]!.terminated,
    truncated: ended[i]!.truncated,
    actions: actions[i] as number[] | number[][],
  }));
}
