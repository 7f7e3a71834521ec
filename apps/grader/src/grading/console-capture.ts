/**
 * Where a grading run leaves the student's console output (the sandbox's, bounded to 64 KiB by the
 * runner), read just before the sandbox closes, so it is there whether the run succeeded or failed.
 */
export interface ConsoleCapture {
  /** What the student's code printed; undefined until the sandbox has closed. */
  output?: string;
}

/** The `consoleOutput` field of `finishAttempt`/`failAttempt` for what was captured (none: nothing). */
export function consoleOutputOf(capture: ConsoleCapture): { consoleOutput?: string } {
  return capture.output ? { consoleOutput: capture.output } : {};
}
