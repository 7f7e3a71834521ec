import { checkCommand } from './check/command';
import { evalCommand } from './eval/command';
import { type CliIO, UsageError } from './io';
import { submitCommand } from './submit/command';
import { trainCommand } from './train/command';

const USAGE = `Usage: critic <command> [options]

Commands:
  train <algorithm>   Train an agent (ppo, a2c, dqn, reinforce) and export it; see \`critic train --help\`.
  eval <artifact>     Score an agent on the public seeds, exactly as the grader does; see \`critic eval --help\`.
  check <file>        Run a homework module on its visible cases, as the grader does; see \`critic check --help\`.
  submit <artifact>   Upload to a Critic server and (with --wait) follow the grading; see \`critic submit --help\`.
`;

/** Runs the CLI with `argv` (without node and script); returns the exit code. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h') {
      io.stdout(USAGE);
      return command === undefined ? 2 : 0;
    }
    if (command === 'train') return await trainCommand(rest, io);
    if (command === 'eval') return await evalCommand(rest, io);
    if (command === 'check') return await checkCommand(rest, io);
    if (command === 'submit') return await submitCommand(rest, io);
    throw new UsageError(`unknown command ${JSON.stringify(command)}; expected: train, eval, check, submit`);
  } catch (error) {
    if (error instanceof UsageError || (error instanceof Error && error.name === 'ConfigError')) {
      io.stderr(`critic: ${error.message}\n`);
      return 2;
    }
    if (error instanceof Error && error.name === 'EnvError') {
      io.stderr(`critic: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
