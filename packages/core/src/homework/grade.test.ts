import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type CheckValue,
  callsFor,
  casesFor,
  getCheck,
  getHomework,
  gradeCheck,
  gradeHomework,
  prepareCheckCases,
  requiredExports,
  type StudentOutcome,
  studentView,
} from './index';
import { correctSolutions } from './testing/correct-solutions';
import { runStudent } from './testing/run-student';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const ok = (value: unknown): StudentOutcome => ({ ok: true, value });

describe('gradeCheck', () => {
  const check = getCheck('td-target');
  const cases = prepareCheckCases(check, 8, 3, 7);

  it('gives partial credit: fraction of cases passed × points', () => {
    const outcomes = cases.map((c, i) => ok(i % 2 === 0 ? c.expected : 'nope'));
    const grade = gradeCheck(check, cases, outcomes, 20);
    expect(grade.passed).toBe(5);
    expect(grade.total).toBe(10);
    expect(grade.points).toBe(10);
    expect(grade.maxPoints).toBe(20);
    expect(grade.results.map((r) => r.passed)).toEqual(cases.map((_, i) => i % 2 === 0));
    expect(grade.results[1]?.verdict).toBe('wrong_answer');
    const expectedLength = (cases[1]!.expected as number[]).length;
    expect(grade.results[1]?.message).toBe(
      `expected an array of ${expectedLength} numbers, found a string ("nope")`,
    );
    expect(
      gradeCheck(
        check,
        cases,
        cases.map(() => ok(null)),
      ).points,
    ).toBe(0);
    expect(gradeCheck(check, cases.slice(0, 3), [ok(cases[0]?.expected)]).points).toBe(3.33);
  });

  it("reports thrown errors and the runner's verdicts per case, and missing outcomes as not run", () => {
    const outcomes: StudentOutcome[] = [
      ok(cases[0]?.expected),
      {
        ok: false,
        failure: { verdict: 'runtime_error', message: 'TypeError: rewards.map is not a function' },
      },
      { ok: false, failure: { verdict: 'time_limit', message: 'tdTarget() ran longer than its time limit' } },
    ];
    const grade = gradeCheck(check, cases, outcomes);
    expect(grade.results.slice(0, 3).map((r) => [r.passed, r.verdict])).toEqual([
      [true, 'ok'],
      [false, 'runtime_error'],
      [false, 'time_limit'],
    ]);
    expect(grade.results[1]?.message).toBe('TypeError: rewards.map is not a function');
    expect(grade.results[5]).toMatchObject({
      passed: false,
      verdict: 'not_run',
      message: 'tdTarget was not run on this case (an earlier failure ended the batch)',
    });
    expect(grade.points).toBe(1);
  });

  it('does not name a mistake for a shape error, only for a well-formed wrong answer', () => {
    const broken = cases.map((c) => ok(Array.isArray(c.expected) ? [...c.expected, 0] : 0));
    const grade = gradeCheck(check, cases, broken);
    expect(grade.results.every((r) => r.mistakeId === undefined)).toBe(true);
    expect(grade.diagnosis).toBeUndefined();
  });

  it('a student view hides inputs, expected and got of hidden cases but keeps pass/fail and the named mistake', () => {
    const ignoresDone = (r: number[], nv: number[], _t: number[], _u: number[], g: number) =>
      r.map((x, i) => x + g * (nv[i] as number));
    const grade = gradeCheck(check, cases, runStudent(ignoresDone as never, cases));
    const view = studentView(grade);
    const visible = view.results.filter((r) => r.visible);
    const hidden = view.results.filter((r) => !r.visible);
    expect(visible).toHaveLength(3);
    expect(hidden).toHaveLength(7);
    for (const r of visible) {
      expect(r).toHaveProperty('args');
      expect(r).toHaveProperty('expected');
      expect(r).toHaveProperty('tolerance');
    }
    for (const r of hidden) {
      expect(Object.keys(r).sort()).toEqual(
        r.mistakeId
          ? ['case', 'message', 'mistakeId', 'passed', 'verdict', 'visible']
          : ['case', 'message', 'passed', 'verdict', 'visible'],
      );
      expect(r.message).not.toMatch(/expected -?\d/);
    }
    expect(hidden.some((r) => r.mistakeId === 'ignores-terminated')).toBe(true);
    expect(view.diagnosis?.mistakeId).toBe('ignores-terminated');
  });
});

describe('gradeHomework', () => {
  it('sums the checks; a check left out counts as not run; the runner gets calls and required exports', () => {
    const homework = getHomework('hw1-returns');
    expect(requiredExports(homework)).toEqual([
      'discountedReturn',
      'tdTarget',
      'a2cAdvantage',
      'nStepReturn',
      'gae',
    ]);
    const cases = casesFor({ homeworkId: homework.id, seed: 99 });
    const outcomes: Record<string, StudentOutcome[]> = {};
    for (const c of cases.checks) {
      if (c.checkId === 'gae') continue;
      const calls = callsFor(c);
      expect(calls.every((call) => call.name === c.functionName)).toBe(true);
      const fn = correctSolutions[c.functionName] as (...a: never[]) => unknown;
      outcomes[c.checkId] = runStudent(fn, calls);
    }
    const grade = gradeHomework(cases, outcomes);
    const gaePoints = homework.items.find((i) => i.checkId === 'gae')?.points ?? 0;
    expect(grade.maxPoints).toBe(homework.items.reduce((s, i) => s + i.points, 0));
    expect(grade.points).toBe(grade.maxPoints - gaePoints);
    const gae = grade.checks.find((c) => c.checkId === 'gae');
    expect(gae?.points).toBe(0);
    expect(gae?.results.every((r) => r.verdict === 'not_run')).toBe(true);
  });

  it('visible cases come first and carry everything the student needs to reproduce them', () => {
    const cases = casesFor({ homeworkId: 'hw3-ppo', seed: 5 });
    for (const check of cases.checks) {
      expect(check.cases.map((c) => c.visible)).toEqual([...Array(15).keys()].map((i) => i < 3));
      const first = check.cases[0];
      const expected: CheckValue | undefined = first?.expected;
      expect(typeof expected).toBe('number');
      expect(check.tolerance.abs).toBeGreaterThan(0);
    }
  });

  it('refuses a bad custom homework definition, naming the field', () => {
    const custom = (items: unknown[]) =>
      casesFor({ homeworkId: 'x', seed: 1, homework: { id: 'x', title: 'X', items: items as never } });
    const item = { checkId: 'gae', points: 5, visible: 2, hidden: 3 };
    expect(custom([item]).checks[0]?.cases).toHaveLength(5);
    expect(() => custom([])).toThrow(
      'homework definition: items: expected a non-empty array of checks, found an array of 0',
    );
    expect(() => custom([{ ...item, hidden: -1 }])).toThrow(
      'homework definition: items[0].hidden: expected an integer ≥ 0, found -1',
    );
    expect(() => custom([item, { ...item, points: Number.NaN }])).toThrow(
      'homework definition: items[1].checkId: expected each check at most once, found gae again',
    );
    expect(() => custom([{ ...item, points: '5' }])).toThrow(
      'homework definition: items[0].points: expected a finite number ≥ 0, found "5"',
    );
    expect(() => custom([{ ...item, visible: 0, hidden: 0 }])).toThrow('expected at least one case');
    expect(() => custom([{ ...item, checkId: 'ppo' }])).toThrow(/unknown check id "ppo"; known check ids: /);
  });
});
