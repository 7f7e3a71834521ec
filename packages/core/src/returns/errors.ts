/**
 * The one error class of the math half of `@critic/core`: thrown for bad arguments to distributions,
 * returns, advantages and losses. `argument` names the offending argument (e.g. `rewards`, `gamma`,
 * `actions`), so a homework check or a CLI can point at it.
 */
export class CoreArgumentError extends Error {
  /** Name of the offending argument, as spelled in the function's options object. */
  readonly argument: string;

  constructor(argument: string, expected: string, found: string) {
    super(`${argument}: expected ${expected}, found ${found}`);
    this.name = 'CoreArgumentError';
    this.argument = argument;
  }
}
