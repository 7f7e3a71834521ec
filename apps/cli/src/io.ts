/** Where the CLI writes text (injected so tests can capture it). */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal (progress bar redrawn in place) or not (one line per 10%). */
  isTTY: boolean;
}

/** A user error: printed without a stack trace, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
