/** One step of an ExactCapacity step-scaling policy: metric in [lower, upper) → `change` tasks. */
export interface CapacityStep {
  lower?: number;
  upper?: number;
  change: number;
}

/**
 * Steps mapping outstanding jobs n to a worker count ≈ ceil(n / jobsPerWorker), doubling the count
 * from one step to the next (1, 2, 4, … maxWorkers) so the policy stays within a handful of steps.
 * n = 0 → 0 workers (scale to zero); beyond the second-to-last step's reach → maxWorkers.
 * Bounds sit at half-integers: CDK splits the steps into a lower alarm (metric ≤ threshold) and an
 * upper alarm (metric ≥ threshold) sharing one threshold, and a count of whole jobs must never equal
 * it, or both alarms would fire and the service would flap between two sizes.
 */
export function workerScalingSteps(jobsPerWorker: number, maxWorkers: number): CapacityStep[] {
  if (!Number.isInteger(jobsPerWorker) || jobsPerWorker < 1) {
    throw new RangeError(`jobsPerWorker: expected an integer >= 1, found ${jobsPerWorker}`);
  }
  if (!Number.isInteger(maxWorkers) || maxWorkers < 1) {
    throw new RangeError(`maxWorkers: expected an integer >= 1, found ${maxWorkers}`);
  }
  const counts: number[] = [];
  for (let c = 1; c < maxWorkers; c *= 2) counts.push(c);
  counts.push(maxWorkers);
  const steps: CapacityStep[] = [{ upper: 0.5, change: 0 }];
  let lower = 0.5;
  counts.forEach((count, i) => {
    const isLast = i === counts.length - 1;
    // Workers `count` cover up to count·jobsPerWorker outstanding jobs.
    const upper = count * jobsPerWorker + 0.5;
    steps.push(isLast ? { lower, change: count } : { lower, upper, change: count });
    lower = upper;
  });
  return steps;
}
