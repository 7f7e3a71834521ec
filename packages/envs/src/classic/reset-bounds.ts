import { EnvError } from '../errors';
import { typeName } from '../space-explain';

/**
 * Gymnasium's `maybe_parse_reset_bounds`: `options.low` / `options.high` override the default
 * uniform reset range; each must be a finite number and low ≤ high.
 */
export function parseResetBounds(
  envId: string,
  options: Record<string, unknown> | undefined,
  defaultLow: number,
  defaultHigh: number,
): { low: number; high: number } {
  if (options === undefined) return { low: defaultLow, high: defaultHigh };
  const low = 'low' in options ? resetNumber(envId, 'low', options.low) : defaultLow;
  const high = 'high' in options ? resetNumber(envId, 'high', options.high) : defaultHigh;
  if (low > high) {
    throw new EnvError(
      'invalid_argument',
      `${envId}.reset: options.low (${low}) must not be greater than options.high (${high})`,
    );
  }
  return { low, high };
}

/** A finite number from reset options, or a clear error naming the option. */
export function resetNumber(envId: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new EnvError(
      'invalid_argument',
      `${envId}.reset: options.${name} must be a finite number, found ${typeof value === 'number' ? value : typeName(value)}`,
    );
  }
  return value;
}

/** Checks a state vector given to `setState`: its length and finite entries. */
export function checkStateVector(envId: string, state: ArrayLike<number>, length: number): void {
  if (state === null || typeof state !== 'object' || state.length !== length) {
    throw new EnvError(
      'invalid_argument',
      `${envId}.setState: expected ${length} numbers, found ${typeName(state)}`,
    );
  }
  for (let i = 0; i < length; i++) {
    if (typeof state[i] !== 'number' || !Number.isFinite(state[i])) {
      throw new EnvError(
        'invalid_argument',
        `${envId}.setState: state[${i}] must be a finite number, found ${state[i]}`,
      );
    }
  }
}
