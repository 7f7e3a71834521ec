import type { StudentOutcome } from './grade';
import type { CheckValue } from './types';

/** What one call of a Python homework function returned, as the sandbox reports it. */
export interface PythonCallValue {
  /** The result's values in float64, flattened (null when it was not array-like: None, a str, a dict). */
  value: Float64Array | readonly number[] | null;
  /** Its numpy shape (`[]` for a scalar), or null when it was not array-like. */
  shape: readonly number[] | null;
  /** Its Python type, e.g. `torch.Tensor (float32)`, `list`, `float`, `NoneType`. */
  type: string;
}

/** A shape as Python prints it: `()`, `(5,)`, `(5, 1)`. */
export function pythonShape(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

function wrongShape(message: string): StudentOutcome {
  return { ok: false, failure: { verdict: 'wrong_answer', message } };
}

/**
 * The outcome of a Python call for core's grading: a scalar or a 1-D array of the expected shape
 * becomes the numbers to compare (numpy, list, float, torch and jax results alike); any other shape,
 * or a value that is not numeric, is a wrong answer that names the expected and the found shape.
 */
export function pythonResultOutcome(result: PythonCallValue, expected: CheckValue): StudentOutcome {
  const scalar = typeof expected === 'number';
  const want = scalar ? 'a float (or a 0-d array)' : `a 1-D array of shape (${expected.length},)`;
  if (result.value === null || result.shape === null) {
    const found =
      result.type === 'NoneType' ? 'None (did the function return its result?)' : `a ${result.type}`;
    return wrongShape(`expected ${want}, found ${found}`);
  }
  const values = Array.from(result.value);
  const shape = result.shape;
  if (scalar) {
    if (shape.length === 0) return { ok: true, value: values[0] as number };
    const hint = values.length === 1 ? ' (use .item() or float(...))' : '';
    return wrongShape(`expected ${want}, found a ${result.type} of shape ${pythonShape(shape)}${hint}`);
  }
  if (shape.length === 1 && shape[0] === expected.length) return { ok: true, value: values };
  const squeezable = shape.filter((d) => d !== 1).length <= 1 && values.length === expected.length;
  const hint = squeezable && shape.length > 1 ? ' (flatten it, e.g. .reshape(-1))' : '';
  return wrongShape(`expected ${want}, found a ${result.type} of shape ${pythonShape(shape)}${hint}`);
}
