import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './io';

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed<T extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>
>;

/** Parses one subcommand's flags strictly; an unknown or malformed flag is a UsageError listing the known ones. */
export function parseCommandArgs<const T extends Options>(
  command: string,
  args: string[],
  options: T,
): Parsed<T> {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const known = Object.keys(options)
      .map((k) => `--${k}`)
      .join(', ');
    throw new UsageError(`${command}: ${(error as Error).message.split('.')[0]}; known options: ${known}`);
  }
}
