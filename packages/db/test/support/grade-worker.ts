// A grading worker run as its own process by the concurrency tests (node --import tsx grade-worker.ts).
// Env: DB_URL, WORKER_ID, LEASE_MS, GO_FILE (start barrier), HANG_AFTER_RECORD ("1": record the evaluation, then hang until killed).
import { existsSync } from 'node:fs';
import postgres from 'postgres';
import { createDatabase } from '../../src/client';
import { finishAttempt, recordEvaluation, startAttempt } from '../../src/queries/grading';
import { GRADE_QUEUE, type GradeJobPayload } from '../../src/queries/submissions';
import { queueDepth } from '../../src/queue/jobs';
import { runWorker } from '../../src/queue/worker';

const sql = postgres(process.env.DB_URL!, { max: 2, onnotice: () => {} });
const db = createDatabase(sql);
const workerId = process.env.WORKER_ID!;
const hang = process.env.HANG_AFTER_RECORD === '1';
const say = (msg: Record<string, unknown>) =>
  process.stdout.write(`${JSON.stringify({ workerId, ...msg })}\n`);

// Optional start barrier: report ready, then wait until the parent creates GO_FILE, so all workers
// compete from the same moment however slowly each process started.
const goFile = process.env.GO_FILE;
if (goFile) {
  say({ event: 'ready' });
  while (!existsSync(goFile)) await new Promise((r) => setTimeout(r, 10));
}

await runWorker<GradeJobPayload>({
  db,
  queue: GRADE_QUEUE,
  workerId,
  leaseMs: Number(process.env.LEASE_MS ?? 30_000),
  pollMs: 25,
  // Drained: nothing ready, waiting for backoff, or held by another (possibly dead) worker.
  onIdle: async () => {
    const d = await queueDepth(db, GRADE_QUEUE);
    return d.ready + d.delayed + d.running === 0;
  },
  handler: async (job, ctx) => {
    const { submissionId, attempt } = job.payload;
    await startAttempt(db, { submissionId, attempt, total: 2 });
    const seeds = [11, 12];
    const { created } = await recordEvaluation(db, {
      submissionId,
      attempt,
      split: 'private',
      stats: { n: 2, mean: 10, std: 1, ciLow: 8, ciHigh: 12, iqm: 10, min: 9, max: 11 },
      graderVersion: 'test',
      envVersion: 'test',
      episodes: seeds.map((seed, index) => ({
        index,
        seed,
        return: 9 + index * 2,
        length: 10,
        terminated: true,
        truncated: false,
      })),
    });
    if (hang) {
      say({ event: 'hanging', jobId: job.id, created });
      await new Promise(() => {}); // killed with SIGKILL here, lease held
    }
    await db.transaction(async (tx) => {
      await finishAttempt(tx, { submissionId, attempt });
      await ctx.completeWithin(tx, { by: workerId });
    });
    say({ event: 'done', jobId: job.id, created, attempts: job.attempts });
    return undefined;
  },
});
await sql.end();
