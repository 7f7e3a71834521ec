import type { PolicySpec } from '../spec';
import { RunnerError } from '../verdict';

/**
 * Checks a batch of actions against the action space: discrete actions must be integers in [0, n);
 * continuous ones finite and (for js-agents) within [low, high]. Model means are clipped instead,
 * as Gymnasium's continuous envs do.
 */
export function checkActions(
  actions: Float32Array | Float64Array,
  n: number,
  spec: PolicySpec,
  clipBox: boolean,
): void {
  const a = spec.action;
  if (a.type === 'discrete') {
    const lo = a.start ?? 0;
    const hi = lo + a.n - 1;
    const space = lo === 0 ? `Discrete(${a.n})` : `Discrete(${a.n}, start=${lo})`;
    for (let i = 0; i < n; i++) {
      const v = actions[i]!;
      if (!Number.isInteger(v) || v < lo || v > hi) {
        throw new RunnerError({
          verdict: 'invalid_action',
          message: `episode ${i}: action ${v} is not in the action space ${space} (an integer ${lo}…${hi})`,
          expected: `integer in [${lo}, ${hi}]`,
          found: String(v),
        });
      }
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < a.size; j++) {
      const idx = i * a.size + j;
      const v = actions[idx]!;
      if (!Number.isFinite(v)) {
        throw new RunnerError({
          verdict: 'invalid_action',
          message: `episode ${i}: action[${j}] is ${v}; actions must be finite numbers`,
          expected: 'a finite number',
          found: String(v),
        });
      }
      const lo = a.low[j]!;
      const hi = a.high[j]!;
      if (v < lo || v > hi) {
        if (clipBox) actions[idx] = Math.min(hi, Math.max(lo, v));
        else
          throw new RunnerError({
            verdict: 'invalid_action',
            message: `episode ${i}: action[${j}] = ${v} is outside the action space [${lo}, ${hi}]`,
            expected: `[${lo}, ${hi}]`,
            found: String(v),
          });
      }
    }
  }
}
