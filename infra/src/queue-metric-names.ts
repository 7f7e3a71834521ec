import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';

/** CloudWatch namespace the queue-metrics Lambda publishes to (one data point per queue per minute). */
export const QUEUE_NAMESPACE = 'Critic/Queue';

/** Metric names; the Lambda in lambda/queue-metrics writes exactly these. */
export const QueueMetric = {
  /** Jobs queued and claimable now (available_at <= now). */
  queued: 'QueuedJobs',
  /** Jobs being graded (claimed, lease not expired). */
  running: 'RunningJobs',
  /** Jobs queued (including backed-off retries) plus running: the work a worker fleet still has. */
  outstanding: 'OutstandingJobs',
  /** Seconds the longest-waiting claimable job has waited. */
  oldestAge: 'OldestQueuedAgeSeconds',
  /** Jobs finished successfully in the last minute. */
  done: 'JobsDone',
  /** Jobs that exhausted their attempts (dead-lettered) in the last minute. */
  dead: 'JobsDead',
} as const;

export type QueueMetricName = (typeof QueueMetric)[keyof typeof QueueMetric];

/** One queue metric for the queue `queue`, at one-minute resolution. */
export function queueMetric(name: QueueMetricName, queue: string, statistic: string): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: QUEUE_NAMESPACE,
    metricName: name,
    dimensionsMap: { Queue: queue },
    statistic,
    period: Duration.minutes(1),
  });
}
