import { type ChildProcess, spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { ConsoleLog } from '../host/console-log';
import type { SandboxUsage } from '../host/sandbox-process';
import { type RunnerLogger, silentRunnerLogger } from '../logger';
import { RunnerError } from '../verdict';
import { readChildAnswer } from './child-answer';
import { encodeFrame, FrameDecoder, FrameError, type FrameValue } from './framing';
import { GPU_ADDRESS_SPACE_MB, gpuDeviceArgs, pythonGpuEnabled } from './gpu-devices';
import { childPids, processCpuMs, schedTimes, treeCpuMs } from './proc-clock';
import { DEFAULT_PYTHON_LIMITS, type PythonLimits } from './python-limits';
import {
  loadPythonRuntime,
  namespaceFlags,
  PYTHON_CHILD_DIR,
  type PythonRuntime,
  requireBwrap,
} from './python-runtime';

/** How to start a Python sandbox. */
export interface PythonSandboxOptions {
  /** The child's mode: `agent`, `validate`, `homework` (a module python/critic_sandbox/<mode>_mode.py). */
  mode: string;
  /** Host folder with the submission's files; mounted read-only at /submission (see writeSubmissionDir). */
  submissionDir: string;
  /** Limits beyond the per-call CPU budgets (defaults: DEFAULT_PYTHON_LIMITS). */
  limits?: Partial<PythonLimits>;
  /** Total CPU time of the whole sandbox (RLIMIT_CPU, and checked after every request), in ms. */
  totalCpuMs: number;
  /** Bytes of the submission's console output (stdout and stderr) kept. */
  consoleBytes: number;
  /** Diagnostics (platform faults). */
  logger?: RunnerLogger;
  /**
   * Runs Python without bubblewrap (no namespaces, no mounts; rlimits only). Only for `critic eval`
   * / `critic check --unsandboxed` on a student's own machine; the grader never sets it.
   */
  unsandboxed?: boolean;
  /** The runtime (default: loadPythonRuntime()). */
  runtime?: PythonRuntime;
  /** Extra environment variables of the child (e.g. `MUJOCO_GL=osmesa` for env renders); never secrets. */
  env?: Record<string, string>;
  /**
   * The protocol on these file descriptors (FIFOs) instead of pipes, for a caller that talks to the
   * child synchronously (`openPythonVectorEnvSync`: core's trainers step synchronously); `request()`
   * is then unavailable.
   */
  channel?: { stdin: number; stdout: number };
}

/** The CPU budget of one request. */
export interface PythonCallBudget {
  /** CPU time of the sandbox's whole process tree allowed for this request, in ms. */
  cpuMs: number;
  /** How the verdict names the call, e.g. `act()`, `the module's top-level code`. */
  what: string;
  /** Overrides PythonLimits.idleMs for this request. */
  idleMs?: number;
}

/** What a request answered. */
export interface PythonReply {
  /** The result value (arrays as NdArray). */
  value: FrameValue;
  /** CPU time the request used, in ms (10 ms resolution). */
  cpuMs: number;
}

/** The clocks of one request, from when it was sent. */
type CallClock = {
  budget: PythonCallBudget;
  cpuStart: number;
  wallStart: number;
  /** The main thread's schedstat, and the wall time, when the idle clock started (first seen). */
  schedStart: { runNs: number; waitNs: number } | undefined;
  idleWallStart: number;
};

type Pending = CallClock & {
  resolve: (r: PythonReply) => void;
  reject: (e: Error) => void;
};

/** A limit that ends a request: its CPU budget, the sandbox's total CPU, idleness, or the wall-clock backstop. */
type LimitPassed = 'cpu' | 'total' | 'idle' | 'wall';

/**
 * The limits of one request on a synchronous channel (see `PythonSandbox.watchSyncCall`), for a
 * caller that reads the answer itself.
 */
export interface SyncCallWatch {
  /** While waiting: when a limit is passed, kills the sandbox and returns the failure to throw. */
  overLimit(): Error | undefined;
  /** Once the answer came: the failure when the request used more CPU than allowed. */
  answered(): RunnerError | undefined;
}

const POLL_MS = 20;
// Shared libraries only: no /bin or /usr/bin, so there is no shell or other program to run.
const SANDBOX_ROOT_DIRS = ['/usr/lib', '/usr/lib64', '/usr/lib32', '/lib', '/lib64', '/lib32'];

function signalName(code: number | null, signal: NodeJS.Signals | null): string | null {
  if (signal) return signal;
  // bubblewrap exits with 128 + n when the sandboxed process died of signal n.
  const names: Record<number, string> = {
    134: 'SIGABRT',
    135: 'SIGBUS',
    136: 'SIGFPE',
    137: 'SIGKILL',
    139: 'SIGSEGV',
    143: 'SIGTERM',
    152: 'SIGXCPU',
    153: 'SIGXFSZ',
    129: 'SIGHUP',
    130: 'SIGINT',
    132: 'SIGILL',
    138: 'SIGUSR1',
    140: 'SIGUSR2',
    141: 'SIGPIPE',
    142: 'SIGALRM',
  };
  return code !== null && names[code] ? names[code]! : null;
}

/** `--dir` with mode 0755 for every ancestor of `path` (bubblewrap running as root makes them 0700). */
function openAncestors(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  const args: string[] = [];
  for (let i = 1; i < parts.length; i++)
    args.push('--perms', '0755', '--dir', `/${parts.slice(0, i).join('/')}`);
  return args;
}

/** The base installation (its stdlib) and the interpreter binary the venv's `python` links to. */
function runtimeBinds(runtime: PythonRuntime): string[] {
  const args: string[] = [];
  const interpreter = realpathSync(runtime.python);
  if (!runtime.basePrefix.startsWith('/usr/lib') && runtime.basePrefix !== '/usr') {
    args.push(...openAncestors(runtime.basePrefix), '--ro-bind', runtime.basePrefix, runtime.basePrefix);
  }
  if (!interpreter.startsWith(`${runtime.basePrefix}/`) || runtime.basePrefix === '/usr') {
    args.push(...openAncestors(interpreter), '--ro-bind', interpreter, interpreter);
  }
  return args;
}

function systemBinds(): string[] {
  const args: string[] = [];
  for (const d of SANDBOX_ROOT_DIRS) {
    let st: ReturnType<typeof lstatSync>;
    try {
      st = lstatSync(d);
    } catch {
      continue;
    }
    if (st.isSymbolicLink()) args.push('--symlink', readlinkSync(d), d);
    else args.push(...openAncestors(d), '--ro-bind', d, d);
  }
  return args;
}

/**
 * A Python child running the submission in bubblewrap, seen from the grader: one request at a time
 * over binary frames, each under a CPU budget of the sandbox's whole process tree (read from /proc),
 * a total CPU budget (also RLIMIT_CPU inside), an idle limit (a call that sleeps), and a wall-clock
 * backstop that is a platform fault. Every failure of the submission rejects with a RunnerError;
 * anything else (the platform) with a plain Error. After a rejection the sandbox is dead.
 */
export class PythonSandbox {
  private readonly proc: ChildProcess;
  private readonly decoder = new FrameDecoder();
  private readonly console: ConsoleLog;
  private readonly limits: PythonLimits;
  private readonly logger: RunnerLogger;
  private pending: Pending | undefined;
  /** The budget of the last request a `channel` caller watches (see watchSyncCall). */
  private syncBudget: PythonCallBudget | undefined;
  private rootPid: number | undefined;
  private pythonPid: number | undefined;
  private readonly rootReady: Promise<void>;
  private exited = false;
  private readonly exitPromise: Promise<void>;
  private killedBy: LimitPassed | 'close' | undefined;
  private failure: Error | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stderrTail = '';
  private lastCpuMs = 0;
  private lastTreeAt = 0;
  private readonly t0 = performance.now();
  /** Milliseconds from spawn to the first answer. */
  startupMs = 0;

  private constructor(
    private readonly options: PythonSandboxOptions,
    runtime: PythonRuntime,
  ) {
    this.limits = { ...DEFAULT_PYTHON_LIMITS, ...options.limits };
    this.logger = options.logger ?? silentRunnerLogger;
    this.console = new ConsoleLog(options.consoleBytes);
    const rlimits = {
      addressSpaceBytes:
        (pythonGpuEnabled()
          ? Math.max(this.limits.addressSpaceMb, GPU_ADDRESS_SPACE_MB)
          : this.limits.addressSpaceMb) *
        1024 *
        1024,
      cpuSeconds: Math.ceil(options.totalCpuMs / 1000) + 1,
      processes: this.limits.processes,
      fileBytes: this.limits.fileBytes,
      openFiles: this.limits.openFiles,
    };
    if (options.unsandboxed) {
      const config = { limits: rlimits, submission: options.submissionDir, uid: null };
      this.proc = spawn(
        runtime.python,
        ['-I', join(PYTHON_CHILD_DIR, 'child.py'), options.mode, JSON.stringify(config)],
        {
          env: {
            OMP_NUM_THREADS: '1',
            MKL_NUM_THREADS: '1',
            OPENBLAS_NUM_THREADS: '1',
            JAX_PLATFORMS: 'cpu',
            ...options.env,
          } as unknown as NodeJS.ProcessEnv,
          cwd: options.submissionDir,
          stdio: ['pipe', 'pipe', 'pipe'],
        },
      );
      this.rootPid = this.proc.pid;
      this.rootReady = Promise.resolve();
    } else {
      const bwrap = requireBwrap();
      // As root (no user namespace) the child drops to a uid of its own, so RLIMIT_NPROC counts only it.
      const uid = process.getuid?.() === 0 ? randomInt(200_000, 1_000_000) : null;
      const config = { limits: rlimits, submission: '/submission', uid };
      const tmpfsSize = String(this.limits.tmpfsBytes);
      const args = [
        ...namespaceFlags(),
        '--die-with-parent',
        '--new-session',
        ...(uid !== null ? ['--cap-drop', 'ALL', '--cap-add', 'CAP_SETUID', '--cap-add', 'CAP_SETGID'] : []),
        '--hostname',
        'sandbox',
        ...systemBinds(),
        ...runtimeBinds(runtime),
        '--perms',
        '0755',
        '--dir',
        '/critic',
        '--ro-bind',
        runtime.dir,
        '/critic/python',
        '--ro-bind',
        PYTHON_CHILD_DIR,
        '/critic/runtime',
        '--ro-bind',
        options.submissionDir,
        '/submission',
        '--proc',
        '/proc',
        '--dev',
        '/dev',
        ...gpuDeviceArgs(), // the GPU worker variant: NVIDIA devices for CUDA (none otherwise)
        '--perms',
        '01777',
        '--size',
        tmpfsSize,
        '--tmpfs',
        '/tmp',
        '--perms',
        '01777',
        '--size',
        tmpfsSize,
        '--tmpfs',
        '/sandbox',
        // The submission's files appear in the cwd, read-only, so `torch.load("weights.pt")` works.
        ...readdirSync(options.submissionDir).flatMap((f) => [
          '--symlink',
          `/submission/${f}`,
          `/sandbox/${f}`,
        ]),
        '--chdir',
        '/sandbox',
        '--clearenv',
        '--setenv',
        'HOME',
        '/sandbox',
        '--setenv',
        'OMP_NUM_THREADS',
        '1',
        '--setenv',
        'MKL_NUM_THREADS',
        '1',
        '--setenv',
        'OPENBLAS_NUM_THREADS',
        '1',
        '--setenv',
        'JAX_PLATFORMS',
        'cpu',
        ...Object.entries(options.env ?? {}).flatMap(([k, v]) => ['--setenv', k, v]),
        '--info-fd',
        '3',
        '--',
        '/critic/python/bin/python',
        '-I',
        '/critic/runtime/child.py',
        options.mode,
        JSON.stringify(config),
      ];
      // An empty environment for bubblewrap itself too: its /proc/1/environ is visible in the sandbox.
      this.proc = spawn(bwrap, args, {
        env: {} as NodeJS.ProcessEnv,
        stdio: [options.channel?.stdin ?? 'pipe', options.channel?.stdout ?? 'pipe', 'pipe', 'pipe'],
      });
      this.rootReady = new Promise<void>((resolve) => {
        let text = '';
        const info = this.proc.stdio[3] as NodeJS.ReadableStream | null;
        if (!info) return resolve();
        info.setEncoding('utf8');
        info.on('data', (chunk: string) => {
          text += chunk;
          const m = /"child-pid"\s*:\s*(\d+)/.exec(text);
          if (m && this.rootPid === undefined) {
            this.rootPid = Number(m[1]);
            resolve();
          }
        });
        info.on('end', () => resolve());
        info.on('error', () => resolve());
      });
    }
    this.proc.stdin?.on('error', () => {}); // EPIPE when the child died: reported by 'exit'
    this.proc.stdout?.on('data', (chunk: Buffer) => this.onData(chunk));
    this.proc.stderr?.setEncoding('utf8');
    this.proc.stderr?.on('data', (chunk: string) => {
      this.console.append(chunk);
      this.stderrTail = (this.stderrTail + chunk).slice(-4096);
    });
    const ended = (stream: NodeJS.ReadableStream | null) =>
      new Promise<void>((resolve) => {
        stream?.on('end', resolve);
        stream?.on('error', () => resolve());
      });
    // The answer pipe and the console pipe (stderr): what the child wrote before it ended is read
    // before the sandbox counts as closed, so a console read after close() has all of it, however
    // late the pipes are read on a busy machine.
    const outputEnded = Promise.all([ended(this.proc.stdout), ended(this.proc.stderr)]);
    this.exitPromise = new Promise<void>((resolve) => {
      this.proc.on('exit', (code, signal) => {
        // A process it forked may still hold the pipes: wait a little, not for their end.
        void Promise.race([outputEnded, new Promise((r) => setTimeout(r, 1_000))]).then(() => {
          this.onExit(code, signal);
          resolve();
        });
      });
    });
    this.proc.on('error', (err) => {
      this.logger.warn(`python sandbox: ${err.message}`);
      this.onExit(null, null, err);
    });
  }

  /** Starts a sandbox (the child then waits for its first request). */
  static async start(options: PythonSandboxOptions): Promise<PythonSandbox> {
    const runtime = options.runtime ?? loadPythonRuntime();
    return new PythonSandbox(options, runtime);
  }

  /** The submission's console output so far (bounded, with a truncation marker). */
  consoleOutput(): string {
    return this.console.toString();
  }

  /** CPU time of the sandbox's process tree so far, in ms. */
  cpuMs(): number {
    if (this.rootPid !== undefined && !this.exited) {
      this.lastCpuMs = Math.max(this.lastCpuMs, treeCpuMs(this.rootPid));
      this.lastTreeAt = performance.now();
    }
    return this.lastCpuMs;
  }

  /**
   * What the sandbox used, in the JS sandbox's terms: the interpreter's pid, CPU time, peak resident
   * size (VmHWM) and its address-space cap (RLIMIT_AS, set by the kernel inside the sandbox).
   */
  usage(): SandboxUsage {
    const pid = this.findPythonPid();
    let peakRssMb = 0;
    if (pid !== undefined && !this.exited) {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
        if (m) peakRssMb = Number(m[1]) / 1024;
      } catch {
        // The process ended between the check and the read.
      }
    }
    return {
      pid,
      cpuMs: this.cpuMs(),
      peakRssMb,
      memoryCapMb: this.limits.addressSpaceMb,
      kernelCapped: true,
    };
  }

  /** The total CPU time, walking the process tree at most every 100 ms (one read per request otherwise). */
  private recentCpuMs(): number {
    return performance.now() - this.lastTreeAt > 100 ? this.cpuMs() : this.lastCpuMs;
  }

  /**
   * CPU time of the interpreter process (all its threads and the children it waited for): one /proc
   * read, what a request's budget is measured with. Processes it forked count in the total budget.
   */
  private interpreterCpuMs(): number {
    const pid = this.findPythonPid();
    if (pid === undefined || this.exited) return this.cpuMs();
    return processCpuMs(pid);
  }

  /** Sends one request and waits for its answer under `budget`. */
  async request(value: FrameValue, budget: PythonCallBudget): Promise<PythonReply> {
    if (this.failure) throw this.failure;
    if (this.pending) throw new Error('PythonSandbox.request: one request at a time');
    await this.rootReady;
    if (this.failure) throw this.failure;
    const frame = encodeFrame(value);
    return new Promise<PythonReply>((resolve, reject) => {
      this.pending = { resolve, reject, ...this.startClock(budget) };
      this.timer = setInterval(() => this.watch(), POLL_MS);
      this.proc.stdin?.write(frame);
    });
  }

  /** Resolves once the sandbox's process is known (its CPU time can be read); for `channel` callers. */
  whenStarted(): Promise<void> {
    return this.rootReady;
  }

  /**
   * Starts the limits of one request that a `channel` caller just wrote and will read the answer of
   * itself (synchronously): the same CPU, total CPU, idle and backstop limits as `request()`, checked
   * when the caller asks (`overLimit()` while it waits, `answered()` once the answer is read).
   */
  watchSyncCall(budget: PythonCallBudget): SyncCallWatch {
    const clock = this.startClock(budget);
    this.syncBudget = budget;
    return {
      overLimit: () => {
        if (this.exited) return undefined;
        const passed = this.passedLimit(clock);
        if (passed === undefined) return undefined;
        this.kill(passed);
        return this.limitError(passed, budget);
      },
      answered: () => {
        if (this.interpreterCpuMs() - clock.cpuStart > budget.cpuMs) return this.cpuError(budget);
        if (this.recentCpuMs() > this.options.totalCpuMs) return this.totalCpuError();
        return undefined;
      },
    };
  }

  /** Ends the child and removes nothing else (the caller owns the submission folder). */
  async close(): Promise<void> {
    if (!this.exited) {
      this.killedBy ??= 'close';
      this.proc.stdin?.end();
      // On a `channel` there is no end of input to send (the child holds its FIFO open): kill at once.
      const force = setTimeout(() => this.proc.kill('SIGKILL'), this.proc.stdin ? 1_000 : 0);
      await this.exitPromise;
      clearTimeout(force);
    }
    this.stopTimer();
  }

  /** The interpreter's host pid (bubblewrap's first process is its parent), once it exists. */
  private findPythonPid(): number | undefined {
    if (this.pythonPid === undefined && this.rootPid !== undefined) {
      this.pythonPid = this.options.unsandboxed ? this.rootPid : childPids(this.rootPid)[0];
    }
    return this.pythonPid;
  }

  private mainSched() {
    const pid = this.findPythonPid();
    return pid === undefined ? undefined : schedTimes(pid);
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private kill(reason: NonNullable<PythonSandbox['killedBy']>): void {
    this.killedBy ??= reason;
    this.proc.kill('SIGKILL');
  }

  private startClock(budget: PythonCallBudget): CallClock {
    return {
      budget,
      cpuStart: this.interpreterCpuMs(),
      wallStart: performance.now(),
      schedStart: this.mainSched(),
      idleWallStart: performance.now(),
    };
  }

  /** Runs every POLL_MS while a request is pending: CPU, total CPU, idle and wall limits. */
  private watch(): void {
    const p = this.pending;
    if (!p || this.exited) return;
    const passed = this.passedLimit(p);
    if (passed !== undefined) this.kill(passed);
  }

  /** The limit a request has passed, if any (the idle clock starts once the interpreter is seen). */
  private passedLimit(p: CallClock): LimitPassed | undefined {
    const cpu = this.cpuMs();
    const used = this.interpreterCpuMs() - p.cpuStart;
    const wall = performance.now() - p.wallStart;
    if (cpu > this.options.totalCpuMs) return 'total';
    if (used > p.budget.cpuMs) return 'cpu';
    const sched = this.mainSched();
    if (sched && !p.schedStart) {
      // The interpreter had not started when the request was sent: its idle clock starts now.
      p.schedStart = sched;
      p.idleWallStart = performance.now();
    } else if (sched && p.schedStart) {
      const activeMs = (sched.runNs - p.schedStart.runNs + sched.waitNs - p.schedStart.waitNs) / 1e6;
      const idleWall = performance.now() - p.idleWallStart;
      if (idleWall - activeMs > (p.budget.idleMs ?? this.limits.idleMs)) return 'idle';
    }
    if (wall > this.limits.wallBackstopMs) return 'wall';
    return undefined;
  }

  /** The failure of a request stopped by `passed`: the submission's (RunnerError), or the platform's for the backstop. */
  private limitError(passed: LimitPassed, budget: PythonCallBudget): Error {
    const what = budget.what;
    switch (passed) {
      case 'cpu':
        return this.cpuError(budget);
      case 'total':
        return this.totalCpuError();
      case 'idle':
        return new RunnerError({
          verdict: 'time_limit',
          message: `${what} slept or waited for more than ${(budget.idleMs ?? this.limits.idleMs) / 1000} s without computing (sleep, a blocking read or a lock) and was stopped`,
        });
      case 'wall':
        return new Error(
          `python sandbox: ${what} did not answer within the ${this.limits.wallBackstopMs} ms wall-clock backstop while under its CPU limit (an overloaded machine?); the job will be retried`,
        );
    }
  }

  private settle(result: { reply: PythonReply } | { error: Error }): void {
    const p = this.pending;
    this.pending = undefined;
    this.stopTimer();
    if (!p) return;
    if ('error' in result) {
      this.failure = result.error;
      p.reject(result.error);
    } else p.resolve(result.reply);
  }

  private onData(chunk: Buffer): void {
    let frames: FrameValue[];
    try {
      frames = this.decoder.push(chunk);
    } catch (e) {
      this.kill('close');
      this.settle({
        error: new RunnerError({
          verdict: 'runtime_error',
          message: `the Python process sent a malformed answer (${e instanceof FrameError ? e.message : String(e)}); did the submission write to the grader's pipe?`,
        }),
      });
      return;
    }
    for (const f of frames) this.onFrame(f);
  }

  private onFrame(frame: FrameValue): void {
    const p = this.pending;
    if (!p) {
      // An answer nobody asked for: only the submission can have written it.
      this.kill('close');
      this.failure = new RunnerError({
        verdict: 'runtime_error',
        message: 'the Python process wrote to the grader pipe outside a request',
      });
      return;
    }
    if (this.startupMs === 0) this.startupMs = performance.now() - this.t0;
    const used = this.interpreterCpuMs() - p.cpuStart;
    const cpu = this.recentCpuMs();
    const answer = readChildAnswer(frame);
    if (answer.kind === 'malformed') {
      this.settle({ error: answer.error });
      return;
    }
    if (used > p.budget.cpuMs) {
      this.settle({ error: this.cpuError(p.budget) });
      return;
    }
    if (cpu > this.options.totalCpuMs) {
      this.settle({ error: this.totalCpuError() });
      return;
    }
    this.settle(
      answer.kind === 'result' ? { reply: { value: answer.value, cpuMs: used } } : { error: answer.error },
    );
  }

  private cpuError(budget: PythonCallBudget): RunnerError {
    return new RunnerError({
      verdict: 'time_limit',
      message: `${budget.what} used more than its CPU time limit of ${Math.round(budget.cpuMs)} ms`,
    });
  }

  private totalCpuError(): RunnerError {
    return new RunnerError({
      verdict: 'time_limit',
      message: `the submission used more than its total CPU budget of ${this.options.totalCpuMs} ms`,
    });
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null, spawnError?: Error): void {
    if (this.exited) return;
    this.exited = true;
    this.stopTimer();
    const p = this.pending;
    const sig = signalName(code, signal);
    let error: Error;
    const what = p?.budget.what ?? 'the submission';
    switch (this.killedBy) {
      case 'cpu':
      case 'total':
      case 'idle':
      case 'wall':
        error = this.limitError(
          this.killedBy,
          p?.budget ?? this.syncBudget ?? { cpuMs: this.options.totalCpuMs, what },
        );
        break;
      case 'close':
        error = this.failure ?? new Error('python sandbox: closed');
        break;
      default:
        if (spawnError) error = spawnError;
        else if (/^bwrap: /m.test(this.stderrTail) && this.startupMs === 0) {
          error = new Error(`python sandbox: bubblewrap failed: ${this.stderrTail.trim()}`);
        } else if (sig === 'SIGXCPU' || (sig === 'SIGKILL' && this.lastCpuMs >= this.options.totalCpuMs)) {
          error = this.totalCpuError();
        } else if (sig === 'SIGKILL') {
          // Not ours and not RLIMIT_CPU: the kernel's OOM killer or an operator. The platform's fault.
          error = new Error(
            `python sandbox: the Python process was killed by SIGKILL from outside the grader (out of host memory?); the job will be retried`,
          );
        } else if (sig === 'SIGXFSZ') {
          error = new RunnerError({
            verdict: 'runtime_error',
            message: `${what} wrote a file larger than the sandbox allows (${this.limits.fileBytes} bytes)`,
          });
        } else if (sig) {
          error = new RunnerError({
            verdict: 'runtime_error',
            message: `the Python process crashed (${sig}) while running ${what}`,
          });
        } else {
          error = new RunnerError({
            verdict: 'runtime_error',
            message: `the submission ended the Python process (exit code ${code}) during ${what}; it must return, not exit`,
          });
        }
    }
    if (!(error instanceof RunnerError) && this.killedBy !== 'close') this.logger.warn(error.message);
    if (p) this.settle({ error });
    else this.failure ??= error;
  }
}
