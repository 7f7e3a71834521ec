import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunnerError } from '../verdict';
import { readChildAnswer } from './child-answer';
import { FifoReader } from './fifo-reader';
import { encodeFrame, FrameDecoder, FrameError, type FrameValue } from './framing';
import {
  type PythonCallBudget,
  PythonSandbox,
  type PythonSandboxOptions,
  type SyncCallWatch,
} from './python-sandbox';

/** While no answer has come, the limits are checked this often, in ms (as the sandbox's own watch does). */
const CHECK_EVERY_MS = 20;

const errno = (e: unknown) => (e as NodeJS.ErrnoException).code;

/**
 * A Python sandbox spoken to synchronously, for core's trainers (they step an env without awaiting):
 * requests go over one FIFO, answers come back over another, read by a thread of their own. While an
 * answer does not come, the waiting caller checks the sandbox's limits (the request's CPU time, the
 * total CPU time, idleness) every CHECK_EVERY_MS, so an env that loops, sleeps or dies ends the
 * request with its verdict.
 */
export class SyncChannel {
  private readonly decoder = new FrameDecoder();
  private readonly answers: FifoReader;
  private failure: Error | undefined;

  private constructor(
    private readonly sandbox: PythonSandbox,
    private readonly toChild: number,
    private readonly fromChild: number,
    private readonly fifoDir: string,
  ) {
    this.answers = new FifoReader(fromChild);
  }

  /** Starts a sandbox (`options`, without `channel`) whose protocol runs over a fresh FIFO pair. */
  static async open(options: Omit<PythonSandboxOptions, 'channel'>): Promise<SyncChannel> {
    const fifoDir = mkdtempSync(join(tmpdir(), 'critic-fifo-'));
    const opened: number[] = [];
    const open = (path: string, flags: string | number) => {
      const fd = openSync(path, flags);
      opened.push(fd);
      return fd;
    };
    try {
      const inPath = join(fifoDir, 'in');
      const outPath = join(fifoDir, 'out');
      execFileSync('mkfifo', ['-m', '0600', inPath, outPath]);
      // O_RDWR opens of a FIFO never block (Linux): the child's ends, which keep the FIFOs open while
      // this side opens its own. This side keeps only a writer of `in` and a reader of `out`, so when
      // the child is gone, reading `out` ends (EOF) and writing `in` fails (EPIPE) instead of blocking.
      const childIn = open(inPath, 'r+');
      const childOut = open(outPath, 'r+');
      const toChild = open(inPath, constants.O_WRONLY);
      const fromChild = open(outPath, constants.O_RDONLY);
      const sandbox = await PythonSandbox.start({
        ...options,
        channel: { stdin: childIn, stdout: childOut },
      });
      for (const fd of [childIn, childOut]) closeSync(opened.splice(opened.indexOf(fd), 1)[0]!);
      await sandbox.whenStarted();
      return new SyncChannel(sandbox, toChild, fromChild, fifoDir);
    } catch (e) {
      for (const fd of opened) closeSync(fd);
      rmSync(fifoDir, { recursive: true, force: true });
      throw e;
    }
  }

  /**
   * Sends one request and returns its result, under `budget` as `PythonSandbox.request` would be.
   * The child's failure (or a limit it passed) throws a RunnerError, the platform's an Error; after
   * a throw the channel is dead.
   */
  request(value: FrameValue, budget: PythonCallBudget): FrameValue {
    if (this.failure) throw this.failure;
    try {
      this.write(encodeFrame(value), budget.what);
      const watch = this.sandbox.watchSyncCall(budget);
      const answer = readChildAnswer(this.readFrame(watch, budget.what));
      if (answer.kind === 'malformed') throw answer.error;
      const over = watch.answered();
      if (over) throw over;
      if (answer.kind === 'failure') throw answer.error;
      return answer.value;
    } catch (e) {
      this.failure = e as Error;
      throw e;
    }
  }

  /** Stops the child and removes the FIFOs. */
  async close(): Promise<void> {
    await this.sandbox.close();
    this.answers.stop();
    for (const fd of [this.toChild, this.fromChild]) closeSync(fd);
    rmSync(this.fifoDir, { recursive: true, force: true });
  }

  private write(frame: Uint8Array, what: string): void {
    try {
      for (let at = 0; at < frame.length; ) at += writeSync(this.toChild, frame, at);
    } catch (e) {
      if (errno(e) === 'EPIPE') throw this.gone(what);
      throw e;
    }
  }

  /** Reads the answer FIFO until one frame is whole, checking the limits while none comes. */
  private readFrame(watch: SyncCallWatch, what: string): FrameValue {
    for (;;) {
      const bytes = this.answers.read(CHECK_EVERY_MS);
      if (bytes === undefined) {
        const over = watch.overLimit();
        if (over) throw over;
        continue;
      }
      if (bytes.length === 0) throw this.gone(what);
      const frames = this.decode(bytes);
      if (frames.length > 1) throw this.malformed('it wrote to the grader pipe outside a request');
      if (frames.length === 1) return frames[0]!;
    }
  }

  private decode(bytes: Uint8Array): FrameValue[] {
    try {
      return this.decoder.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
    } catch (e) {
      throw this.malformed(`it sent a malformed answer (${e instanceof FrameError ? e.message : String(e)})`);
    }
  }

  private malformed(what: string): RunnerError {
    void this.sandbox.close();
    return new RunnerError({
      verdict: 'runtime_error',
      message: `the Python process broke the grader's protocol: ${what}; did the submission write to the grader's pipe?`,
    });
  }

  private gone(what: string): RunnerError {
    return new RunnerError({
      verdict: 'runtime_error',
      message: `the Python process ended while running ${what}, without answering (it crashed, exited, or used up its CPU time or memory)`,
    });
  }
}
