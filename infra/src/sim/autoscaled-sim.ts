import { percentile } from './queue-sim';

/** Inputs of the queue model with a fleet that follows a scaling policy. */
export interface AutoscaledSimInput {
  /** Job arrival times (seconds), ascending. */
  arrivals: readonly number[];
  /** Grading time of each job (seconds), same order as `arrivals`. */
  serviceTimes: readonly number[];
  /** Fleet size the policy sets for `queued` waiting and `running` jobs (the deployed step policy). */
  capacityFor: (queued: number, running: number) => number;
  /** Seconds between metric samples (the queue-metrics Lambda runs every 60 s); ticks at 0, p, 2p, … */
  metricPeriodSeconds: number;
  /** Seconds from a scaling decision to a worker taking jobs (alarm, ECS placement, image pull, boot). */
  provisionSeconds: number;
}

export interface AutoscaledSimResult {
  /** Queue wait of each job, in arrival order. */
  waits: number[];
  p50: number;
  p95: number;
  max: number;
  /** When the last job finished. */
  lastFinish: number;
  /** Most workers running or starting at once. */
  peakWorkers: number;
  /** Billed worker time: from each launch until that worker is scaled in (seconds). */
  workerSeconds: number;
}

interface Worker {
  launchedAt: number;
  /** When it can take a job: ready time while starting, then the end of its current job. */
  availableAt: number;
}

/**
 * Event-driven simulation: jobs queue FIFO; at every metric tick the policy sets the fleet size from
 * the queued and running counts; new workers take jobs `provisionSeconds` later; scale-in removes
 * only idle workers (a busy task finishes its job first). The fleet starts at zero.
 */
export function simulateAutoscaled(input: AutoscaledSimInput): AutoscaledSimResult {
  const { arrivals, serviceTimes, capacityFor, metricPeriodSeconds: period, provisionSeconds } = input;
  if (arrivals.length !== serviceTimes.length) {
    throw new RangeError(
      `serviceTimes: expected one per arrival (${arrivals.length}), found ${serviceTimes.length}`,
    );
  }
  if (!(period > 0)) throw new RangeError(`metricPeriodSeconds: expected a number > 0, found ${period}`);
  if (!(provisionSeconds >= 0)) {
    throw new RangeError(`provisionSeconds: expected a number >= 0, found ${provisionSeconds}`);
  }
  for (let i = 1; i < arrivals.length; i++) {
    if (arrivals[i]! < arrivals[i - 1]!)
      throw new RangeError(`arrivals: expected ascending times, index ${i} goes back`);
  }
  const n = arrivals.length;
  const waits = new Array<number>(n).fill(0);
  const queue: number[] = [];
  let workers: Worker[] = [];
  let next = 0;
  let nextTick = 0;
  let t = 0;
  let lastFinish = 0;
  let peakWorkers = 0;
  let workerSeconds = 0;
  let started = 0;

  while (started < n) {
    while (next < n && arrivals[next]! <= t) queue.push(next++);
    // Dispatch: every worker free at t takes the oldest waiting job.
    for (const w of workers) {
      if (queue.length === 0) break;
      if (w.availableAt <= t) {
        const job = queue.shift()!;
        waits[job] = t - arrivals[job]!;
        w.availableAt = t + serviceTimes[job]!;
        lastFinish = Math.max(lastFinish, w.availableAt);
        started++;
      }
    }
    if (t === nextTick) {
      const running = workers.filter((w) => w.availableAt > t && w.launchedAt + provisionSeconds <= t).length;
      const desired = capacityFor(queue.length, running);
      if (desired === 0 && queue.length + running > 0) {
        throw new RangeError(
          `capacityFor: the policy asks for 0 workers with ${queue.length} jobs queued and ${running} running`,
        );
      }
      if (desired > workers.length) {
        for (let k = workers.length; k < desired; k++)
          workers.push({ launchedAt: t, availableAt: t + provisionSeconds });
      } else if (desired < workers.length) {
        let surplus = workers.length - desired;
        workers = workers.filter((w) => {
          if (surplus > 0 && w.availableAt <= t) {
            surplus--;
            workerSeconds += t - w.launchedAt;
            return false;
          }
          return true;
        });
      }
      peakWorkers = Math.max(peakWorkers, workers.length);
      nextTick += period;
    }
    if (started === n) break;
    const candidates = [nextTick];
    if (next < n) candidates.push(arrivals[next]!);
    for (const w of workers) if (w.availableAt > t) candidates.push(w.availableAt);
    t = Math.min(...candidates);
  }
  // Workers still up after the last job would be scaled in at the first tick after they go idle.
  for (const w of workers) {
    const idleTick = Math.ceil(Math.max(w.availableAt, lastFinish) / period) * period;
    workerSeconds += idleTick - w.launchedAt;
  }
  return {
    waits,
    p50: n === 0 ? 0 : percentile(waits, 50),
    p95: n === 0 ? 0 : percentile(waits, 95),
    max: n === 0 ? 0 : Math.max(...waits),
    lastFinish,
    peakWorkers,
    workerSeconds,
  };
}
