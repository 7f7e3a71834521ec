import type { SpaceSpec } from '@critic/envs';

/** Width of the interval an unbounded Box dimension draws from (centred on its finite bound, or on 0). */
const UNBOUNDED_WIDTH = 2;

/** Finite [low, high] per dimension of a Box: an infinite bound becomes a width-2 interval. */
function finiteBounds(low: number[], high: number[]): { low: number[]; high: number[] } {
  const lo: number[] = [];
  const hi: number[] = [];
  low.forEach((l, i) => {
    const h = high[i]!;
    if (Number.isFinite(l) && Number.isFinite(h)) {
      lo.push(l);
      hi.push(h);
    } else if (Number.isFinite(l)) {
      lo.push(l);
      hi.push(l + UNBOUNDED_WIDTH);
    } else if (Number.isFinite(h)) {
      lo.push(h - UNBOUNDED_WIDTH);
      hi.push(h);
    } else {
      lo.push(-UNBOUNDED_WIDTH / 2);
      hi.push(UNBOUNDED_WIDTH / 2);
    }
  });
  return { low: lo, high: hi };
}

/** The `act` body for the action space: a Discrete index + start, or one uniform value per Box dimension. */
function actionExpression(space: SpaceSpec): string {
  if (space.type === 'Discrete') return `${space.start} + Math.floor(uniform() * ${space.n})`;
  const b = finiteBounds(space.low, space.high);
  return `${JSON.stringify(b.low)}.map((lo, i) => { const hi = ${JSON.stringify(b.high)}[i]; return Math.min(hi, lo + uniform() * (hi - lo)); })`;
}

/**
 * The source of a js-agent module that acts uniformly at random over `space` with its own generator
 * (mulberry32). `reset()` reseeds it with `seed`, and the episode's first observation is mixed in, so
 * every episode draws its own stream and a rerun of the same episode draws exactly the same actions.
 */
export function randomAgentSource(space: SpaceSpec, seed: number): string {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError(`randomAgentSource: seed must be an integer in [0, 2^32), found ${seed}`);
  }
  const described =
    space.type === 'Discrete' ? `Discrete(${space.n}, start ${space.start})` : `Box(shape [${space.shape}])`;
  return `// Critic baseline "random": uniform actions over ${described}, seed ${seed}.
const SEED = ${seed >>> 0};
let state = SEED;
let fresh = true;
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** Next uniform number in [0, 1) (mulberry32). */
function uniform() {
  state = (state + 0x6d2b79f5) >>> 0;
  let z = Math.imul(state ^ (state >>> 15), state | 1);
  z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
  return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
}

/** Mixes the bits of the episode's first observation into the generator's state. */
function mix(obs) {
  const values = typeof obs === 'number' ? [obs] : Array.from(obs);
  for (const v of values) {
    f64[0] = v;
    state = Math.imul(state ^ u32[0], 0x9e3779b1) >>> 0;
    state = Math.imul(state ^ u32[1], 0x85ebca6b) >>> 0;
  }
}

export function reset() {
  state = SEED;
  fresh = true;
}

export function act(obs) {
  if (fresh) {
    mix(obs);
    fresh = false;
  }
  return ${actionExpression(space)};
}
`;
}
