import { type Frame, frameProblem, type JsonSpaceSpec, spaceFromSpec, spaceSpecToJson } from '@critic/envs';
import type { PreparedModule } from '../artifact/js-module';
import type { SandboxLimits } from '../limits';
import { RunnerError } from '../verdict';
import { checkSandboxedEnv } from './check-report';
import { EnvSandbox, EnvThrewError } from './env-sandbox';
import type { CustomEnvSpaces, EnvCall, EnvCallResult, EnvStepBatch } from './protocol';

/** What the child is asked to open for a custom env. */
export interface CustomEnvOpen {
  kind: 'custom-env';
  module: PreparedModule;
  /** Envs made (one per episode stepped together); 1 for a check. */
  instances: number;
  limits: SandboxLimits;
  /** Episodes are truncated after this many steps (the env's registration); none when absent. */
  maxEpisodeSteps?: number;
}

/** Most steps rendered in one trajectory. */
const MAX_TRAJECTORY_STEPS = 100_000;

/** A custom env's instances in the sandbox child: the checker, vector reset/step, and render. */
export class CustomEnvRuntime {
  private readonly sandbox: EnvSandbox;
  private spaces:
    | { obs: ReturnType<typeof spaceFromSpec>; act: ReturnType<typeof spaceFromSpec>; obsSize: number }
    | undefined;
  private readonly steps: number[];
  private readonly done: boolean[];
  private lastObs = new Float32Array(0);

  constructor(private readonly open: CustomEnvOpen) {
    this.sandbox = EnvSandbox.create(open.module, open.instances, open.limits);
    this.steps = new Array(open.instances).fill(0);
    this.done = new Array(open.instances).fill(true);
  }

  /** Answers one parent call. */
  handle(call: EnvCall): EnvCallResult {
    switch (call.type) {
      case 'check':
        return checkSandboxedEnv(this.sandbox, call.options);
      case 'spaces': {
        const s = this.readSpaces();
        return {
          observationSpace: spaceSpecToJson(s.obs.toSpec()),
          actionSpace: spaceSpecToJson(s.act.toSpec()),
        } satisfies CustomEnvSpaces;
      }
      case 'reset':
        return this.reset(call.seeds);
      case 'step':
        return this.step(call.actions);
      case 'render':
        return this.render(call.index);
      case 'trajectory':
        return this.trajectory(call.seed, call.actions);
    }
  }

  dispose(): void {
    this.sandbox.dispose();
  }

  private readSpaces() {
    if (this.spaces) return this.spaces;
    const d = this.sandbox.declaration;
    let obs: ReturnType<typeof spaceFromSpec>;
    let act: ReturnType<typeof spaceFromSpec>;
    try {
      obs = spaceFromSpec(d.observationSpace as JsonSpaceSpec);
      act = spaceFromSpec(d.actionSpace as JsonSpaceSpec);
    } catch (e) {
      throw new RunnerError({
        verdict: 'runtime_error',
        message: `the env's spaces are invalid: ${(e as Error).message}`,
      });
    }
    const spec = obs.toSpec();
    const obsSize = spec.type === 'Discrete' ? 1 : spec.low.length;
    this.spaces = { obs, act, obsSize };
    return this.spaces;
  }

  /** Calls a method, turning an exception of the env into a runtime_error naming it. */
  private call(index: number, method: 'reset' | 'step' | 'render', args: unknown[]): unknown {
    try {
      return this.sandbox.call(index, method, args);
    } catch (e) {
      if (e instanceof EnvThrewError) {
        throw new RunnerError({
          verdict: 'runtime_error',
          message: `${method}() threw ${e.name}: ${e.message}`,
        });
      }
      throw e;
    }
  }

  private writeObs(out: Float32Array, row: number, obs: unknown, what: string): void {
    const s = this.readSpaces();
    if (!s.obs.contains(obs)) {
      throw new RunnerError({
        verdict: 'runtime_error',
        message: `${what} returned an observation that is not in the observation space: ${JSON.stringify(Array.from(ArrayBuffer.isView(obs) ? (obs as Float32Array) : Array.isArray(obs) ? obs : [obs as number]).slice(0, 8))}`,
      });
    }
    if (typeof obs === 'number') out[row * s.obsSize] = obs;
    else out.set(obs as ArrayLike<number>, row * s.obsSize);
  }

  private reset(seeds: number[]): Float32Array {
    const s = this.readSpaces();
    if (seeds.length > this.open.instances)
      throw new RangeError(`reset: ${seeds.length} seeds for ${this.open.instances} envs`);
    const out = new Float32Array(seeds.length * s.obsSize);
    seeds.forEach((seed, i) => {
      const r = this.call(i, 'reset', [{ seed }]) as { obs?: unknown } | null;
      if (r === null || typeof r !== 'object' || !('obs' in r)) {
        throw new RunnerError({
          verdict: 'runtime_error',
          message: `reset({ seed: ${seed} }) did not return { obs, info }`,
        });
      }
      this.writeObs(out, i, r.obs, `reset({ seed: ${seed} })`);
      this.steps[i] = 0;
      this.done[i] = false;
    });
    this.lastObs = out;
    return out;
  }

  private step(actions: Float64Array): EnvStepBatch {
    const s = this.readSpaces();
    const rows = this.lastObs.length / s.obsSize;
    const width = s.act.toSpec().type === 'Discrete' ? 1 : actions.length / rows;
    const obs = Float32Array.from(this.lastObs);
    const batch: EnvStepBatch = {
      obs,
      rewards: new Float64Array(rows),
      terminated: new Uint8Array(rows),
      truncated: new Uint8Array(rows),
    };
    for (let i = 0; i < rows; i++) {
      if (this.done[i]) continue;
      const action =
        width === 1 && s.act.toSpec().type === 'Discrete'
          ? actions[i]!
          : Float32Array.from(actions.subarray(i * width, (i + 1) * width));
      const r = this.call(i, 'step', [action]) as Record<string, unknown> | null;
      const where = `step ${this.steps[i]}`;
      if (r === null || typeof r !== 'object')
        throw new RunnerError({
          verdict: 'runtime_error',
          message: `${where}: step() did not return { obs, reward, terminated, truncated, info }`,
        });
      if (typeof r.reward !== 'number' || !Number.isFinite(r.reward)) {
        throw new RunnerError({
          verdict: 'runtime_error',
          message: `${where}: step() returned reward ${String(r.reward)}; rewards must be finite numbers`,
        });
      }
      if (typeof r.terminated !== 'boolean' || typeof r.truncated !== 'boolean') {
        throw new RunnerError({
          verdict: 'runtime_error',
          message: `${where}: step() must return booleans terminated and truncated`,
        });
      }
      this.writeObs(obs, i, r.obs, where);
      this.steps[i]! += 1;
      const limit = this.open.maxEpisodeSteps;
      const truncated = r.truncated || (limit !== undefined && this.steps[i]! >= limit);
      batch.rewards[i] = r.reward;
      batch.terminated[i] = r.terminated ? 1 : 0;
      batch.truncated[i] = !r.terminated && truncated ? 1 : 0;
      if (r.terminated || truncated) this.done[i] = true;
    }
    this.lastObs = obs;
    return batch;
  }

  private render(index: number): Frame {
    const frame = this.call(index, 'render', []);
    const problem = frameProblem(frame);
    if (problem)
      throw new RunnerError({
        verdict: 'runtime_error',
        message: `render() returned an invalid frame: ${problem}`,
      });
    return frame as Frame;
  }

  private trajectory(seed: number, actions: (number | number[])[]): Frame[] {
    if (actions.length > MAX_TRAJECTORY_STEPS) {
      throw new RangeError(`trajectory: ${actions.length} actions, at most ${MAX_TRAJECTORY_STEPS}`);
    }
    this.call(0, 'reset', [{ seed }]);
    const frames = [this.render(0)];
    for (const a of actions) {
      this.call(0, 'step', [typeof a === 'number' ? a : Float32Array.from(a)]);
      frames.push(this.render(0));
    }
    return frames;
  }
}
