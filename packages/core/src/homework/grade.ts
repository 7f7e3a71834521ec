import type { CheckCases, HomeworkCases, PreparedCase } from './cases';
import { getCheck } from './catalogue';
import { diagnoseCase } from './diagnose';
import type { CheckValue, HomeworkCheck, Tolerance } from './types';

/** What one call of the student's function gave: a value, or a failure (thrown error, time limit, …). */
export type StudentOutcome =
  | { ok: true; value: unknown }
  | { ok: false; failure: { verdict: string; message: string } };

/** The verdict of one case. */
export type CaseVerdict = 'ok' | 'wrong_answer' | 'not_run' | (string & {});

/** The result of one case (full detail; see {@link studentView} for what a student may see). */
export interface CaseResult {
  /** Case index in its check. */
  case: number;
  /** Whether the student sees input, expected and got. */
  visible: boolean;
  /** Whether the answer was accepted. */
  passed: boolean;
  /** `ok`, `wrong_answer`, `not_run`, or the runner's verdict (`runtime_error`, `time_limit`, …). */
  verdict: CaseVerdict;
  /** Edge patterns of the case. */
  tags: string[];
  /** The arguments. */
  args: unknown[];
  /** The reference answer. */
  expected: CheckValue;
  /** What the student's function returned (undefined when it failed). */
  got: unknown;
  /** The tolerance applied. */
  tolerance: Tolerance;
  /** Feedback with values: the named mistake and/or the first mismatch, the shape problem, or the error. */
  message: string;
  /** Feedback without values (what a hidden case shows). */
  summary: string;
  /** Id of the known mistake the answer matches, if any. */
  mistakeId?: string;
}

/** The grade of one check. */
export interface CheckGrade {
  /** Catalogue id. */
  checkId: string;
  /** The exported function. */
  functionName: string;
  /** Points earned: fraction of cases passed × maxPoints (2 decimals). */
  points: number;
  /** Points available. */
  maxPoints: number;
  /** Cases passed. */
  passed: number;
  /** Cases in all. */
  total: number;
  /** Per-case results, in case order. */
  results: CaseResult[];
  /** The known mistake matched by the most failing cases, if any. */
  diagnosis?: { mistakeId: string; message: string; cases: number; failing: number };
}

/** The grade of a homework. */
export interface HomeworkGrade {
  /** Homework id. */
  homeworkId: string;
  /** Sum of the checks' points (2 decimals). */
  points: number;
  /** Sum of the checks' maximum points. */
  maxPoints: number;
  /** One grade per check, in the homework's order. */
  checks: CheckGrade[];
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function gradeCase(check: HomeworkCheck, c: PreparedCase, outcome: StudentOutcome | undefined): CaseResult {
  const base = {
    case: c.index,
    visible: c.visible,
    tags: c.tags,
    args: c.args,
    expected: c.expected,
    tolerance: check.tolerance,
  };
  if (outcome === undefined) {
    const message = `${check.functionName} was not run on this case (an earlier failure ended the batch)`;
    return { ...base, passed: false, verdict: 'not_run', got: undefined, message, summary: message };
  }
  if (!outcome.ok) {
    const message = outcome.failure.message;
    return {
      ...base,
      passed: false,
      verdict: outcome.failure.verdict,
      got: undefined,
      message,
      summary: message,
    };
  }
  const comparison = check.compare(c.expected, outcome.value);
  if (comparison.passed) {
    return {
      ...base,
      passed: true,
      verdict: 'ok',
      got: outcome.value,
      message: 'correct',
      summary: 'correct',
    };
  }
  const shapeRight = comparison.mismatchIndex !== undefined;
  const mistake = shapeRight ? diagnoseCase(check, c.args, c.expected, outcome.value) : undefined;
  const result: CaseResult = {
    ...base,
    passed: false,
    verdict: 'wrong_answer',
    got: outcome.value,
    message: mistake ? `${mistake.message} (${comparison.message})` : comparison.message,
    summary: mistake ? mistake.message : shapeRight ? 'wrong answer' : comparison.message,
  };
  if (mistake) result.mistakeId = mistake.id;
  return result;
}

/**
 * Grades one check: `outcomes[i]` is the student's result on `cases[i]` (missing ones count as not
 * run). Partial credit: fraction of cases passed × points.
 */
export function gradeCheck(
  check: HomeworkCheck,
  cases: readonly PreparedCase[],
  outcomes: readonly StudentOutcome[],
  points = check.points,
): CheckGrade {
  const results = cases.map((c, i) => gradeCase(check, c, outcomes[i]));
  const passed = results.filter((r) => r.passed).length;
  const grade: CheckGrade = {
    checkId: check.id,
    functionName: check.functionName,
    points: cases.length === 0 ? 0 : round2((passed / cases.length) * points),
    maxPoints: points,
    passed,
    total: cases.length,
    results,
  };
  const counts = new Map<string, number>();
  for (const r of results) if (r.mistakeId) counts.set(r.mistakeId, (counts.get(r.mistakeId) ?? 0) + 1);
  let best: [string, number] | undefined;
  for (const entry of counts) if (best === undefined || entry[1] > best[1]) best = entry;
  if (best) {
    const mistake = check.mistakes.find((m) => m.id === best[0]);
    if (mistake) {
      grade.diagnosis = {
        mistakeId: mistake.id,
        message: mistake.message,
        cases: best[1],
        failing: results.length - passed,
      };
    }
  }
  return grade;
}

/** Grades one check of a prepared homework (see {@link casesFor}). */
export function gradeCheckCases(checkCases: CheckCases, outcomes: readonly StudentOutcome[]): CheckGrade {
  return gradeCheck(getCheck(checkCases.checkId), checkCases.cases, outcomes, checkCases.points);
}

/**
 * Grades a whole homework: `outcomes[checkId]` holds the student's results for that check's cases
 * (a check left out counts as not run).
 */
export function gradeHomework(
  homeworkCases: HomeworkCases,
  outcomes: Readonly<Record<string, readonly StudentOutcome[] | undefined>>,
): HomeworkGrade {
  const checks = homeworkCases.checks.map((c) => gradeCheckCases(c, outcomes[c.checkId] ?? []));
  return {
    homeworkId: homeworkCases.homeworkId,
    points: round2(checks.reduce((s, c) => s + c.points, 0)),
    maxPoints: checks.reduce((s, c) => s + c.maxPoints, 0),
    checks,
  };
}

/** What a student may see of one case: everything for a visible case; pass/fail and a value-free summary for a hidden one. */
export type StudentCaseView =
  | (Omit<CaseResult, 'summary'> & { visible: true })
  | {
      case: number;
      visible: false;
      passed: boolean;
      verdict: CaseVerdict;
      message: string;
      mistakeId?: string;
    };

/** A check's grade as a student may see it: hidden cases without inputs, expected or got values. */
export function studentView(grade: CheckGrade): Omit<CheckGrade, 'results'> & { results: StudentCaseView[] } {
  return {
    ...grade,
    results: grade.results.map((r): StudentCaseView => {
      if (r.visible) {
        const { summary: _summary, ...rest } = r;
        return { ...rest, visible: true };
      }
      const view: StudentCaseView = {
        case: r.case,
        visible: false,
        passed: r.passed,
        verdict: r.verdict,
        message: r.summary,
      };
      if (r.mistakeId) view.mistakeId = r.mistakeId;
      return view;
    }),
  };
}
