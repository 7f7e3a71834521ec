import type { CheckCases, StudentOutcome } from '@critic/core';

/** A student's homework module loaded in its sandbox, whatever its language. */
export interface HomeworkRun {
  /** The student's outcome on each case of one check, in order (missing ones were not run). */
  outcomes(checkCases: CheckCases): Promise<StudentOutcome[]>;
  /** The student's console output so far. */
  consoleOutput(): string;
  close(): Promise<void>;
}

/** A failure as core's outcome, the student's own stack trace kept in the message. */
export function failureOutcome(failure: {
  verdict: string;
  message: string;
  studentStack?: string | undefined;
}): StudentOutcome {
  const message = failure.studentStack ? `${failure.message}\n${failure.studentStack}` : failure.message;
  return { ok: false, failure: { verdict: failure.verdict, message } };
}
