import { EnvError } from './errors';
import { Box, type BoxDtype, Discrete, type SpaceSpec } from './spaces';

/** A bound as JSON can carry it: a finite number, or "inf" / "-inf" (JSON has no Infinity). */
export type JsonBound = number | 'inf' | '-inf';

/** `SpaceSpec` in a JSON-safe form (infinite Box bounds as "inf" / "-inf", as Gymnasium's spec files). */
export type JsonSpaceSpec =
  | { type: 'Box'; shape: number[]; dtype: BoxDtype; low: JsonBound[]; high: JsonBound[] }
  | { type: 'Discrete'; n: number; start: number };

/** Encodes a space spec for JSON (`JSON.stringify` would turn ±Infinity into null). */
export function spaceSpecToJson(spec: SpaceSpec): JsonSpaceSpec {
  if (spec.type === 'Discrete') return { ...spec };
  return {
    ...spec,
    shape: [...spec.shape],
    low: spec.low.map(encodeBound),
    high: spec.high.map(encodeBound),
  };
}

/** Rebuilds a Box or Discrete from a spec (plain or JSON-safe), validating it. */
export function spaceFromSpec(spec: SpaceSpec | JsonSpaceSpec): Box | Discrete {
  if (spec === null || typeof spec !== 'object') {
    throw new EnvError('invalid_argument', 'spaceFromSpec: expected a space spec object');
  }
  try {
    if (spec.type === 'Discrete') return new Discrete(spec.n, spec.start ?? 0);
    if (spec.type === 'Box') {
      return new Box(
        spec.low.map(decodeBound),
        spec.high.map(decodeBound),
        spec.shape,
        spec.dtype ?? 'float32',
      );
    }
  } catch (e) {
    if (e instanceof EnvError) throw e;
    throw new EnvError('invalid_argument', `spaceFromSpec: ${(e as Error).message}`);
  }
  throw new EnvError(
    'invalid_argument',
    `spaceFromSpec: type must be "Box" or "Discrete", found ${JSON.stringify((spec as { type?: unknown }).type)}`,
  );
}

function encodeBound(v: number): JsonBound {
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  return v;
}

function decodeBound(v: JsonBound | number): number {
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  if (typeof v !== 'number' || Number.isNaN(v)) {
    throw new EnvError(
      'invalid_argument',
      `spaceFromSpec: a Box bound must be a number, "inf" or "-inf", found ${JSON.stringify(v)}`,
    );
  }
  return v;
}
