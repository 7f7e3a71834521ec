import type { AttemptConsole } from '@critic/db';

/**
 * Where a grading run leaves the student's console output (the sandbox's, bounded to 64 KiB by the
 * runner), read just before the sandbox closes, so it is there whether the run succeeded or failed.
 */
export interface ConsoleCapture {
  /** What the student's code printed; undefined until the sandbox has closed. */
  output?: string;
  /**
   * Length of `output` when the first private episode began (the console only grows), so what private
   * episodes printed is stored apart and shown to students only once the private board is released.
   * Undefined while (or when) no private episode ran.
   */
  privateFrom?: number;
}

/**
 * The console fields of `finishAttempt`/`failAttempt` for what was captured: the public part (loading
 * and public episodes), the private part, and whether private episodes had begun.
 */
export function consoleOutputOf(capture: ConsoleCapture): AttemptConsole {
  const output = capture.output ?? '';
  const at = capture.privateFrom;
  const publicPart = at === undefined ? output : output.slice(0, at);
  const privatePart = at === undefined ? '' : output.slice(at);
  return {
    ...(publicPart ? { consoleOutput: publicPart } : {}),
    ...(privatePart ? { privateConsoleOutput: privatePart } : {}),
    ...(at === undefined ? {} : { privateStarted: true }),
  };
}
