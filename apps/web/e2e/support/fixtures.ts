// Student code the end-to-end flows upload.

/** CartPole policy: push toward the side the pole falls to (θ + 0.5·θ̇ > 0 → right); deterministic. */
export const CARTPOLE_AGENT = `let calls = 0;
export function act(obs: number[]): number {
  if (calls++ === 0) console.log('hello from the agent, first observation', obs.length);
  return obs[2] + 0.5 * obs[3] > 0 ? 1 : 0;
}
`;

/** A homework module: a correct discounted return, and a TD target that forgets to bootstrap. */
export const CHECKS_MODULE = `// G_t = r_t + γ·(1 − d_t)·G_{t+1}
export function discountedReturn(rewards: number[], dones: number[], gamma: number): number[] {
  const out = new Array<number>(rewards.length).fill(0);
  let g = 0;
  for (let t = rewards.length - 1; t >= 0; t--) {
    g = rewards[t] + gamma * (1 - dones[t]) * g;
    out[t] = g;
  }
  return out;
}

// Wrong on purpose: y_t = r_t, no γ·V(s′) term.
export function tdTarget(rewards: number[], nextValues: number[], terminated: number[], truncated: number[], gamma: number): number[] {
  return rewards.map((r) => r);
}
`;

/** An agent whose action is outside CartPole's Discrete(2) space: graded as `invalid_action`. */
export const BAD_ACTION_AGENT = 'export function act(obs: number[]): number { return 7; }\n';

/** The same homework in Python (numpy): a correct discounted return, a TD target that bootstraps through terminal steps. */
export const PYTHON_CHECKS_MODULE = `import numpy as np


def discounted_returns(rewards, dones, gamma):
    # G_t = r_t + γ·(1 − d_t)·G_{t+1}
    out = np.zeros_like(rewards)
    g = 0.0
    for t in reversed(range(len(rewards))):
        g = rewards[t] + gamma * (not dones[t]) * g
        out[t] = g
    return out


def td_targets(rewards, next_values, terminated, truncated, gamma):
    # Wrong on purpose: bootstraps from V(s′) after a terminal step too.
    return rewards + gamma * next_values
`;
