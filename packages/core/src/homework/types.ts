import type { Rng } from '@critic/envs';
import type { PythonSignature } from './python-signature';

/** What a homework function returns: one number (a loss) or one number per step/row. */
export type CheckValue = number | number[];

/** Closeness rule: `|got − expected| ≤ abs + rel·|expected|`, element by element. */
export interface Tolerance {
  /** Absolute part. */
  abs: number;
  /** Relative part (times |expected|). */
  rel: number;
}

/** One generated case: the arguments the student's function is called with, plus metadata. */
export interface CheckCase {
  /** Position of the case in its check (0-based). */
  index: number;
  /** Positional arguments, plain JSON (numbers, booleans, arrays and objects of those). */
  args: unknown[];
  /** Edge patterns this case exercises (`empty`, `length-1`, `gamma=0`, `truncated`, …); empty for a plain random case. */
  tags: string[];
}

/** How a `got` value compares with the expected one. */
export interface Comparison {
  /** Whether `got` has the right shape and every element is within tolerance. */
  passed: boolean;
  /** For the student: what is wrong (shape, type, NaN, first mismatch), or that it matches. */
  message: string;
  /** First element out of tolerance (−1 for a scalar), when the shape was right. */
  mismatchIndex?: number;
}

/** A known wrong implementation, recognised when a student's answer matches it. */
export interface KnownMistake {
  /** Stable id (`no-reset-at-done`, `kl-direction-swapped`, …). */
  id: string;
  /** Feedback naming the mistake and the fix, shown when the answer matches this variant. */
  message: string;
  /** The wrong variant's answer for the case's arguments. */
  compute(args: readonly unknown[]): CheckValue;
}

/** One homework check: a function students implement, its cases, reference and comparison. */
export interface HomeworkCheck {
  /** Catalogue id (`discounted-return`, `gae`, `ppo-clip`, …). */
  id: string;
  /** Human title. */
  title: string;
  /** Name of the function the student's module exports. */
  functionName: string;
  /** Its TypeScript signature, shown to students. */
  signature: string;
  /** The parameter names of the signature, in order (to label a case's positional arguments). */
  argNames: readonly string[];
  /** The Python form: snake_case name, numpy argument types and shapes, the return (same argument order). */
  python: PythonSignature;
  /** One line stating what to compute, with the lecture's formula. */
  statement: string;
  /** The lecture's formula in LaTeX (rendered with KaTeX on the homework page). */
  formula: string;
  /** Default points. */
  points: number;
  /** Tolerance used by `compare`. */
  tolerance: Tolerance;
  /** `count` cases drawn from `rng`; edge patterns interleaved with plain random cases. */
  generateCases(rng: Rng, count: number): CheckCase[];
  /** The reference answer, computed in float64 from the case's arguments (plain numbers, no tensors). */
  reference(args: readonly unknown[]): CheckValue;
  /** Validates `got` (shape, types, finiteness) and compares it with `expected` within `tolerance`. */
  compare(expected: CheckValue, got: unknown): Comparison;
  /** Known wrong variants, for feedback that names the mistake. */
  mistakes: readonly KnownMistake[];
}
