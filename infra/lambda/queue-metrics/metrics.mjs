// The queue-metrics query and its mapping to CloudWatch data, apart from the AWS clients so the
// infra tests can run them against a real Postgres with the real schema.

/** Per-queue depth, age and last-minute outcomes; `:queues` is a comma-separated list (Data API parameter). */
export const QUEUE_METRICS_SQL = `select queue,
  count(*) filter (where status = 'queued' and available_at <= now())::int as queued,
  count(*) filter (where status = 'running')::int as running,
  count(*) filter (where status in ('queued', 'running'))::int as outstanding,
  coalesce(extract(epoch from now() - min(available_at) filter (where status = 'queued' and available_at <= now())), 0)::float8 as oldest_age,
  count(*) filter (where status = 'done' and finished_at > now() - interval '60 seconds')::int as done,
  count(*) filter (where status = 'dead' and finished_at > now() - interval '60 seconds')::int as dead
from jobs where queue = any(string_to_array(:queues, ',')) group by queue`;

const ZERO = { queued: 0, running: 0, outstanding: 0, oldest_age: 0, done: 0, dead: 0 };

/** CloudWatch MetricData for every queue in `queues` (zeros for a queue without rows). */
export function metricData(queues, rows, timestamp) {
  const byQueue = new Map(rows.map((r) => [r.queue, r]));
  return queues.flatMap((queue) => {
    const r = byQueue.get(queue) ?? ZERO;
    const dims = [{ Name: 'Queue', Value: queue }];
    return [
      ['QueuedJobs', r.queued, 'Count'],
      ['RunningJobs', r.running, 'Count'],
      ['OutstandingJobs', r.outstanding, 'Count'],
      ['OldestQueuedAgeSeconds', r.oldest_age, 'Seconds'],
      ['JobsDone', r.done, 'Count'],
      ['JobsDead', r.dead, 'Count'],
    ].map(([MetricName, Value, Unit]) => ({
      MetricName,
      Value: Number(Value),
      Unit,
      Dimensions: dims,
      Timestamp: timestamp,
    }));
  });
}
