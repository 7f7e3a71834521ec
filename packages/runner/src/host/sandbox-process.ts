import { type ChildProcess, fork } from 'node:child_process';
import type { SandboxLimits } from '../limits';
import type { RunnerLogger } from '../logger';
import type { Request, Response } from '../protocol';
import { SandboxFaultError } from '../sandbox-fault';
import { RunnerError } from '../verdict';
import { CHILD_SOURCE_DIR, type ChildEntry, childEntry } from './child-entry';
import { cappedLaunch } from './memory-cap';
import { type ProcStats, readProcStats } from './proc-stats';

/** How to start a sandbox child. */
export interface SandboxProcessOptions {
  /** The child's limits: wall-clock backstop, CPU budget, V8 heap and whole-process memory caps. */
  limits: Pick<SandboxLimits, 'wallTimeMs' | 'totalCpuMs' | 'childHeapMb' | 'processMemoryMb'>;
  /** Receives diagnostics (child stderr on a crash). */
  logger: RunnerLogger;
}

/** What the child used so far (sampled from /proc; zeros where /proc is missing). */
export interface SandboxUsage {
  /** The child's pid. */
  pid: number | undefined;
  /** CPU time of the child since it was ready (its start-up not counted), in milliseconds. */
  cpuMs: number;
  /** Highest resident size seen, in MiB. */
  peakRssMb: number;
  /** The whole-process memory cap, in MiB. */
  memoryCapMb: number;
  /** Whether the kernel enforces the cap (RLIMIT_DATA set through prlimit), not only the watchdog. */
  kernelCapped: boolean;
}

type Pending = { resolve: (r: { result: unknown; console: string }) => void; reject: (e: Error) => void };
type RequestBody = Request extends infer R ? (R extends Request ? Omit<R, 'id'> : never) : never;
/** Why the runner itself ended the child. */
type Stop = 'wall' | 'cpu' | 'memory' | 'close';

const STDERR_KEEP = 8 * 1024;
/** How often the watchdog samples the child's CPU time and memory. */
const WATCH_MS = 20;
/** Fraction of the memory cap at which the watchdog ends the child (the kernel's hard cap is the whole of it). */
const WATCH_MEMORY_FRACTION = 0.9;
/** What V8, isolated-vm and the C++ runtime print when an allocation fails. */
const OOM_MARKERS =
  /out of memory|Allocation failed|CALL_AND_RETRY_LAST|is_heap_oom|std::bad_alloc|Array buffer allocation failed|Cannot allocate memory/i;
/** Signals the student's code cannot send to its own process: someone else (OOM killer, operator) did. */
const EXTERNAL_SIGNALS = new Set<NodeJS.Signals>(['SIGKILL', 'SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT']);
/** Signals a process dies of when an allocation at the kernel's cap fails inside native code. */
const CRASH_SIGNALS = new Set<NodeJS.Signals>(['SIGSEGV', 'SIGABRT', 'SIGBUS', 'SIGTRAP', 'SIGILL']);

/**
 * The sandbox child process seen from the grader: one request at a time over IPC (structured clone,
 * so typed arrays travel as such), and a verdict when the child dies. The child gets an empty
 * environment (no secret of the grader exists in it) and, on Linux, a kernel cap on its data memory
 * (`prlimit`). A watchdog samples /proc: more CPU time than `totalCpuMs` is `time_limit`, a resident
 * size near the memory cap `memory_limit`. The wall-clock deadline is a backstop only: when it fires
 * while the CPU time is under its budget, the machine starved the child (SandboxFaultError, retried).
 * A child killed by a signal the runner did not send is a SandboxFaultError as well.
 */
export class SandboxProcess {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stderrTail = '';
  private stopped: Stop | undefined;
  private exited = false;
  private readonly timer: NodeJS.Timeout;
  private watch: NodeJS.Timeout | undefined;
  private readonly ready: Promise<void>;
  private readonly kernelCapped: boolean;
  private cpuAtReady: number | undefined;
  private last: ProcStats | undefined;
  private peakRssMb = 0;
  /** Milliseconds from spawn until the child answered (start-up time). */
  startupMs = 0;

  private constructor(
    private readonly options: SandboxProcessOptions,
    entry: ChildEntry,
  ) {
    const t0 = performance.now();
    const { limits } = options;
    const capped = cappedLaunch(limits.processMemoryMb);
    this.kernelCapped = capped !== undefined;
    this.child = fork(entry.script, [], {
      ...(capped ? { execPath: capped.execPath } : {}),
      execArgv: [...(capped?.prefix ?? []), `--max-old-space-size=${limits.childHeapMb}`, ...entry.execArgv],
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
      this.sample();
      this.stop('wall');
    }, limits.wallTimeMs);
    this.timer.unref();
    this.ready = new Promise<void>((resolve, reject) => {
      this.pending.set(0, {
        resolve: () => {
          this.startupMs = performance.now() - t0;
          this.startWatch();
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

  /** The child's process id. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** CPU time and peak memory of the child so far. */
  usage(): SandboxUsage {
    if (!this.exited) this.sample();
    return {
      pid: this.child.pid,
      cpuMs: this.cpuSinceReady(),
      peakRssMb: this.peakRssMb,
      memoryCapMb: this.options.limits.processMemoryMb,
      kernelCapped: this.kernelCapped,
    };
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
    clearInterval(this.watch);
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    if (this.pending.size === 0 && this.child.connected) this.child.disconnect();
    else this.stop('close');
    const force = setTimeout(() => this.child.kill('SIGKILL'), 2_000);
    await gone;
    clearTimeout(force);
  }

  private startWatch(): void {
    this.sample();
    this.cpuAtReady = this.last?.cpuMs;
    if (this.last === undefined) return; // no /proc: the wall-clock deadline is all there is
    this.watch = setInterval(() => {
      if (!this.sample()) return;
      const { limits } = this.options;
      const rss = this.last?.rssMb ?? 0;
      const data = this.last?.dataMb ?? 0;
      if (
        rss > limits.processMemoryMb ||
        (this.kernelCapped && data > WATCH_MEMORY_FRACTION * limits.processMemoryMb)
      ) {
        this.stop('memory');
      } else if (this.cpuSinceReady() > limits.totalCpuMs) {
        this.stop('cpu');
      }
    }, WATCH_MS);
    this.watch.unref();
  }

  /** Reads /proc for the child; false when it is gone (or there is no /proc). */
  private sample(): boolean {
    if (this.exited || this.child.pid === undefined) return false;
    const s = readProcStats(this.child.pid);
    if (!s) return false;
    this.last = s;
    this.peakRssMb = Math.max(this.peakRssMb, s.peakRssMb, s.rssMb);
    return true;
  }

  private cpuSinceReady(): number {
    if (this.last === undefined || this.cpuAtReady === undefined) return 0;
    return this.last.cpuMs - this.cpuAtReady;
  }

  private stop(why: Stop): void {
    if (this.exited || this.stopped) return;
    this.stopped = why;
    clearInterval(this.watch);
    this.child.kill('SIGKILL');
  }

  private onMessage(msg: Response): void {
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    const consoleText = 'console' in msg ? (msg.console ?? '') : '';
    if (msg.ok) p.resolve({ result: msg.result, console: consoleText });
    else if ('failure' in msg)
      p.reject(Object.assign(new RunnerError(msg.failure), { console: consoleText }));
    else if ('fault' in msg) p.reject(new SandboxFaultError(msg.fault.reason, msg.fault.message));
    else p.reject(new Error(`runner child: ${msg.internal}`));
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    this.exited = true;
    clearTimeout(this.timer);
    clearInterval(this.watch);
    if (this.pending.size === 0) return;
    const err = this.deathError(code, signal);
    if (this.stopped === undefined)
      this.options.logger.warn(`runner child died (code ${code}, signal ${signal}): ${this.stderrTail}`);
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  private deathError(code: number | null, signal: NodeJS.Signals | null): Error {
    const { limits } = this.options;
    const memoryLimit = () =>
      new RunnerError({
        verdict: 'memory_limit',
        message: `the submission exhausted the sandbox memory (${limits.processMemoryMb} MiB for the whole process, ${limits.childHeapMb} MiB of V8 heap) and was stopped`,
      });
    const cpuLimit = () =>
      new RunnerError({
        verdict: 'time_limit',
        message: `the submission used more than its total CPU budget of ${limits.totalCpuMs} ms and was stopped`,
      });
    switch (this.stopped) {
      case 'cpu':
        return cpuLimit();
      case 'memory':
        return memoryLimit();
      case 'close':
        return new Error('the sandbox was closed while a request was running');
      case 'wall': {
        // Judged by the CPU time the child used: over its budget it is the submission's, else the machine's.
        if (this.last === undefined) {
          return new RunnerError({
            verdict: 'time_limit',
            message: `the evaluation exceeded its wall-clock limit of ${limits.wallTimeMs} ms and was stopped`,
          });
        }
        if (this.cpuSinceReady() >= limits.totalCpuMs) return cpuLimit();
        return new SandboxFaultError(
          'wall_backstop',
          `the sandbox reached its wall-clock backstop of ${limits.wallTimeMs} ms having used only ${Math.round(this.cpuSinceReady())} ms of its ${limits.totalCpuMs} ms CPU budget: the machine starved it`,
        );
      }
      case undefined:
        break;
    }
    if (OOM_MARKERS.test(this.stderrTail)) return memoryLimit();
    if (signal && CRASH_SIGNALS.has(signal) && this.kernelCapped) {
      // A native allocation refused at the kernel's cap crashes without a message: the last sample says so.
      const data = this.last?.dataMb ?? 0;
      if (data >= 0.75 * limits.processMemoryMb) return memoryLimit();
    }
    if (signal && EXTERNAL_SIGNALS.has(signal)) {
      return new SandboxFaultError(
        'killed',
        `the sandbox process was killed by ${signal}, which the runner did not send (the OOM killer or an operator)`,
      );
    }
    return new RunnerError({
      verdict: 'runtime_error',
      message: `the sandbox process stopped unexpectedly (${signal ? `signal ${signal}` : `exit code ${code}`}) while running the submission`,
    });
  }
}
