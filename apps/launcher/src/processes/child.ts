import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** How a child ended. */
export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A child process the launcher started, in its own process group (so it is stopped with its children). */
export interface LaunchedChild {
  readonly name: string;
  readonly pid: number | undefined;
  /** Resolves when the child has exited. */
  readonly exited: Promise<ChildExit>;
  /** SIGTERM to the child's group, SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs: number): Promise<ChildExit>;
}

/** Options of `launchChild`. */
export interface LaunchOptions {
  /** Label of the child in logs. */
  name: string;
  command: string;
  args: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Receives each line the child writes to stdout or stderr. */
  onLine: (line: string) => void;
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

/** Starts a child in its own process group, forwarding its output line by line. */
export function launchChild(options: LaunchOptions): LaunchedChild {
  const child = spawn(options.command, [...options.args], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream }).on('line', options.onLine);
  }
  const exited = new Promise<ChildExit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', (e) => {
      options.onLine(`failed to start ${options.command}: ${e.message}`);
      resolve({ code: null, signal: null });
    });
  });
  return {
    name: options.name,
    pid: child.pid,
    exited,
    async stop(graceMs) {
      signalGroup(child, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
