import type { CheckCases, HomeworkCases, PreparedCase } from './cases';
import { getCheck } from './catalogue';
import { matchingMistakes, mostLikelyMistake } from './diagnose';
import type { CheckValue, HomeworkCheck, KnownMistake, Tolerance } from './types';

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

/** A case's result before mistakes are named, with the mistakes its answer matches. */
interface PendingResult {
  result: CaseResult;
  /** The comparison's message (first mismatch), for a well-formed wrong answer. */
  mismatch?: string;
  matches: KnownMistake[];
}

function gradeCase(
  check: HomeworkCheck,
  c: PreparedCase,
  outcome: StudentOutcome | undefined,
): PendingResult {
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
    return {
      result: { ...base, passed: false, verdict: 'not_run', got: undefined, message, summary: message },
      matches: [],
    };
  }
  if (!outcome.ok) {
    const message = outcome.failure.message;
    const verdict = outcome.failure.verdict;
    return {
      result: { ...base, passed: false, verdict, got: undefined, message, summary: message },
      matches: [],
    };
  }
  const comparison = check.compare(c.expected, outcome.value);
  if (comparison.passed) {
    return {
      result: {
        ...base,
        passed: true,
        verdict: 'ok',
        got: outcome.value,
        message: 'correct',
        summary: 'correct',
      },
      matches: [],
    };
  }
  const wellFormed = comparison.mismatchIndex !== undefined;
  const result: CaseResult = {
    ...base,
    passed: false,
    verdict: 'wrong_answer',
    got: outcome.value,
    message: comparison.message,
    summary: wellFormed ? 'wrong answer' : comparison.message,
  };
  if (!wellFormed) return { result, matches: [] };
  return {
    result,
    mismatch: comparison.message,
    matches: matchingMistakes(check, c.args, c.expected, outcome.value),
  };
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
  const pending = cases.map((c, i) => gradeCase(check, c, outcomes[i]));
  const best = mostLikelyMistake(
    check,
    pending.map((p) => p.matches),
  );
  // name the mistake that explains the most cases wherever it fits, else the case's first match
  for (const p of pending) {
    const mistake = best && p.matches.includes(best.mistake) ? best.mistake : p.matches[0];
    if (mistake === undefined) continue;
    p.result.mistakeId = mistake.id;
    p.result.message = `${mistake.message} (${p.mismatch})`;
    p.result.summary = mistake.message;
  }
  const results = pending.map((p) => p.result);
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
  if (best) {
    grade.diagnosis = {
      mistakeId: best.mistake.id,
      message: best.mistake.message,
      cases: best.cases,
      failing: results.length - passed,
    };
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
