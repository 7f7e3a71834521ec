import { type CapacityStep, workerScalingSteps, workersNeeded } from '../scaling-steps';

/** The worker count an ExactCapacity step policy sets for a metric value (as Application Auto Scaling does). */
export function capacityFromSteps(steps: readonly CapacityStep[]): (value: number) => number {
  return (value) => {
    const step = steps.find(
      (s) => (s.lower ?? Number.NEGATIVE_INFINITY) <= value && value < (s.upper ?? Number.POSITIVE_INFINITY),
    );
    if (step === undefined) throw new RangeError(`no scaling step covers the metric value ${value}`);
    return step.change;
  };
}

/** The deployed policy as a function of queued and running jobs: steps over running + ⌈queued / jobsPerWorker⌉. */
export function deployedPolicy(
  jobsPerWorker: number,
  maxWorkers: number,
  minWorkers = 0,
  concurrency = 1,
): (queued: number, running: number) => number {
  const capacity = capacityFromSteps(workerScalingSteps(maxWorkers, minWorkers));
  return (queued, running) => capacity(workersNeeded(queued, running, jobsPerWorker, concurrency));
}
