/** The action space a policy must act in (derived by the caller from the env's action space). */
export type ActionSpec =
  | {
      /** `Discrete(n)`: one integer action in [0, n) per step. */
      type: 'discrete';
      /** Number of actions. */
      n: number;
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
