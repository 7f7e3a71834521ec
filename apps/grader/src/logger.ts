/** Where the grader reports what happens (library code never prints; `main.ts` injects a JSON-lines logger). */
export interface GraderLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Drops every message (the default in tests and library use). */
export const silentGraderLogger: GraderLogger = { info: () => {}, warn: () => {}, error: () => {} };

/** One JSON object per line on stderr (for `main.ts`). */
export function jsonLinesLogger(write: (line: string) => void): GraderLogger {
  const log = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    write(`${JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })}\n`);
  return { info: log('info'), warn: log('warn'), error: log('error') };
}
