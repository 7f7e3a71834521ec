/** Inputs of one run of the queue model. */
export interface QueueSimInput {
  /** Job arrival times (seconds), ascending. */
  arrivals: readonly number[];
  /** Grading time of each job (seconds), same order as `arrivals`. */
  serviceTimes: readonly number[];
  /** Workers (each grades one job at a time). */
  workers: number;
  /** Seconds from the first arrival until the workers are up (scale from zero); 0 = already warm. */
  coldStartSeconds: number;
}

/** Per-job outcome and summary of one run. */
export interface QueueSimResult {
  /** Queue wait of each job (start − arrival), in arrival order. */
  waits: number[];
  /** Finish time of each job. */
  finishes: number[];
  p50: number;
  p95: number;
  max: number;
  mean: number;
  /** When the last job finished. */
  lastFinish: number;
}

/** Nearest-rank percentile (p in (0, 100]) of `values`. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError('percentile: expected at least one value, found none');
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile: expected p in (0, 100], found ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1]!;
}

/**
 * FIFO queue with `workers` identical servers, simulated event by event: jobs are taken in arrival
 * order, each by the worker that frees up first. All workers come up `coldStartSeconds` after the
 * first arrival (the scale-from-zero delay: metric period, alarm, task start).
 * start_i = max(arrival_i, earliest free worker); wait_i = start_i − arrival_i.
 */
export function simulateQueue(input: QueueSimInput): QueueSimResult {
  const { arrivals, serviceTimes, workers, coldStartSeconds } = input;
  if (!Number.isInteger(workers) || workers < 1) {
    throw new RangeError(`workers: expected an integer >= 1, found ${workers}`);
  }
  if (arrivals.length !== serviceTimes.length) {
    throw new RangeError(
      `serviceTimes: expected one per arrival (${arrivals.length}), found ${serviceTimes.length}`,
    );
  }
  if (!(coldStartSeconds >= 0)) {
    throw new RangeError(`coldStartSeconds: expected a number >= 0, found ${coldStartSeconds}`);
  }
  for (let i = 1; i < arrivals.length; i++) {
    if (arrivals[i]! < arrivals[i - 1]!)
      throw new RangeError(`arrivals: expected ascending times, index ${i} goes back`);
  }
  if (arrivals.length === 0) {
    return { waits: [], finishes: [], p50: 0, p95: 0, max: 0, mean: 0, lastFinish: 0 };
  }
  const readyAt = arrivals[0]! + coldStartSeconds;
  const freeAt = new Array<number>(workers).fill(readyAt);
  const waits: number[] = [];
  const finishes: number[] = [];
  arrivals.forEach((arrival, i) => {
    let w = 0;
    for (let k = 1; k < workers; k++) if (freeAt[k]! < freeAt[w]!) w = k;
    const start = Math.max(arrival, freeAt[w]!);
    const finish = start + serviceTimes[i]!;
    freeAt[w] = finish;
    waits.push(start - arrival);
    finishes.push(finish);
  });
  return {
    waits,
    finishes,
    p50: percentile(waits, 50),
    p95: percentile(waits, 95),
    max: Math.max(...waits),
    mean: waits.reduce((a, b) => a + b, 0) / waits.length,
    lastFinish: Math.max(...finishes),
  };
}
