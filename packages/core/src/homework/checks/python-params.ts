import type { PythonParam, PythonReturn } from '../python-signature';

/** The Python arguments of the checks over one rollout of T steps, each declared once. */
export const rolloutParam = {
  /** r_t. */
  rewards: { name: 'rewards', kind: 'float64[]', shape: '[T]', doc: 'rewards r_t' },
  /** V(s_t). */
  values: { name: 'values', kind: 'float64[]', shape: '[T]', doc: 'V(s_t)' },
  /** V(s′_t). */
  nextValues: {
    name: 'next_values',
    kind: 'float64[]',
    shape: '[T]',
    doc: 'V(s′_t), the value of the observation after step t',
  },
  /** The termination mask. */
  terminated: {
    name: 'terminated',
    kind: 'bool[]',
    shape: '[T]',
    doc: 'True where step t reached a terminal state',
  },
  /** The truncation mask. */
  truncated: {
    name: 'truncated',
    kind: 'bool[]',
    shape: '[T]',
    doc: 'True where step t was cut by a time limit',
  },
  /** The discount γ. */
  gamma: { name: 'gamma', kind: 'float', doc: 'discount γ in [0, 1]' },
} satisfies Record<string, PythonParam>;

/** The Python arguments of the advantage checks (A2C, GAE), in the order of `AdvantageArgs`. */
export const advantageParams: readonly PythonParam[] = [
  rolloutParam.rewards,
  rolloutParam.values,
  rolloutParam.nextValues,
  rolloutParam.terminated,
  rolloutParam.truncated,
  rolloutParam.gamma,
];

/** The Python arguments of the target checks (TD, n-step), in the order of `TargetArgs`. */
export const targetParams: readonly PythonParam[] = [
  rolloutParam.rewards,
  rolloutParam.nextValues,
  rolloutParam.terminated,
  rolloutParam.truncated,
  rolloutParam.gamma,
];

/** The result of a per-step check: one value per step of the rollout. */
export const perStepResult: PythonReturn = { kind: 'float64[]', shape: '[T]', doc: 'one value per step' };

/** The Python arguments of the PPO losses over a batch of B samples, each declared once. */
export const ppoParam = {
  /** log π_θ. */
  logProbs: { name: 'log_probs', kind: 'float64[]', shape: '[B]', doc: 'log π_θ(a_t|s_t)' },
  /** log π_old. */
  oldLogProbs: { name: 'old_log_probs', kind: 'float64[]', shape: '[B]', doc: 'log π_old(a_t|s_t)' },
  /** Â_t. */
  advantages: { name: 'advantages', kind: 'float64[]', shape: '[B]', doc: 'advantages Â_t' },
  /** KL_t. */
  kl: { name: 'kl', kind: 'float64[]', shape: '[B]', doc: 'KL_t per state' },
  /** H_t. */
  entropy: { name: 'entropy', kind: 'float64[]', shape: '[B]', doc: 'H_t per state' },
  /** ε. */
  clipEpsilon: { name: 'clip_epsilon', kind: 'float', doc: 'clip range ε' },
} satisfies Record<string, PythonParam>;

/** The result of a PPO loss check. */
export const lossResult: PythonReturn = {
  kind: 'float',
  doc: 'the loss to minimise (a Python float or a 0-d array)',
};
