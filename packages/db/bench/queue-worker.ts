// One queue worker process for the throughput benchmark: claims and completes no-op jobs until the queue is empty.
import postgres from 'postgres';
import { createDatabase } from '../src/client';
import { queueDepth } from '../src/queue/jobs';
import { runWorker } from '../src/queue/worker';

const sql = postgres(process.env.DB_URL!, { max: 2, onnotice: () => {} });
const db = createDatabase(sql);
const queue = process.env.QUEUE!;
const handled = await runWorker({
  db,
  queue,
  workerId: process.env.WORKER_ID!,
  leaseMs: 30_000,
  pollMs: 5,
  batch: Number(process.env.BATCH ?? 1),
  asyncCommit: process.env.ASYNC_COMMIT === '1',
  // Drained: nothing ready, waiting for backoff, or held by another (possibly dead) worker.
  onIdle: async () => {
    const d = await queueDepth(db, queue);
    return d.ready + d.delayed + d.running === 0;
  },
  handler: async () => undefined,
});
process.stdout.write(`${JSON.stringify({ handled })}\n`);
await sql.end();
