// One queue worker process for the throughput benchmark: claims and completes no-op jobs until the queue is empty.
import postgres from 'postgres';
import { createDatabase } from '../src/client';
import { queueDepth } from '../src/queue/jobs';
import { runWorker } from '../src/queue/worker';

const sql = postgres(process.env.DB_URL!, { max: 2, onnotice: () => {} });
const db = createDatabase(sql);
const queue = process.env.QUEUE!;
const stop = new AbortController();
const watch = setInterval(async () => {
  const d = await queueDepth(db, queue);
  if (d.ready + d.delayed + d.running === 0) stop.abort();
}, 50);
const handled = await runWorker({
  db,
  queue,
  workerId: process.env.WORKER_ID!,
  leaseMs: 30_000,
  pollMs: 5,
  batch: Number(process.env.BATCH ?? 1),
  asyncCommit: process.env.ASYNC_COMMIT === '1',
  signal: stop.signal,
  handler: async () => undefined,
});
clearInterval(watch);
process.stdout.write(`${JSON.stringify({ handled })}\n`);
await sql.end();
