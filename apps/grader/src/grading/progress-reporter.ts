import { type Database, reportProgress } from '@critic/db';
import type { GraderLogger } from '../logger';

/**
 * Writes live progress (done / total) at most every `intervalMs`, one write in flight at a time, and
 * always the last value on `flush()`. A failed write is logged, never fatal: progress is best effort.
 */
export class ProgressReporter {
  private lastWrite = 0;
  private pending: number | undefined;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly target: { submissionId: string; attempt: number },
    private readonly intervalMs: number,
    private readonly logger: GraderLogger,
  ) {}

  /** Notes that `done` items are finished; writes if the interval has passed. */
  update(done: number): void {
    this.pending = done;
    const now = performance.now();
    if (now - this.lastWrite >= this.intervalMs) {
      this.lastWrite = now;
      this.write();
    }
  }

  /** Writes the latest value (if unwritten) and waits for every write. */
  async flush(): Promise<void> {
    this.write();
    await this.inFlight;
  }

  private write(): void {
    const done = this.pending;
    if (done === undefined) return;
    this.pending = undefined;
    this.inFlight = this.inFlight.then(() =>
      reportProgress(this.db, { ...this.target, done }).catch((e: unknown) =>
        this.logger.warn('progress write failed', { ...this.target, error: String(e) }),
      ),
    );
  }
}
