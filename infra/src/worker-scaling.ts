import { Duration } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import { QueueMetric, queueMetric } from './queue-metric-names';
import { workerScalingSteps } from './scaling-steps';

export interface WorkerScalingOptions {
  /** Queue whose jobs drive the service. */
  queue: string;
  /** Waiting jobs one extra worker is started for. */
  jobsPerWorker: number;
  /** Jobs one worker grades at once. */
  concurrency: number;
  /** Upper bound on tasks. */
  maxWorkers: number;
  /** Tasks kept when nothing is queued or running (default 0: scale to zero). */
  minWorkers?: number;
}

/** The metric-math expression of the workers a queue needs (see `workersNeeded`). */
export function workersNeededExpression(jobsPerWorker: number, concurrency: number): string {
  return `CEIL(running / ${concurrency}) + CEIL(queued / ${jobsPerWorker})`;
}

/**
 * Step scaling (ExactCapacity) on the workers needed, ⌈running / concurrency⌉ + ⌈queued / jobsPerWorker⌉ (maximum of
 * each over one minute), between minWorkers (default 0) and maxWorkers: zero tasks while the queue
 * is empty, straight to the needed count when a surge arrives, and never fewer tasks than jobs being
 * graded.
 */
export function scaleWorkersOnQueue(service: ecs.BaseService, options: WorkerScalingOptions): void {
  const minWorkers = options.minWorkers ?? 0;
  const capacity = service.autoScaleTaskCount({ minCapacity: minWorkers, maxCapacity: options.maxWorkers });
  capacity.scaleOnMetric('OnWorkersNeeded', {
    metric: new cloudwatch.MathExpression({
      expression: workersNeededExpression(options.jobsPerWorker, options.concurrency),
      usingMetrics: {
        running: queueMetric(QueueMetric.running, options.queue, 'Maximum'),
        queued: queueMetric(QueueMetric.queued, options.queue, 'Maximum'),
      },
      period: Duration.minutes(1),
      label: `workers needed (${options.queue})`,
    }),
    adjustmentType: appscaling.AdjustmentType.EXACT_CAPACITY,
    scalingSteps: workerScalingSteps(options.maxWorkers, minWorkers),
    evaluationPeriods: 1,
    cooldown: Duration.seconds(60),
  });
}
