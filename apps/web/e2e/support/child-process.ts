// Child processes of the end-to-end run (Next server, grader worker): logged to files, stopped by group.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A started child process and how to stop it (and everything it started). */
export interface Child {
  name: string;
  proc: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `command args` in its own process group, appending its output to `logFile`. */
export function startChild(
  name: string,
  command: string,
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv; logFile: string },
): Child {
  const log = fs.openSync(opts.logFile, 'w');
  const proc = spawn(command, args, {
    cwd: opts.cwd,
    env: opts.env,
    detached: true,
    stdio: ['ignore', log, log],
  });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  return {
    name,
    proc,
    async stop() {
      if (proc.exitCode !== null || proc.pid === undefined) return;
      process.kill(-proc.pid, 'SIGTERM');
      const timer = setTimeout(() => proc.pid !== undefined && process.kill(-proc.pid, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      fs.closeSync(log);
    },
  };
}

/** Runs `command args` to completion; rejects naming the command and its exit code (output in `logFile`). */
export function runToEnd(
  command: string,
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv; logFile: string },
): Promise<void> {
  const log = fs.openSync(opts.logFile, 'w');
  return new Promise((resolve, reject) => {
    const proc = spawn(command, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', log, log] });
    proc.once('exit', (code) => {
      fs.closeSync(log);
      if (code === 0) resolve();
      else reject(new Error(`${[command, ...args].join(' ')} exited with ${code}; see ${opts.logFile}`));
    });
  });
}

/** Polls `url` until it answers 200, failing early when `child` exits or after `timeoutMs`. */
export async function waitForHealthy(url: string, child: Child, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.proc.exitCode !== null)
      throw new Error(`${child.name} exited with ${child.proc.exitCode} before ${url} answered`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}

/** Starts a grader worker (`tsx src/main.ts work` in `grader.dir`) with `grader.env` over this process's environment. */
export function startGrader(
  grader: { dir: string; env: Record<string, string> },
  name: string,
  logFile: string,
): Child {
  return startChild(name, process.execPath, [require.resolve('tsx/cli'), 'src/main.ts', 'work'], {
    cwd: grader.dir,
    env: { ...process.env, ...grader.env },
    logFile,
  });
}
