import type { Rng } from '@critic/envs';
import type { CatalogueCheck } from '../../src/grading/checks-catalogue';

// A small check in the catalogue's shape, for testing the grading pipeline on its own.
// G_t = r_t + γ·G_{t+1}·(1 − d_t), computed backwards.
function discountedReturn(rewards: number[], dones: number[], gamma: number): number[] {
  const out = new Array<number>(rewards.length).fill(0);
  let g = 0;
  for (let t = rewards.length - 1; t >= 0; t--) {
    g = rewards[t]! + gamma * g * (1 - dones[t]!);
    out[t] = g;
  }
  return out;
}

function close(expected: number[], got: unknown): { passed: boolean; message: string } {
  if (!Array.isArray(got) || got.length !== expected.length) {
    return {
      passed: false,
      message: `expected an array of ${expected.length} numbers, got ${JSON.stringify(got)}`,
    };
  }
  for (const [i, e] of expected.entries()) {
    const g = got[i];
    if (typeof g !== 'number' || !(Math.abs(g - e) <= 1e-6 + 1e-5 * Math.abs(e))) {
      return { passed: false, message: `element ${i}: expected ${e}, got ${g}` };
    }
  }
  return { passed: true, message: 'correct' };
}

export const discountedReturnCheck: CatalogueCheck = {
  id: 'discounted-return',
  functionName: 'discountedReturn',
  generateCases(rng: Rng, count: number) {
    return Array.from({ length: count }, (_, index) => {
      const n = index === 0 ? 1 : 3 + rng.integer(6);
      const rewards = Array.from({ length: n }, () => Math.round(rng.uniform(-1, 1) * 100) / 100);
      const dones = Array.from({ length: n }, (_, t) => (t === n - 1 || rng.random() < 0.2 ? 1 : 0));
      return { index, args: [rewards, dones, 0.9], tags: index === 0 ? ['length-1'] : [] };
    });
  },
  reference: (args) => discountedReturn(args[0] as number[], args[1] as number[], args[2] as number),
  compare: (expected: never, got: unknown) => close(expected as number[], got),
  mistakes: [
    {
      id: 'ignores-done',
      message:
        'the return runs across episode boundaries: multiply by (1 − done) so G restarts at each episode end',
      compute: (args) =>
        discountedReturn(
          args[0] as number[],
          (args[1] as number[]).map(() => 0),
          args[2] as number,
        ),
    },
  ],
};
