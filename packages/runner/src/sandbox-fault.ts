/** Why the platform, not the submission, ended a sandbox. */
export type SandboxFaultReason =
  /** The wall-clock backstop fired while the CPU time used was still under its limit (a starved or stalled machine). */
  | 'wall_backstop'
  /** The sandbox child was killed by a signal the runner did not send (the OOM killer, an operator). */
  | 'killed';

/**
 * A failure of the platform while running a submission: never the student's verdict. It is not a
 * RunnerError, so the grader treats it like any platform failure (the job is retried, and after its
 * last attempt the submission fails as `platform_error`, which does not count toward the daily limit).
 */
export class SandboxFaultError extends Error {
  readonly reason: SandboxFaultReason;

  constructor(reason: SandboxFaultReason, message: string) {
    super(message);
    this.name = 'SandboxFaultError';
    this.reason = reason;
  }
}

/** Whether `e` is a platform fault of the sandbox (as opposed to the student's failure). */
export function isSandboxFault(e: unknown): e is SandboxFaultError {
  return e instanceof SandboxFaultError;
}
