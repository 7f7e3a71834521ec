/** Base class of every error the envs package throws; `code` is stable for programmatic handling. */
export class EnvError extends Error {
  constructor(
    readonly code: 'invalid_action' | 'reset_needed' | 'unknown_env' | 'invalid_argument' | 'check_failed',
    message: string,
  ) {
    super(message);
    this.name = 'EnvError';
  }
}
