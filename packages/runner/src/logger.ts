/** Where the runner reports what it observes (it never prints); inject one to see child crashes. */
export interface RunnerLogger {
  /** Something went wrong that the caller may want to know about (e.g. the child's stderr on a crash). */
  warn(message: string): void;
}

/** The default logger: drops every message. */
export const silentRunnerLogger: RunnerLogger = { warn: () => {} };
