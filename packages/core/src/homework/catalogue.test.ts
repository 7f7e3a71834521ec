import { Rng } from '@critic/envs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { casesFor, getCheck, getHomework, listChecks, listHomeworks, prepareCheckCases } from './index';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const SEEDS = [1, 2, 77, 2 ** 40 + 3];

describe('homework catalogue', () => {
  it('covers the lecture: 14 checks with distinct ids and function names, signatures and statements', () => {
    const checks = listChecks();
    expect(checks.map((c) => c.id)).toEqual([
      'discounted-return',
      'td-target',
      'a2c-advantage',
      'gae',
      'n-step-return',
      'importance-ratio',
      'trajectory-weight',
      'truncated-trajectory-weight',
      'categorical-kl',
      'gaussian-kl',
      'categorical-entropy',
      'ppo-kl-penalty',
      'ppo-clip',
      'ppo-clip-kl-entropy',
    ]);
    expect(new Set(checks.map((c) => c.functionName)).size).toBe(checks.length);
    for (const c of checks) {
      expect(c.signature).toMatch(new RegExp(`^function ${c.functionName}\\(.*\\): number(\\[\\])?$`));
      expect(c.statement.length).toBeGreaterThan(20);
      expect(c.points).toBeGreaterThan(0);
      expect(c.mistakes.length).toBeGreaterThanOrEqual(3);
    }
  });

  it('every reference passes its own generated cases, for several seeds', () => {
    for (const check of listChecks()) {
      for (const seed of SEEDS) {
        const cases = prepareCheckCases(check, seed, 3, 12);
        expect(cases).toHaveLength(15);
        for (const c of cases) {
          const got = check.reference(structuredClone(c.args));
          const comparison = check.compare(c.expected, got);
          expect(comparison.passed, `${check.id} seed ${seed} case ${c.index}: ${comparison.message}`).toBe(
            true,
          );
          const expected = c.expected;
          if (Array.isArray(expected)) expect(expected.every(Number.isFinite)).toBe(true);
          else expect(Number.isFinite(expected)).toBe(true);
        }
        expect(cases.filter((c) => c.visible).map((c) => c.index)).toEqual([0, 1, 2]);
      }
    }
  });

  it('cases are plain JSON, identical for one seed and different between seeds', () => {
    for (const check of listChecks()) {
      const a = check.generateCases(new Rng(5), 10);
      const b = check.generateCases(new Rng(5), 10);
      const c = check.generateCases(new Rng(6), 10);
      expect(JSON.parse(JSON.stringify(a))).toEqual(a);
      expect(a).toEqual(b);
      expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
    }
    const one = casesFor({ homeworkId: 'hw1-returns', seed: 123 });
    expect(casesFor({ homeworkId: 'hw1-returns', seed: 123 })).toEqual(one);
    const other = casesFor({ homeworkId: 'hw1-returns', seed: 124 });
    one.checks.forEach((check, i) => {
      expect(JSON.stringify(check.cases)).not.toBe(JSON.stringify(other.checks[i]?.cases));
    });
  });

  it("a check's cases depend only on (seed, check id), not on the other checks of the homework", () => {
    const full = casesFor({ homeworkId: 'hw1-returns', seed: 9 });
    const gaeOnly = casesFor({
      homeworkId: 'custom',
      seed: 9,
      homework: {
        id: 'custom',
        title: 'GAE only',
        items: [{ checkId: 'gae', points: 5, visible: 3, hidden: 12 }],
      },
    });
    expect(gaeOnly.checks[0]?.cases).toEqual(full.checks.find((c) => c.checkId === 'gae')?.cases);
    expect(gaeOnly.checks[0]?.points).toBe(5);
  });

  it('generated cases include the edge patterns of each check', () => {
    const required: Record<string, string[]> = {
      'discounted-return': ['empty', 'length-1', 'gamma=0', 'gamma=1', 'episode-boundary', 'no-done'],
      'td-target': ['empty', 'length-1', 'terminated', 'truncated', 'gamma=0', 'gamma=1'],
      'a2c-advantage': ['empty', 'length-1', 'terminated', 'truncated', 'gamma=0', 'gamma=1'],
      gae: ['empty', 'length-1', 'lambda=0', 'lambda=1', 'gamma=0', 'gamma=1', 'terminated', 'truncated'],
      'n-step-return': ['empty', 'length-1', 'n=1', 'n>=T', 'gamma=0', 'gamma=1', 'truncated'],
      'importance-ratio': ['empty', 'length-1', 'same-policy', 'far-ratios'],
      'trajectory-weight': ['length-1', 'same-policy', 'far-ratios'],
      'truncated-trajectory-weight': ['length-1', 'nothing-truncated', 'all-truncated'],
      'categorical-kl': ['length-1', 'same-distribution', 'near-deterministic'],
      'gaussian-kl': ['length-1', 'same-distribution', 'same-mean'],
      'categorical-entropy': ['length-1', 'uniform', 'near-deterministic', 'one-category'],
      'ppo-kl-penalty': ['length-1', 'klCoef=0', 'negative-advantages', 'far-ratios'],
      'ppo-clip': ['length-1', 'far-ratios', 'negative-advantages', 'wide-clip-range'],
      'ppo-clip-kl-entropy': ['length-1', 'far-ratios', 'negative-advantages', 'klCoef=0', 'entropyCoef=0'],
    };
    for (const homework of listHomeworks()) {
      const cases = casesFor({ homeworkId: homework.id, seed: 31 });
      for (const check of cases.checks) {
        const tags = new Set(check.cases.flatMap((c) => c.tags));
        for (const tag of required[check.checkId] ?? ['(missing)']) {
          expect(tags.has(tag), `${check.checkId} lacks a ${tag} case`).toBe(true);
        }
      }
    }
  });

  it('edge cases have the shapes their tags claim', () => {
    const byTag = (id: string, tag: string) =>
      prepareCheckCases(getCheck(id), 4, 3, 12).filter((c) => c.tags.includes(tag));
    expect(byTag('discounted-return', 'empty')[0]?.args[0]).toEqual([]);
    expect(byTag('discounted-return', 'empty')[0]?.expected).toEqual([]);
    expect((byTag('gae', 'length-1')[0]!.args[0] as number[]).length).toBe(1);
    expect((byTag('gae', 'length-1')[0]!.args[4] as number[])[0]).toBe(1);
    expect(byTag('gae', 'lambda=0')[0]?.args[6]).toBe(0);
    expect(byTag('gae', 'lambda=1')[0]?.args[6]).toBe(1);
    expect(byTag('discounted-return', 'gamma=1')[0]?.args[2]).toBe(1);
    const far = byTag('ppo-clip', 'far-ratios')[0]?.args as [number[], number[], number[], number];
    const ratios = far[0].map((lp, t) => Math.exp(lp - (far[1][t] as number)));
    expect(ratios.some((r) => r > 1 + far[3] * 2)).toBe(true);
    expect(ratios.some((r) => r < 1 - far[3] * 1.5)).toBe(true);
    expect(far[2].some((a) => a < 0)).toBe(true);
    // random rollouts have an interior termination and truncation, so masks and bootstraps matter
    for (const c of prepareCheckCases(getCheck('td-target'), 4, 3, 12).filter((x) => x.tags.length === 0)) {
      const [, , term, trunc] = c.args as number[][];
      expect(term?.includes(1) && trunc?.includes(1)).toBe(true);
    }
  });

  it('unknown ids get a clear error listing the known ids', () => {
    expect(() => getCheck('gea')).toThrow(
      /unknown check id "gea"; known check ids: discounted-return, td-target/,
    );
    expect(() => getHomework('hw9')).toThrow(
      /unknown homework id "hw9"; known homework ids: hw1-returns, hw2-policy-gradient, hw3-ppo/,
    );
    expect(() => casesFor({ homeworkId: 'hw1-returns', seed: -1 })).toThrow(
      /seed must be a safe integer ≥ 0/,
    );
  });

  it('generates no tensors that outlive a call (references run inside tf.tidy)', () => {
    const before = tf.memory().numTensors;
    casesFor({ homeworkId: 'hw2-policy-gradient', seed: 3 });
    casesFor({ homeworkId: 'hw3-ppo', seed: 3 });
    expect(tf.memory().numTensors).toBe(before);
    expect(getHomework('hw3-ppo').items.map((i) => i.checkId)).toEqual([
      'ppo-kl-penalty',
      'ppo-clip',
      'ppo-clip-kl-entropy',
    ]);
  });
});
