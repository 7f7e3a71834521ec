import type { CaseResult, CaseVerdict, CheckGrade } from './grade';

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
