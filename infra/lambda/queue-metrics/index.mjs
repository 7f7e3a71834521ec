// Scheduled every minute: reads queue depth from Postgres through the RDS Data API (as critic_metrics,
// which may only SELECT a few columns of `jobs`) and publishes it to CloudWatch, where the worker
// services' step scaling and the queue alarms read it. Queues without jobs are published as zeros so
// the workers can scale to zero.
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { ExecuteStatementCommand, RDSDataClient } from '@aws-sdk/client-rds-data';
import { metricData, QUEUE_METRICS_SQL } from './metrics.mjs';

const rds = new RDSDataClient({});
const cloudwatch = new CloudWatchClient({});

export async function handler() {
  const queues = process.env.QUEUES.split(',');
  const out = await rds.send(
    new ExecuteStatementCommand({
      resourceArn: process.env.CLUSTER_ARN,
      secretArn: process.env.SECRET_ARN,
      database: process.env.DATABASE,
      sql: QUEUE_METRICS_SQL,
      parameters: [{ name: 'queues', value: { stringValue: queues.join(',') } }],
      formatRecordsAs: 'JSON',
    }),
  );
  const data = metricData(queues, JSON.parse(out.formattedRecords ?? '[]'), new Date());
  await cloudwatch.send(new PutMetricDataCommand({ Namespace: process.env.NAMESPACE, MetricData: data }));
  return { published: data.length };
}
