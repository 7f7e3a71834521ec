/**
 * sin and cos for |x| ≤ 0.78 (inside [−π/4, π/4]) as fdlibm's `__kernel_sin` / `__kernel_cos`
 * (Sun Microsystems, 1993; the algorithm V8's Math.sin/cos use in that range), written out in
 * plain float64 arithmetic, so every JS engine returns the same bits. Outside that range they fall
 * back to Math.sin / Math.cos. CartPole's angle never leaves the range within an episode
 * (it terminates at |θ| > 0.21), which makes its dynamics identical across browsers and Node.
 */

const S1 = -0.16666666666666632;
const S2 = 0.00833333333332249;
const S3 = -0.0001984126982985795;
const S4 = 0.0000027557313707070068;
const S5 = -2.5050760253406863e-8;
const S6 = 1.58969099521155e-10;

const C1 = 0.0416666666666666;
const C2 = -0.001388888888887411;
const C3 = 0.00002480158728947673;
const C4 = -2.7557314351390663e-7;
const C5 = 2.087572321298175e-9;
const C6 = -1.1359647557788195e-11;

const KERNEL_LIMIT = 0.78;
const TINY = 2 ** -27;
/** fdlibm switches cos formulas at high word 0x3FD33333, i.e. |x| < 0.29999995231628418. */
const COS_SPLIT = 0.29999995231628418;

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0; // index of the high word

/** sin(x), bit-identical across engines for |x| ≤ 0.78. */
export function portableSin(x: number): number {
  const ax = Math.abs(x);
  if (!(ax <= KERNEL_LIMIT)) return Math.sin(x);
  if (ax < TINY) return x;
  const z = x * x;
  const v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  return x + v * (S1 + z * r);
}

/** cos(x), bit-identical across engines for |x| ≤ 0.78. */
export function portableCos(x: number): number {
  const ax = Math.abs(x);
  if (!(ax <= KERNEL_LIMIT)) return Math.cos(x);
  if (ax < TINY) return 1;
  const z = x * x;
  const r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  if (ax < COS_SPLIT) return 1 - (0.5 * z - z * r);
  // qx = |x|/4 truncated to its high word (fdlibm: INSERT_WORDS(qx, ix − 0x00200000, 0)); |x| ≤ 0.78 < 0.78125
  f64[0] = ax;
  const hi = u32[HI]! - 0x00200000;
  u32[HI] = hi;
  u32[1 - HI] = 0;
  const qx = f64[0]!;
  const hz = 0.5 * z - qx;
  const a = 1 - qx;
  return a - (hz - z * r);
}
