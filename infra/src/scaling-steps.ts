/** One step of an ExactCapacity step-scaling policy: metric in [lower, upper) → `change` tasks. */
export interface CapacityStep {
  lower?: number;
  upper?: number;
  change: number;
}

/**
 * Workers a queue needs: enough for the running jobs (a task must not be stopped mid-grading; each
 * grades `concurrency` jobs at once) plus one per `jobsPerWorker` claimable jobs waiting. The scaling
 * alarm computes the same thing in metric math.
 * needed = ⌈running / concurrency⌉ + ⌈queued / jobsPerWorker⌉
 */
export function workersNeeded(
  queued: number,
  running: number,
  jobsPerWorker: number,
  concurrency = 1,
): number {
  return Math.ceil(running / concurrency) + Math.ceil(queued / jobsPerWorker);
}

/**
 * Steps mapping the (whole) number of workers needed, v, to a fleet size: the smallest of
 * 1, 2, 4, 8, …, maxWorkers that is ≥ v (never more than double), and never below `minWorkers`
 * (0: scale to zero when nothing is queued or running). Bounds sit at half-integers: CDK splits the
 * steps into a lower alarm (metric ≤ threshold) and an upper alarm (metric ≥ threshold) sharing one
 * threshold, and a whole number must never equal it, or both alarms would fire and the service flap.
 */
export function workerScalingSteps(maxWorkers: number, minWorkers = 0): CapacityStep[] {
  if (!Number.isInteger(maxWorkers) || maxWorkers < 1) {
    throw new RangeError(`maxWorkers: expected an integer >= 1, found ${maxWorkers}`);
  }
  if (!Number.isInteger(minWorkers) || minWorkers < 0 || minWorkers > maxWorkers) {
    throw new RangeError(`minWorkers: expected an integer in [0, ${maxWorkers}], found ${minWorkers}`);
  }
  const counts: number[] = [];
  for (let c = 1; c < maxWorkers; c *= 2) counts.push(c);
  counts.push(maxWorkers);
  const steps: CapacityStep[] = [{ upper: 0.5, change: minWorkers }];
  let lower = 0.5;
  counts.forEach((count, i) => {
    const change = Math.max(count, minWorkers);
    if (i === counts.length - 1) {
      steps.push({ lower, change });
    } else {
      steps.push({ lower, upper: count + 0.5, change });
      lower = count + 0.5;
    }
  });
  return steps;
}
