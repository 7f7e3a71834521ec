/** Where the envs package reports warnings (it never prints); inject one to see them. */
export interface EnvLogger {
  warn(message: string): void;
}

/** The default logger: drops every message. */
export const silentLogger: EnvLogger = { warn: () => {} };
