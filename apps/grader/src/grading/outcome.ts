import type { Verdict } from '@critic/runner';

/** What grading one job came to (returned to the worker / HTTP caller, and counted in metrics). */
export interface GradeOutcome {
  submissionId: string;
  attempt: number;
  /**
   * `succeeded` / `failed`: this run finished the attempt; `skipped`: nothing to do (a stale attempt
   * after a rejudge, or an attempt already finished by an earlier run of the same job).
   */
  status: 'succeeded' | 'failed' | 'skipped';
  /** The verdict: `ok` or `wrong_answer` for a success, the student's failure class otherwise; null when skipped. */
  verdict: Verdict | null;
  /** For the student (failed) or the operator (skipped). */
  message?: string;
  /** Mean return per split (agents) or points (checks). */
  scores?: Record<string, number>;
  /** Wall time of this run, in milliseconds. */
  durationMs: number;
}
