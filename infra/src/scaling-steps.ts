/** One step of an ExactCapacity step-scaling policy: metric in [lower, upper) → `change` tasks. */
export interface CapacityStep {
  lower?: number;
  upper?: number;
  change: number;
}

/**
 * Steps mapping outstanding jobs n to a worker count ≈ ceil(n / jobsPerWorker), doubling the count
 * from one step to the next (1, 2, 4, … maxWorkers) so the policy stays within a handful of steps.
 * Never below `minWorkers` (0: scale to zero when nothing is outstanding); beyond the second-to-last step's reach → maxWorkers.
 * Bounds sit at half-integers: CDK splits the steps into a lower alarm (metric ≤ threshold) and an
 * upper alarm (metric ≥ threshold) sharing one threshold, and a count of whole jobs must never equal
 * it, or both alarms would fire and the service would flap between two sizes.
 */
export function workerScalingSteps(
  jobsPerWorker: number,
  maxWorkers: number,
  minWorkers = 0,
): CapacityStep[] {
  if (!Number.isInteger(jobsPerWorker) || jobsPerWorker < 1) {
    throw new RangeError(`jobsPerWorker: expected an integer >= 1, found ${jobsPerWorker}`);
  }
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
    const isLast = i === counts.length - 1;
    // Workers `count` cover up to count·jobsPerWorker outstanding jobs.
    const upper = count * jobsPerWorker + 0.5;
    const change = Math.max(count, minWorkers);
    steps.push(isLast ? { lower, change } : { lower, upper, change });
    lower = upper;
  });
  return steps;
}
