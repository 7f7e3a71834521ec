import { type ChildProcess, fork } from 'node:child_process';
import type { RunnerLogger } from '../logger';
import type { Request, Response } from '../protocol';
import { RunnerError } from '../verdict';
import { CHILD_SOURCE_DIR, type ChildEntry, childEntry } from './child-entry';

/** How to start a sandbox child. */
export interface SandboxProcessOptions {
  /** Wall-clock deadline from start; the child is killed when it passes. */
  wallTimeMs: number;
  /** V8 heap limit of the child, in MiB. */
  childHeapMb: number;
  /** Receives diagnostics (child stderr on a crash). */
  logger: RunnerLogger;
}

type Pending = { resolve: (r: { result: unknown; console: string }) => void; reject: (e: Error) => void };
type RequestBody = Request extends infer R ? (R extends Request ? Omit<R, 'id'> : never) : never;

const STDERR_KEEP = 8 * 1024;

/**
 * The sandbox child process seen from the grader: one request at a time over IPC (structured clone,
 * so typed arrays travel as such), a wall-clock deadline, and a verdict when the child dies.
 * The child gets an empty environment: no secret of the grader exists in it.
 */
export class SandboxProcess {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stderrTail = '';
  private deadlineHit = false;
  private exited = false;
  private readonly timer: NodeJS.Timeout;
  private readonly ready: Promise<void>;
  /** Milliseconds from spawn until the child answered (start-up time). */
  startupMs = 0;

  private constructor(
    private readonly options: SandboxProcessOptions,
    entry: ChildEntry,
  ) {
    const t0 = performance.now();
    this.child = fork(entry.script, [], {
      execArgv: [`--max-old-space-size=${options.childHeapMb}`, ...entry.execArgv],
      // An empty environment: no secret reaches student code. (The cast keeps this compiling where Next's
      // types make NODE_ENV a required key of ProcessEnv, e.g. in apps/web, which imports the validators.)
      env: {} as NodeJS.ProcessEnv,
      cwd: CHILD_SOURCE_DIR,
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    this.child.stderr?.setEncoding('utf8');
    this.child.stderr?.on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-STDERR_KEEP);
    });
    this.timer = setTimeout(() => {
      this.deadlineHit = true;
      this.child.kill('SIGKILL');
    }, options.wallTimeMs);
    this.timer.unref();
    this.ready = new Promise<void>((resolve, reject) => {
      this.pending.set(0, {
        resolve: () => {
          this.startupMs = performance.now() - t0;
          resolve();
        },
        reject,
      });
    });
    this.child.on('message', (msg: Response) => this.onMessage(msg));
    this.child.on('exit', (code, signal) => this.onExit(code, signal));
    this.child.on('error', (err) => this.options.logger.warn(`runner child error: ${err.message}`));
  }

  /** Spawns a child and waits until it is ready. */
  static async start(options: SandboxProcessOptions): Promise<SandboxProcess> {
    const p = new SandboxProcess(options, await childEntry());
    await p.ready;
    return p;
  }

  /** Sends one request; resolves with its result and the console output it produced. */
  request(body: RequestBody): Promise<{ result: unknown; console: string }> {
    if (this.exited) return Promise.reject(this.deathError(null, null));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ ...body, id } as Request, (err) => {
        if (err && this.pending.delete(id)) reject(err);
      });
    });
  }

  /** Ends the child (gracefully if it is idle, else by SIGKILL). */
  async close(): Promise<void> {
    clearTimeout(this.timer);
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    if (this.pending.size === 0 && this.child.connected) this.child.disconnect();
    else this.child.kill('SIGKILL');
    const force = setTimeout(() => this.child.kill('SIGKILL'), 2_000);
    await gone;
    clearTimeout(force);
  }

  private onMessage(msg: Response): void {
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    const consoleText = 'console' in msg ? (msg.console ?? '') : '';
    if (msg.ok) p.resolve({ result: msg.result, console: consoleText });
    else if ('failure' in msg)
      p.reject(Object.assign(new RunnerError(msg.failure), { console: consoleText }));
    else p.reject(new Error(`runner child: ${msg.internal}`));
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    this.exited = true;
    clearTimeout(this.timer);
    if (this.pending.size === 0) return;
    const err = this.deathError(code, signal);
    if (!this.deadlineHit)
      this.options.logger.warn(`runner child died (code ${code}, signal ${signal}): ${this.stderrTail}`);
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  private deathError(code: number | null, signal: NodeJS.Signals | null): RunnerError {
    if (this.deadlineHit) {
      return new RunnerError({
        verdict: 'time_limit',
        message: `the evaluation exceeded its wall-clock limit of ${this.options.wallTimeMs} ms and was stopped`,
      });
    }
    if (/out of memory|Allocation failed/i.test(this.stderrTail)) {
      return new RunnerError({
        verdict: 'memory_limit',
        message: `the submission exhausted the sandbox memory (${this.options.childHeapMb} MiB) and was stopped`,
      });
    }
    return new RunnerError({
      verdict: 'runtime_error',
      message: `the sandbox process stopped unexpectedly (${signal ? `signal ${signal}` : `exit code ${code}`}) while running the submission`,
    });
  }
}
