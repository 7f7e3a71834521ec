import { Worker } from 'node:worker_threads';

// The command word shared with the reading thread: 0 (idle, as created), then READ, DONE, STOP.
const READ = 1;
const DONE = 2;
const STOP = 3;
const CHUNK_BYTES = 1 << 20;

// The reading thread: one blocking read per READ, its byte count (0 at the end, −1 on an error) and
// bytes left in shared memory, DONE announced with Atomics.notify; it ends once the word at 2 is set.
const READER_SOURCE = `
const { readSync } = require('node:fs');
const { workerData } = require('node:worker_threads');
const control = new Int32Array(workerData.control);
const chunk = new Uint8Array(workerData.chunk);
while (Atomics.load(control, 2) === 0) {
  const command = Atomics.load(control, 0);
  if (command !== ${READ}) {
    Atomics.wait(control, 0, command);
    continue;
  }
  let n;
  try {
    n = readSync(workerData.fd, chunk, 0, chunk.length, null);
  } catch {
    n = -1;
  }
  Atomics.store(control, 1, n);
  Atomics.store(control, 0, ${DONE});
  Atomics.notify(control, 0);
}
`;

/**
 * Blocking reads of a file descriptor (a FIFO) done by a thread of their own, so that the main thread
 * can wait for them synchronously with a timeout: it wakes the moment bytes arrive, and between
 * timeouts it can do other work (check a sandbox's limits). One read is outstanding at a time.
 */
export class FifoReader {
  /** [command, byte count of the last read, stop]. */
  private readonly control = new Int32Array(new SharedArrayBuffer(12));
  private readonly chunk = new SharedArrayBuffer(CHUNK_BYTES);
  private readonly worker: Worker;
  private outstanding = false;

  constructor(fd: number) {
    this.worker = new Worker(READER_SOURCE, {
      eval: true,
      workerData: { fd, control: this.control.buffer, chunk: this.chunk },
    });
    this.worker.unref();
  }

  /**
   * Waits up to `timeoutMs` for the next bytes: a copy of them, an empty array at the end of the
   * stream (no writer left), or undefined when none came in time (the read stays outstanding).
   */
  read(timeoutMs: number): Uint8Array | undefined {
    if (!this.outstanding) {
      this.outstanding = true;
      Atomics.store(this.control, 0, READ);
      Atomics.notify(this.control, 0);
    }
    Atomics.wait(this.control, 0, READ, timeoutMs);
    if (Atomics.load(this.control, 0) !== DONE) return undefined;
    this.outstanding = false;
    const n = Atomics.load(this.control, 1);
    if (n < 0) throw new Error('reading the Python child’s answers failed');
    return new Uint8Array(this.chunk, 0, n).slice();
  }

  /** Ends the reading thread once its outstanding read (if any) returns. */
  stop(): void {
    Atomics.store(this.control, 2, 1);
    Atomics.store(this.control, 0, STOP);
    Atomics.notify(this.control, 0);
  }
}
