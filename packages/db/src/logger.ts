/** Where the data layer reports what it does; library code never prints. */
export interface DbLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** A logger that drops everything (the default when none is injected). */
export const silentLogger: DbLogger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};
