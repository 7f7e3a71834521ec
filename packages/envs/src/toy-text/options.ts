import { EnvError } from '../errors';
import { typeName } from '../space-explain';

/** A boolean constructor option (Gymnasium's kwarg name), or `fallback` when absent. */
export function booleanOption(
  envId: string,
  options: Record<string, unknown>,
  name: string,
  fallback: boolean,
): boolean {
  const v = options[name];
  if (v === undefined) return fallback;
  if (typeof v !== 'boolean') {
    throw new EnvError(
      'invalid_argument',
      `${envId}: option ${name} must be a boolean, found ${typeName(v)}`,
    );
  }
  return v;
}

/** A finite-number constructor option in [min, max], or `fallback` when absent. */
export function numberOption(
  envId: string,
  options: Record<string, unknown>,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const v = options[name];
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    throw new EnvError(
      'invalid_argument',
      `${envId}: option ${name} must be a number in [${min}, ${max}], found ${typeof v === 'number' ? v : typeName(v)}`,
    );
  }
  return v;
}

/** Rejects a Gymnasium option this port does not implement, naming it and what is supported. */
export function unsupportedOption(
  envId: string,
  options: Record<string, unknown>,
  name: string,
  why: string,
): void {
  if (options[name] !== undefined && options[name] !== false) {
    throw new EnvError('invalid_argument', `${envId}: option ${name} is not supported (${why})`);
  }
}
