import { Duration } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import { QueueMetric, queueMetric } from './queue-metric-names';
import { workerScalingSteps } from './scaling-steps';

export interface WorkerScalingOptions {
  /** Queue whose outstanding jobs drive the service. */
  queue: string;
  /** Outstanding jobs per worker. */
  jobsPerWorker: number;
  /** Upper bound on tasks. */
  maxWorkers: number;
  /** Tasks kept when nothing is outstanding (default 0: scale to zero). */
  minWorkers?: number;
}

/**
 * Step scaling (ExactCapacity) on OutstandingJobs (queued + running, maximum over one minute), min 0:
 * the service is at zero tasks while the queue is empty and jumps straight to the needed count when a
 * surge arrives. Running jobs count, so the fleet does not shrink under jobs still being graded.
 */
export function scaleWorkersOnQueue(service: ecs.BaseService, options: WorkerScalingOptions): void {
  const minWorkers = options.minWorkers ?? 0;
  const capacity = service.autoScaleTaskCount({ minCapacity: minWorkers, maxCapacity: options.maxWorkers });
  capacity.scaleOnMetric('OnOutstandingJobs', {
    metric: queueMetric(QueueMetric.outstanding, options.queue, 'Maximum'),
    adjustmentType: appscaling.AdjustmentType.EXACT_CAPACITY,
    scalingSteps: workerScalingSteps(options.jobsPerWorker, options.maxWorkers, minWorkers),
    evaluationPeriods: 1,
    cooldown: Duration.seconds(60),
  });
}
