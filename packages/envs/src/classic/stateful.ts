/**
 * An env whose internal state can be read and set: what replays, reference tests and the vector
 * env's renderers use. The state is Gymnasium's `env.unwrapped.state`, in the same order.
 */
export interface StatefulEnv {
  /** A copy of the internal state (Gymnasium's `env.unwrapped.state`). */
  getState(): number[];
  /** Sets the internal state; the episode's step count and lifecycle are unchanged. */
  setState(state: ArrayLike<number>): void;
}
