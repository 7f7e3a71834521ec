import type { Findings } from './findings';
import { type CheckedSpace, checkObservation } from './space-check';
import { copyValue, describeValue, errorText, isPlainObject } from './values';

export type AnyEnv = Record<string, unknown>;

/** One checked step: what the determinism check compares. */
export interface CheckedStep {
  obs: unknown;
  reward: unknown;
  terminated: unknown;
  truncated: unknown;
}

/**
 * An env whose object shape and spaces passed, driven through `reset` and `step` with every result
 * checked (signatures, observations, rewards) into the shared findings.
 */
export class EnvProbe {
  constructor(
    readonly env: AnyEnv,
    readonly obsSpace: CheckedSpace,
    readonly actSpace: CheckedSpace,
    readonly findings: Findings,
  ) {}

  /** `env[method](...args)`, its throw caught as text. */
  call(method: string, ...args: unknown[]): { ok: true; value: unknown } | { ok: false; error: string } {
    try {
      return { ok: true, value: (this.env[method] as (...a: unknown[]) => unknown).apply(this.env, args) };
    } catch (err) {
      return { ok: false, error: errorText(err) };
    }
  }

  /** reset(opts), checked; the observation, or undefined when reset failed. */
  reset(opts: Record<string, unknown> | undefined, what: string): { obs: unknown } | undefined {
    const { fail } = this.findings;
    const r = opts === undefined ? this.call('reset') : this.call('reset', opts);
    if (!r.ok) {
      fail('reset-signature', `${what} threw ${r.error}`);
      return undefined;
    }
    const out = r.value;
    if (out === null || typeof out !== 'object' || !('obs' in out) || !('info' in out)) {
      const found = Array.isArray(out)
        ? `an array of ${out.length} values (return { obs, info }, not [obs, info])`
        : describeValue(out);
      fail('reset-signature', `${what} must return an object { obs, info }, found ${found}`);
      return undefined;
    }
    const { obs, info } = out as { obs: unknown; info: unknown };
    if (!isPlainObject(info)) {
      fail(
        'reset-signature',
        `${what} returned info = ${describeValue(info)}; info must be a plain object ({} for none)`,
      );
    }
    checkObservation(
      obs,
      this.obsSpace,
      `${what} returned an observation`,
      'reset-observation',
      this.findings,
    );
    return { obs };
  }

  /** step(action), checked; the result, or undefined when step failed. */
  step(action: unknown, where: string): CheckedStep | undefined {
    const { fail } = this.findings;
    const r = this.call('step', action);
    if (!r.ok) {
      fail('step-signature', `${where}: step(${describeValue(action)}) threw ${r.error}`);
      return undefined;
    }
    const out = r.value;
    if (out === null || typeof out !== 'object' || Array.isArray(out)) {
      fail(
        'step-signature',
        `${where}: step() must return an object { obs, reward, terminated, truncated, info }, found ${Array.isArray(out) ? `an array of ${out.length} values` : describeValue(out)}`,
      );
      return undefined;
    }
    const o = out as Record<string, unknown>;
    const missing = ['obs', 'reward', 'terminated', 'truncated', 'info'].filter((k) => !(k in o));
    if (missing.length > 0) {
      fail(
        'step-signature',
        `step() must return { obs, reward, terminated, truncated, info }; the result has no ${missing.join(', ')}`,
      );
      return undefined;
    }
    this.checkReward(o.reward, action, where);
    for (const flag of ['terminated', 'truncated'] as const) {
      if (typeof o[flag] !== 'boolean') {
        fail(
          'step-signature',
          `${where}: step() returned ${flag} = ${describeValue(o[flag])}; ${flag} must be a boolean`,
        );
      }
    }
    if (!isPlainObject(o.info)) {
      fail(
        'step-signature',
        `${where}: step() returned info = ${describeValue(o.info)}; info must be a plain object ({} for none)`,
      );
    }
    checkObservation(
      o.obs,
      this.obsSpace,
      `${where}: step() returned an observation`,
      'step-observation',
      this.findings,
    );
    return { obs: copyValue(o.obs), reward: o.reward, terminated: o.terminated, truncated: o.truncated };
  }

  /** `step-signature` (a number) and `reward-finite` (not NaN, not ±∞). */
  private checkReward(reward: unknown, action: unknown, where: string): void {
    const { fail } = this.findings;
    if (typeof reward !== 'number') {
      fail(
        'step-signature',
        `${where}: step() returned reward = ${describeValue(reward)}; reward must be a number`,
      );
    } else if (Number.isNaN(reward)) {
      fail(
        'reward-finite',
        `${where}: step(${describeValue(action)}) returned reward NaN; rewards must be finite numbers`,
      );
    } else if (!Number.isFinite(reward)) {
      fail(
        'reward-finite',
        `${where}: step(${describeValue(action)}) returned reward ${reward}; rewards must be finite numbers`,
      );
    }
  }
}
