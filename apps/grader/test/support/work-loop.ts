import type { Database } from '@critic/db';
import { queueDepth } from '@critic/db/queue';
import type { WorkLoopOptions } from '../../src/worker/work-loop';

/** The tests' work-loop options (queue `grade`, 30 s leases, 50 ms polls, 10 min grace), `extra` on top. */
export function testLoopOptions(stop: AbortSignal, extra: Partial<WorkLoopOptions> = {}): WorkLoopOptions {
  return {
    queue: 'grade',
    concurrency: 2,
    workerId: 'test-worker',
    leaseMs: 30_000,
    pollMs: 50,
    stop,
    graceMs: 600_000,
    ...extra,
  };
}

/** Waits until `f` holds; the deadline only catches a hang: no outcome may depend on machine speed. */
export async function until(what: string, f: () => Promise<boolean>, timeoutMs = 300_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await f())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** True once the grade queue holds no ready, delayed or running job. */
export async function gradeQueueDrained(db: Database): Promise<boolean> {
  const d = await queueDepth(db, 'grade');
  return d.ready + d.delayed + d.running === 0;
}
