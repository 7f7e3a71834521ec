import { Box, Discrete, type Space } from './spaces';

/** A short human description of a space, e.g. `Discrete(2)` or `Box(shape=[1], low=[-2], high=[2])`. */
export function describeSpace(space: Space<unknown>): string {
  if (space instanceof Discrete) {
    return space.start === 0 ? `Discrete(${space.n})` : `Discrete(${space.n}, start=${space.start})`;
  }
  if (space instanceof Box) {
    return `Box(shape=[${space.shape.join(', ')}], low=[${fmt(space.low)}], high=[${fmt(space.high)}])`;
  }
  return `space with shape [${space.shape.join(', ')}]`;
}

/** Why `x` is not in `space`, or undefined when it is. */
export function explainNotContained(space: Space<unknown>, value: unknown): string | undefined {
  if (space.contains(value)) return undefined;
  const x: unknown = value;
  if (space instanceof Discrete) {
    if (typeof x !== 'number') return `expected an integer, found ${typeName(x)}`;
    if (!Number.isInteger(x)) return `expected an integer, found ${x}`;
    return `${x} is outside ${space.start}..${space.start + space.n - 1}`;
  }
  if (space instanceof Box) {
    if (!(x instanceof Float32Array || x instanceof Float64Array || Array.isArray(x))) {
      return `expected a Float32Array (or number[]) of length ${space.size}, found ${typeName(x)}`;
    }
    const v = x as ArrayLike<unknown>;
    if (v.length !== space.size) return `expected length ${space.size}, found length ${v.length}`;
    for (let i = 0; i < v.length; i++) {
      const xi = v[i];
      if (typeof xi !== 'number') return `element ${i} is ${typeName(xi)}, expected a number`;
      if (Number.isNaN(xi)) return `element ${i} is NaN`;
      if (xi < space.low[i]!) return `element ${i} = ${xi} is below low[${i}] = ${space.low[i]}`;
      if (xi > space.high[i]!) return `element ${i} = ${xi} is above high[${i}] = ${space.high[i]}`;
    }
  }
  return 'not contained in the space';
}

/** Describes a runtime value's type for error messages (`string "a"`, `Float64Array(3)`, `null`). */
export function typeName(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return `array(${x.length})`;
  if (ArrayBuffer.isView(x)) return `${x.constructor.name}(${(x as unknown as ArrayLike<unknown>).length})`;
  if (typeof x === 'string') return `string ${JSON.stringify(x.slice(0, 40))}`;
  if (typeof x === 'object') return 'object';
  return typeof x;
}

function fmt(a: Float32Array): string {
  return Array.from(a, (v) => String(v)).join(', ');
}
