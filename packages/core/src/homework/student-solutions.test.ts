import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { casesFor, gradeCheckCases, gradeHomework, listHomeworks, type StudentOutcome } from './index';
import { correctSolutions } from './testing/correct-solutions';
import { runStudent } from './testing/run-student';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

type Vec = number[];
type Mat = number[][];

/** Plain-JS wrong implementations, each with the mistake the catalogue should name. */
const wrong: {
  name: string;
  fn: string;
  mistake: string;
  phrase: RegExp;
  impl: (...args: never[]) => unknown;
}[] = [
  {
    name: 'discount exponent off by one',
    fn: 'discountedReturn',
    mistake: 'discount-exponent-off-by-one',
    phrase: /exponent is off by one/,
    impl: (rewards: Vec, dones: Vec, gamma: number) =>
      rewards.map((_, t) => {
        let g = 0;
        for (let k = t; k < rewards.length; k++) {
          g += gamma ** (k - t + 1) * rewards[k]!;
          if (dones[k]) break;
        }
        return g;
      }),
  },
  {
    name: 'ignoring done in the return',
    fn: 'discountedReturn',
    mistake: 'no-reset-at-done',
    phrase: /without resetting at episode ends: the sum must stop where dones\[t\] = 1/,
    impl: (rewards: Vec, _dones: Vec, gamma: number) => {
      const out: Vec = [];
      let g = 0;
      for (let t = rewards.length - 1; t >= 0; t--) out[t] = g = rewards[t]! + gamma * g;
      return out;
    },
  },
  {
    name: 'TD target ignoring the done mask',
    fn: 'tdTarget',
    mistake: 'ignores-terminated',
    phrase: /bootstrap from V\(s′\) at terminal steps/,
    impl: (r: Vec, nv: Vec, _term: Vec, _trunc: Vec, gamma: number) => r.map((x, t) => x + gamma * nv[t]!),
  },
  {
    name: 'TD target not bootstrapping on truncation',
    fn: 'tdTarget',
    mistake: 'no-bootstrap-on-truncation',
    phrase: /treat truncated steps as terminal/,
    impl: (r: Vec, nv: Vec, term: Vec, trunc: Vec, gamma: number) =>
      r.map((x, t) => (term[t] || trunc[t] ? x : x + gamma * nv[t]!)),
  },
  {
    name: 'sign error in the advantage',
    fn: 'a2cAdvantage',
    mistake: 'sign-flipped',
    phrase: /wrong sign/,
    impl: (r: Vec, v: Vec, nv: Vec, term: Vec, _trunc: Vec, gamma: number) =>
      r.map((x, t) => v[t]! - (x + (term[t] ? 0 : gamma * nv[t]!))),
  },
  {
    name: 'advantage without the baseline',
    fn: 'a2cAdvantage',
    mistake: 'missing-baseline',
    phrase: /subtract the baseline V\(s_t\)/,
    impl: (r: Vec, _v: Vec, nv: Vec, term: Vec, _trunc: Vec, gamma: number) =>
      r.map((x, t) => x + (term[t] ? 0 : gamma * nv[t]!)),
  },
  {
    name: 'GAE decaying by λ instead of γ·λ',
    fn: 'gae',
    mistake: 'lambda-without-gamma',
    phrase: /decays by λ alone/,
    impl: (r: Vec, v: Vec, nv: Vec, term: Vec, trunc: Vec, gamma: number, lambda: number) => {
      const out: Vec = [];
      let a = 0;
      for (let t = r.length - 1; t >= 0; t--) {
        const delta = r[t]! + (term[t] ? 0 : gamma * nv[t]!) - v[t]!;
        a = delta + (term[t] || trunc[t] ? 0 : lambda * a);
        out[t] = a;
      }
      return out;
    },
  },
  {
    name: 'GAE not resetting at episode ends',
    fn: 'gae',
    mistake: 'no-reset-at-episode-end',
    phrase: /flow across episode ends/,
    impl: (r: Vec, v: Vec, nv: Vec, term: Vec, _trunc: Vec, gamma: number, lambda: number) => {
      const out: Vec = [];
      let a = 0;
      for (let t = r.length - 1; t >= 0; t--) {
        a = r[t]! + (term[t] ? 0 : gamma * nv[t]!) - v[t]! + gamma * lambda * a;
        out[t] = a;
      }
      return out;
    },
  },
  {
    name: 'GAE not bootstrapping on truncation',
    fn: 'gae',
    mistake: 'no-bootstrap-on-truncation',
    phrase: /does not bootstrap at truncated steps/,
    impl: (r: Vec, v: Vec, nv: Vec, term: Vec, trunc: Vec, gamma: number, lambda: number) => {
      const out: Vec = [];
      let a = 0;
      for (let t = r.length - 1; t >= 0; t--) {
        const done = term[t] || trunc[t] ? 1 : 0;
        a = r[t]! + gamma * (1 - done) * nv[t]! - v[t]! + gamma * lambda * (1 - done) * a;
        out[t] = a;
      }
      return out;
    },
  },
  {
    name: 'GAE bootstrapping from values[t + 1]',
    fn: 'gae',
    mistake: 'next-value-from-values',
    phrase: /uses values\[t \+ 1\]/,
    impl: (r: Vec, v: Vec, nv: Vec, term: Vec, trunc: Vec, gamma: number, lambda: number) => {
      const out: Vec = [];
      let a = 0;
      for (let t = r.length - 1; t >= 0; t--) {
        const next = t === r.length - 1 ? nv[t]! : v[t + 1]!;
        const notEnded = term[t] || trunc[t] ? 0 : 1;
        a = r[t]! + (term[t] ? 0 : gamma * next) - v[t]! + gamma * lambda * notEnded * a;
        out[t] = a;
      }
      return out;
    },
  },
  {
    name: 'n-step bootstrap exponent off by one',
    fn: 'nStepReturn',
    mistake: 'bootstrap-exponent-off-by-one',
    phrase: /discounted by γ\^\(m−1\)/,
    impl: (r: Vec, nv: Vec, term: Vec, trunc: Vec, gamma: number, n: number) =>
      r.map((_, t) => {
        let g = 0;
        for (let k = 0; k < n; k++) {
          const i = t + k;
          g += gamma ** k * r[i]!;
          if (term[i]) return g;
          if (trunc[i] || k === n - 1 || i === r.length - 1) return g + gamma ** k * nv[i]!;
        }
        return g;
      }),
  },
  {
    name: 'log-ratio instead of ratio',
    fn: 'importanceRatio',
    mistake: 'log-ratio',
    phrase: /log-ratio log π − log μ/,
    impl: (lp: Vec, lb: Vec) => lp.map((x, t) => x - lb[t]!),
  },
  {
    name: 'trajectory weight as a sum of ratios',
    fn: 'trajectoryImportanceWeight',
    mistake: 'sum-of-ratios',
    phrase: /add the per-step ratios/,
    impl: (lp: Mat, lb: Mat) => lp.map((row, n) => row.reduce((s, x, t) => s + Math.exp(x - lb[n]![t]!), 0)),
  },
  {
    name: 'truncating each step instead of the product',
    fn: 'truncatedImportanceWeight',
    mistake: 'per-step-truncation',
    phrase: /truncate each step’s ratio/,
    impl: (lp: Mat, lb: Mat, c: number) =>
      lp.map((row, n) => row.reduce((w, x, t) => w * Math.min(c, Math.exp(x - lb[n]![t]!)), 1)),
  },
  {
    name: 'categorical KL direction swapped',
    fn: 'categoricalKl',
    mistake: 'kl-direction-swapped',
    phrase: /KL\(q‖p\): the direction is swapped/,
    impl: (p: Mat, q: Mat) => (correctSolutions.categoricalKl as (a: Mat, b: Mat) => Vec)(q, p),
  },
  {
    name: 'Gaussian KL direction swapped',
    fn: 'gaussianKl',
    mistake: 'kl-direction-swapped',
    phrase: /KL\(q‖p\): the direction is swapped/,
    impl: (mp: Mat, sp: Mat, mq: Mat, sq: Mat) =>
      (correctSolutions.gaussianKl as (a: Mat, b: Mat, c: Mat, d: Mat) => Vec)(mq, sq, mp, sp),
  },
  {
    name: 'entropy without the minus sign',
    fn: 'categoricalEntropy',
    mistake: 'entropy-sign-flipped',
    phrase: /entropy has the wrong sign/,
    impl: (logits: Mat) => (correctSolutions.categoricalEntropy as (a: Mat) => Vec)(logits).map((h) => -h),
  },
  {
    name: 'PPO KL-penalty with the log-ratio',
    fn: 'ppoKlPenaltyLoss',
    mistake: 'log-ratio',
    phrase: /uses the log-ratio/,
    impl: (lp: Vec, old: Vec, adv: Vec, kl: Vec, beta: number) => {
      let s = 0;
      let k = 0;
      for (let t = 0; t < lp.length; t++) {
        s += (lp[t]! - old[t]!) * adv[t]!;
        k += kl[t]!;
      }
      return -s / lp.length + (beta * k) / lp.length;
    },
  },
  {
    name: 'PPO-clip with max instead of min',
    fn: 'ppoClipLoss',
    mistake: 'max-instead-of-min',
    phrase: /takes max\(r·Â, clip\(r\)·Â\)/,
    impl: (lp: Vec, old: Vec, adv: Vec, eps: number) => {
      let s = 0;
      for (let t = 0; t < lp.length; t++) {
        const r = Math.exp(lp[t]! - old[t]!);
        const c = Math.max(1 - eps, Math.min(1 + eps, r));
        s += Math.max(r * adv[t]!, c * adv[t]!);
      }
      return -s / lp.length;
    },
  },
  {
    name: 'PPO-clip clipping on one side only',
    fn: 'ppoClipLoss',
    mistake: 'clip-upper-side-only',
    phrase: /clip bounds only one side/,
    impl: (lp: Vec, old: Vec, adv: Vec, eps: number) => {
      let s = 0;
      for (let t = 0; t < lp.length; t++) {
        const r = Math.exp(lp[t]! - old[t]!);
        s += Math.min(r * adv[t]!, Math.min(r, 1 + eps) * adv[t]!);
      }
      return -s / lp.length;
    },
  },
  {
    name: 'combined loss adding the entropy bonus',
    fn: 'ppoClipKlEntropyLoss',
    mistake: 'entropy-sign-flipped',
    phrase: /entropy term has the wrong sign/,
    impl: (lp: Vec, old: Vec, adv: Vec, kl: Vec, h: Vec, eps: number, beta: number, c: number) => {
      const clipLoss = (correctSolutions.ppoClipLoss as (a: Vec, b: Vec, d: Vec, e: number) => number)(
        lp,
        old,
        adv,
        eps,
      );
      const mean = (xs: Vec) => xs.reduce((a, b) => a + b, 0) / xs.length;
      return clipLoss + beta * mean(kl) + c * mean(h);
    },
  },
  {
    name: 'combined loss subtracting the KL penalty',
    fn: 'ppoClipKlEntropyLoss',
    mistake: 'kl-sign-flipped',
    phrase: /KL term has the wrong sign/,
    impl: (lp: Vec, old: Vec, adv: Vec, kl: Vec, h: Vec, eps: number, beta: number, c: number) => {
      const full = correctSolutions.ppoClipKlEntropyLoss as (...a: unknown[]) => number;
      const mean = (xs: Vec) => xs.reduce((a, b) => a + b, 0) / xs.length;
      return full(lp, old, adv, kl, h, eps, beta, c) - 2 * beta * mean(kl);
    },
  },
];

function checkCasesOf(fnName: string, seed: number) {
  for (const homework of listHomeworks()) {
    const found = casesFor({ homeworkId: homework.id, seed }).checks.find((c) => c.functionName === fnName);
    if (found) return found;
  }
  throw new Error(`no homework has ${fnName}`);
}

describe('grading student implementations', () => {
  it('correct independent implementations get full points on every homework, for several seeds', () => {
    for (const seed of [3, 4, 5]) {
      for (const homework of listHomeworks()) {
        const cases = casesFor({ homeworkId: homework.id, seed });
        const outcomes: Record<string, StudentOutcome[]> = {};
        for (const check of cases.checks) {
          const fn = correctSolutions[check.functionName];
          if (!fn) throw new Error(`no correct solution for ${check.functionName}`);
          outcomes[check.checkId] = runStudent(fn, check.cases);
        }
        const grade = gradeHomework(cases, outcomes);
        for (const check of grade.checks) {
          const failing = check.results.find((r) => !r.passed);
          expect(failing, `${check.checkId} seed ${seed}: ${failing?.message}`).toBeUndefined();
        }
        expect(grade.points).toBe(grade.maxPoints);
      }
    }
  });

  for (const w of wrong) {
    it(`${w.name} fails with feedback naming the mistake`, () => {
      for (const seed of [11, 12]) {
        const checkCases = checkCasesOf(w.fn, seed);
        const grade = gradeCheckCases(checkCases, runStudent(w.impl, checkCases.cases));
        expect(grade.points).toBeLessThan(grade.maxPoints);
        expect(grade.diagnosis?.mistakeId, JSON.stringify(grade.results.map((r) => r.mistakeId))).toBe(
          w.mistake,
        );
        expect(grade.diagnosis?.message).toMatch(w.phrase);
        const named = grade.results.filter((r) => !r.passed && r.mistakeId === w.mistake);
        // every named case's message carries both the mistake and where the first mismatch is
        for (const r of named) expect(r.message).toMatch(w.phrase);
        expect(named.some((r) => r.visible || r.summary.match(w.phrase))).toBe(true);
        // the mistake is the answer for most failing cases, not a coincidence on one
        expect(named.length).toBeGreaterThanOrEqual(Math.ceil((grade.total - grade.passed) / 2));
      }
    });
  }

  it('a wrong answer matching no known mistake gets the first mismatch: index, expected, got', () => {
    const checkCases = checkCasesOf('discountedReturn', 21);
    const doubled = (rewards: Vec) => rewards.map((r) => 2 * r);
    const grade = gradeCheckCases(checkCases, runStudent(doubled as never, checkCases.cases));
    const visibleFail = grade.results.find((r) => r.visible && !r.passed);
    expect(visibleFail?.mistakeId).toBeUndefined();
    expect(visibleFail?.message).toMatch(
      /^element 0: expected -?[\d.]+, got -?[\d.]+ \(tolerance 0.00001 \+ 0.0001·\|expected\|\); \d+ of \d+ elements differ$/,
    );
    expect(grade.diagnosis).toBeUndefined();
  });
});
