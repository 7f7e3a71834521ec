import { simulateQueue } from './queue-sim';

/** Queue-wait summary for one fleet size. */
export interface FleetRow {
  workers: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
  /** Seconds after the deadline when the last job finished (negative: before it). */
  drainedAfterDeadline: number;
}

export interface FleetPlan {
  rows: FleetRow[];
  /** Smallest fleet whose p95 wait is below the target; undefined if none up to maxWorkers. */
  minWorkers: number | undefined;
}

export interface FleetPlanInput {
  arrivals: readonly number[];
  serviceTimes: readonly number[];
  coldStartSeconds: number;
  /** Deadline time on the arrivals' clock (the window's end). */
  deadline: number;
  /** Fleet sizes tried: 1…maxWorkers. */
  maxWorkers: number;
  /** The p95 wait must be strictly below this (seconds). */
  targetP95Seconds: number;
}

/** Runs the queue for every fleet size 1…maxWorkers and finds the smallest meeting the p95 target. */
export function planFleet(input: FleetPlanInput): FleetPlan {
  if (!Number.isInteger(input.maxWorkers) || input.maxWorkers < 1) {
    throw new RangeError(`maxWorkers: expected an integer >= 1, found ${input.maxWorkers}`);
  }
  const rows: FleetRow[] = [];
  let minWorkers: number | undefined;
  for (let workers = 1; workers <= input.maxWorkers; workers++) {
    const r = simulateQueue({ ...input, workers });
    rows.push({
      workers,
      p50: r.p50,
      p95: r.p95,
      max: r.max,
      mean: r.mean,
      drainedAfterDeadline: r.lastFinish - input.deadline,
    });
    if (minWorkers === undefined && r.p95 < input.targetP95Seconds) minWorkers = workers;
  }
  return { rows, minWorkers };
}
