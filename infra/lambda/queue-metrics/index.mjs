// Scheduled every minute: reads queue depth from Postgres through the RDS Data API (as critic_metrics,
// which may only SELECT a few columns of `jobs`) and publishes it to CloudWatch, where the worker
// services' step scaling and the queue alarms read it. Queues without jobs are published as zeros so
// the workers can scale to zero.
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { ExecuteStatementCommand, RDSDataClient } from '@aws-sdk/client-rds-data';

const rds = new RDSDataClient({});
const cloudwatch = new CloudWatchClient({});

const SQL = `select queue,
  count(*) filter (where status = 'queued' and available_at <= now())::int as queued,
  count(*) filter (where status in ('queued', 'running'))::int as outstanding,
  coalesce(extract(epoch from now() - min(available_at) filter (where status = 'queued' and available_at <= now())), 0)::float8 as oldest_age,
  count(*) filter (where status = 'done' and finished_at > now() - interval '60 seconds')::int as done,
  count(*) filter (where status = 'dead' and finished_at > now() - interval '60 seconds')::int as dead
from jobs where queue = any(string_to_array(:queues, ',')) group by queue`;

export async function handler() {
  const queues = process.env.QUEUES.split(',');
  const out = await rds.send(
    new ExecuteStatementCommand({
      resourceArn: process.env.CLUSTER_ARN,
      secretArn: process.env.SECRET_ARN,
      database: process.env.DATABASE,
      sql: SQL,
      parameters: [{ name: 'queues', value: { stringValue: queues.join(',') } }],
      formatRecordsAs: 'JSON',
    }),
  );
  const rows = JSON.parse(out.formattedRecords ?? '[]');
  const byQueue = new Map(rows.map((r) => [r.queue, r]));
  const timestamp = new Date();
  const data = queues.flatMap((queue) => {
    const r = byQueue.get(queue) ?? { queued: 0, outstanding: 0, oldest_age: 0, done: 0, dead: 0 };
    const dims = [{ Name: 'Queue', Value: queue }];
    return [
      ['QueuedJobs', r.queued, 'Count'],
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
  await cloudwatch.send(new PutMetricDataCommand({ Namespace: process.env.NAMESPACE, MetricData: data }));
  return { published: data.length };
}
