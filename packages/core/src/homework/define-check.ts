import type { Rng } from '@critic/envs';
import { compareValues } from './compare';
import { jsParamName, type PythonSignature, typeScriptSignature } from './python-signature';
import type { CheckCase, CheckValue, HomeworkCheck, KnownMistake, Tolerance } from './types';

/** Default tolerance: results within 1e-5 + 1e-4·|expected|. */
export const DEFAULT_TOLERANCE: Tolerance = { abs: 1e-5, rel: 1e-4 };

/** A case built to exercise one edge pattern. */
export interface EdgeCase<A extends unknown[]> {
  /** The edge patterns it exercises (`empty`, `gamma=1`, `truncated`, …). */
  tags: string[];
  /** Builds the arguments (values drawn from `rng`). */
  make(rng: Rng): A;
}

/** A known wrong variant over typed arguments. */
export interface MistakeSpec<A extends unknown[]> {
  /** Stable id. */
  id: string;
  /** Feedback naming the mistake and the fix. */
  message: string;
  /** The wrong variant's answer. */
  compute(args: A): CheckValue;
}

/** Everything that defines a check, typed by its argument tuple `A`. */
export interface CheckSpec<A extends unknown[]> {
  /** Catalogue id. */
  id: string;
  /** Human title. */
  title: string;
  /** Name of the exported student function. */
  functionName: string;
  /** The Python form; the TypeScript signature and argument names are derived from it. */
  python: PythonSignature;
  /** One line with the lecture's formula. */
  statement: string;
  /** The lecture's formula in LaTeX. */
  formula: string;
  /** Default points. */
  points: number;
  /** Tolerance; default {@link DEFAULT_TOLERANCE}. */
  tolerance?: Tolerance;
  /** A plain random case. */
  randomCase(rng: Rng): A;
  /** Edge cases, interleaved with random ones in generated case lists. */
  edgeCases: EdgeCase<A>[];
  /** The reference answer, in float64 (a @critic/core returns function or a homework/float64 one). */
  reference(args: A): CheckValue;
  /** Known wrong variants. */
  mistakes: MistakeSpec<A>[];
}

/**
 * Builds a {@link HomeworkCheck}. Generated lists start with a random case, then alternate edge
 * cases (in their declared order) with random ones; once the edges are used up, all are random.
 */
export function defineCheck<A extends unknown[]>(spec: CheckSpec<A>): HomeworkCheck {
  const tolerance = spec.tolerance ?? DEFAULT_TOLERANCE;
  const mistakes: KnownMistake[] = spec.mistakes.map((m) => ({
    id: m.id,
    message: m.message,
    compute: (args) => m.compute(args as A),
  }));
  return {
    id: spec.id,
    title: spec.title,
    functionName: spec.functionName,
    signature: typeScriptSignature(spec.functionName, spec.python),
    argNames: spec.python.params.map(jsParamName),
    python: spec.python,
    statement: spec.statement,
    formula: spec.formula,
    points: spec.points,
    tolerance,
    generateCases(rng: Rng, count: number): CheckCase[] {
      if (!Number.isInteger(count) || count < 0) {
        throw new RangeError(`generateCases(${spec.id}): count must be an integer ≥ 0, found ${count}`);
      }
      const cases: CheckCase[] = [];
      let edge = 0;
      const randomSlotsLeft = () => count - cases.length - (spec.edgeCases.length - edge);
      for (let index = 0; index < count; index++) {
        const useEdge =
          edge < spec.edgeCases.length && ((index % 2 === 1 && index > 0) || randomSlotsLeft() <= 0);
        if (useEdge) {
          const e = spec.edgeCases[edge++] as EdgeCase<A>;
          cases.push({ index, args: e.make(rng), tags: [...e.tags] });
        } else {
          cases.push({ index, args: spec.randomCase(rng), tags: [] });
        }
      }
      return cases;
    },
    reference: (args) => spec.reference(args as A),
    compare: (expected, got) => compareValues(expected, got, tolerance),
    mistakes,
  };
}
