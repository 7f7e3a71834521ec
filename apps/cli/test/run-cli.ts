import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/main';

/** What one CLI run printed, and its exit code. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `critic <argv>` in-process with captured output (stderr is not a terminal). */
export async function runCli(argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
    isTTY: false,
  });
  return { code, stdout, stderr };
}

/**
 * Runs a command line written as a template, `` critic`eval ${path} --env CartPole-v1 --json` ``: the
 * literal text splits on white space into arguments, and each `${value}` is one argument of its own
 * (a path with spaces stays whole).
 */
export function critic(text: TemplateStringsArray, ...values: string[]): Promise<CliRun> {
  const argv: string[] = [];
  text.forEach((part, i) => {
    if ((i > 0 && /^\S/.test(part)) || (i < values.length && /\S$/.test(part))) {
      throw new Error('critic`…`: an interpolated value is a whole argument, between white space');
    }
    argv.push(...part.split(/\s+/).filter((word) => word.length > 0));
    if (i < values.length) argv.push(values[i]!);
  });
  return runCli(argv);
}

/** Writes `files` into a fresh temporary folder; returns the folder. */
export function tempFiles(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'critic-cli-test-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}
