/** The action space a policy must act in (derived by the caller from the env's action space). */
export type ActionSpec =
  | {
      /** `Discrete(n)`: one integer action in [0, n) per step. */
      type: 'discrete';
      /** Number of actions. */
      n: number;
      /** The first action (Gymnasium's `Discrete(n, start)`); actions are start … start + n − 1. Default 0. */
      start?: number;
    }
  | {
      /** `Box(low, high, (size,))`: a vector of `size` floats per step. */
      type: 'box';
      /** Number of action dimensions. */
      size: number;
      /** Lower bound per dimension. */
      low: number[];
      /** Upper bound per dimension. */
      high: number[];
    };

/** What the environment demands of a policy. */
export interface PolicySpec {
  /** Registered env id (e.g. `CartPole-v1`); a `critic.json` naming another env is refused. */
  envId?: string;
  /** Length of one (flat) observation. */
  observationSize: number;
  /** The action space. */
  action: ActionSpec;
}

/** Checks a PolicySpec given by the caller (a programming error, not the student's). */
export function assertPolicySpec(spec: PolicySpec): void {
  if (!Number.isInteger(spec.observationSize) || spec.observationSize < 1) {
    throw new RangeError(
      `PolicySpec.observationSize: expected a positive integer, got ${spec.observationSize}`,
    );
  }
  const a = spec.action;
  if (a.type === 'discrete') {
    if (!Number.isInteger(a.n) || a.n < 1)
      throw new RangeError(`PolicySpec.action.n: expected a positive integer, got ${a.n}`);
  } else {
    if (!Number.isInteger(a.size) || a.size < 1) {
      throw new RangeError(`PolicySpec.action.size: expected a positive integer, got ${a.size}`);
    }
    if (a.low.length !== a.size || a.high.length !== a.size) {
      throw new RangeError(
        `PolicySpec.action: low/high must have ${a.size} entries, got ${a.low.length}/${a.high.length}`,
      );
    }
  }
}

/** Width of one row of a model's output for this space: n logits, or `size` means. */
export function modelOutputSize(action: ActionSpec): number {
  return action.type === 'discrete' ? action.n : action.size;
}

/** An env's observation space, structurally (an envs `Box`). */
export interface ObservationSpaceLike {
  /** The observation's shape; it is flattened row-major. */
  readonly shape: readonly number[];
}

/** An env's action space, structurally (an envs `Discrete` or `Box`). */
export type ActionSpaceLike =
  | { readonly n: number; readonly start?: number }
  | { readonly shape: readonly number[]; readonly low: ArrayLike<number>; readonly high: ArrayLike<number> };

function isDiscrete(space: object): space is { n: number; start?: number } {
  return 'n' in space && typeof space.n === 'number';
}

function isBox(space: object): space is Extract<ActionSpaceLike, { low: ArrayLike<number> }> {
  return 'low' in space && 'high' in space && 'shape' in space;
}

/**
 * The PolicySpec of an env, from its spaces (e.g. `policySpecFromSpaces('CartPole-v1', env.observationSpace,
 * env.actionSpace)`); the action space must be a Discrete or a Box.
 */
export function policySpecFromSpaces(
  envId: string | undefined,
  obs: ObservationSpaceLike,
  act: object,
): PolicySpec {
  const observationSize = obs.shape.reduce((a, d) => a * d, 1);
  let action: ActionSpec;
  if (isDiscrete(act)) action = { type: 'discrete', n: act.n, start: act.start ?? 0 };
  else if (isBox(act)) {
    action = {
      type: 'box',
      size: act.shape.reduce((a, d) => a * d, 1),
      low: Array.from(act.low, Number),
      high: Array.from(act.high, Number),
    };
  } else
    throw new TypeError(
      'policySpecFromSpaces: the action space must be a Discrete (n) or a Box (low, high, shape)',
    );
  const spec: PolicySpec = { observationSize, action };
  if (envId !== undefined) spec.envId = envId;
  assertPolicySpec(spec);
  return spec;
}
