import { Box, Discrete, type Space } from '@critic/envs';

/** What a policy head needs to know about the env's action space. */
export type ActionSpec =
  | { kind: 'discrete'; n: number; start: number }
  | { kind: 'continuous'; size: number; low: Float32Array; high: Float32Array };

/** Reads a Discrete or 1-D Box action space; other spaces are refused with the space named. */
export function actionSpecOf(space: Space<Float32Array> | Space<number>): ActionSpec {
  if (space instanceof Discrete) return { kind: 'discrete', n: space.n, start: space.start };
  if (space instanceof Box) {
    if (space.shape.length !== 1) {
      throw new TypeError(`action space: expected a 1-D Box, found shape [${space.shape.join(', ')}]`);
    }
    return { kind: 'continuous', size: space.size, low: space.low, high: space.high };
  }
  throw new TypeError(`action space: expected Discrete or Box, found ${JSON.stringify(space.toSpec())}`);
}

/** Floats per action in the vector env's action buffer. */
export function actionSize(spec: ActionSpec): number {
  return spec.kind === 'discrete' ? 1 : spec.size;
}
