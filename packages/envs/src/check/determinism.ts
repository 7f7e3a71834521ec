import { Rng } from '../rng';
import type { CheckedStep, EnvProbe } from './probe';
import { hasRandomness } from './space-check';
import { copyValue, describeValue, sameValue } from './values';

interface Trajectory {
  resetObs: unknown;
  steps: CheckedStep[];
}

/**
 * `reset-seed-determinism` and `step-determinism`: two runs from reset({ seed }) with the same
 * actions must match; a third from another seed that matches too is a warning (reset ignores its seed).
 */
export function checkSeededDeterminism(probe: EnvProbe, seed: number, determinismSteps: number): void {
  const { fail, warn } = probe.findings;
  const t1 = trajectory(probe, seed, determinismSteps);
  const t2 = trajectory(probe, seed, determinismSteps);
  if (!t1 || !t2) return;
  if (!sameValue(t1.resetObs, t2.resetObs)) {
    fail(
      'reset-seed-determinism',
      `reset({ seed: ${seed} }) is not deterministic: it returned ${describeValue(t1.resetObs)} and then ${describeValue(t2.resetObs)}; draw all randomness from a PRNG seeded in reset`,
    );
  } else {
    const diff = firstDifference(t1, t2);
    if (diff) {
      fail(
        'step-determinism',
        `step() is not deterministic: after reset({ seed: ${seed} }) and the same actions, ${diff}; draw all randomness from the PRNG seeded in reset`,
      );
    }
  }
  const t3 = trajectory(probe, seed + 333, determinismSteps);
  if (
    t3 &&
    sameValue(t1.resetObs, t3.resetObs) &&
    !firstDifference(t1, t3) &&
    hasRandomness(probe.obsSpace)
  ) {
    warn(
      'reset-seed-determinism',
      `reset({ seed: ${seed} }) and reset({ seed: ${seed + 333} }) gave identical episodes; if the env is meant to be random, reset ignores its seed`,
    );
  }
}

/** reset({ seed: s }) then up to `determinismSteps` steps of actions drawn from Rng(7). */
function trajectory(probe: EnvProbe, s: number, determinismSteps: number): Trajectory | undefined {
  const r = probe.reset({ seed: s }, `reset({ seed: ${s} })`);
  if (!r) return undefined;
  const resetObs = copyValue(r.obs);
  const rng = new Rng(7);
  const steps: CheckedStep[] = [];
  for (let t = 0; t < determinismSteps; t++) {
    const res = probe.step(probe.actSpace.sample(rng), `determinism run, step ${t}`);
    if (!res) return undefined;
    steps.push(res);
    if (res.terminated === true || res.truncated === true) break;
  }
  return { resetObs, steps };
}
function firstDifference(a: Trajectory, b: Trajectory): string | undefined {
  const n = Math.min(a.steps.length, b.steps.length);
  for (let t = 0; t < n; t++) {
    const x = a.steps[t]!;
    const y = b.steps[t]!;
    if (!sameValue(x.obs, y.obs))
      return `step ${t} returned observation ${describeValue(x.obs)} the first time and ${describeValue(y.obs)} the second`;
    if (!Object.is(x.reward, y.reward))
      return `step ${t} returned reward ${String(x.reward)} the first time and ${String(y.reward)} the second`;
    if (x.terminated !== y.terminated || x.truncated !== y.truncated) {
      return `step ${t} returned (terminated, truncated) = (${String(x.terminated)}, ${String(x.truncated)}) the first time and (${String(y.terminated)}, ${String(y.truncated)}) the second`;
    }
  }
  if (a.steps.length !== b.steps.length)
    return `the episode lasted ${a.steps.length} steps the first time and ${b.steps.length} the second`;
  return undefined;
}
