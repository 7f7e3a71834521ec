import type { CapacityStep } from '../scaling-steps';

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
