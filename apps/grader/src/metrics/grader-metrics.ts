import { VERDICTS } from '@critic/runner';
import type { GradeOutcome } from '../grading/outcome';

/** Upper bounds (seconds) of the job duration histogram. */
export const DURATION_BUCKETS = [0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600] as const;

/** Outcome labels of `critic_grader_jobs_total`: every verdict, plus platform errors and skipped jobs. */
export const JOB_OUTCOMES = [...VERDICTS, 'platform_error', 'skipped'] as const;
type JobOutcomeLabel = (typeof JOB_OUTCOMES)[number];

/** Queue counts shown as a gauge (what `queueDepth` of @critic/db returns). */
export interface QueueDepthSample {
  ready: number;
  delayed: number;
  running: number;
  dead: number;
}

/** In-process counters of one grader process, rendered in Prometheus' text format. */
export class GraderMetrics {
  private readonly jobs = new Map<JobOutcomeLabel, number>(JOB_OUTCOMES.map((o) => [o, 0]));
  private readonly buckets = new Array<number>(DURATION_BUCKETS.length).fill(0);
  private durationSum = 0;
  private durationCount = 0;
  private inProgress = 0;

  /** A job started. */
  jobStarted(): void {
    this.inProgress++;
  }

  /** A job ended with an outcome (from gradeSubmission) or a platform error, after `seconds`. */
  jobEnded(outcome: GradeOutcome | 'platform_error', seconds: number): void {
    this.inProgress = Math.max(0, this.inProgress - 1);
    const label: JobOutcomeLabel =
      outcome === 'platform_error'
        ? outcome
        : outcome.status === 'skipped'
          ? 'skipped'
          : (outcome.verdict ?? 'skipped');
    this.jobs.set(label, (this.jobs.get(label) ?? 0) + 1);
    this.durationSum += seconds;
    this.durationCount++;
    for (const [i, le] of DURATION_BUCKETS.entries()) if (seconds <= le) this.buckets[i]!++;
  }

  /** Jobs counted so far with this outcome. */
  count(outcome: JobOutcomeLabel): number {
    return this.jobs.get(outcome) ?? 0;
  }

  /** The Prometheus text exposition (format 0.0.4); `depth` when the queue could be read. */
  render(depth?: QueueDepthSample): string {
    const lines: string[] = [];
    const family = (name: string, type: string, help: string) =>
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    family('critic_grader_jobs_total', 'counter', 'Grading jobs finished by this process, by outcome.');
    for (const [outcome, n] of this.jobs) lines.push(`critic_grader_jobs_total{outcome="${outcome}"} ${n}`);
    family(
      'critic_grader_failures_total',
      'counter',
      'Jobs that did not end ok, by failure class (student verdicts and platform errors).',
    );
    for (const [outcome, n] of this.jobs) {
      if (outcome !== 'ok' && outcome !== 'skipped')
        lines.push(`critic_grader_failures_total{class="${outcome}"} ${n}`);
    }
    family('critic_grader_job_duration_seconds', 'histogram', 'Wall time of grading jobs.');
    for (const [i, le] of DURATION_BUCKETS.entries()) {
      lines.push(`critic_grader_job_duration_seconds_bucket{le="${le}"} ${this.buckets[i]}`);
    }
    lines.push(`critic_grader_job_duration_seconds_bucket{le="+Inf"} ${this.durationCount}`);
    lines.push(`critic_grader_job_duration_seconds_sum ${this.durationSum}`);
    lines.push(`critic_grader_job_duration_seconds_count ${this.durationCount}`);
    family('critic_grader_jobs_in_progress', 'gauge', 'Jobs being graded by this process now.');
    lines.push(`critic_grader_jobs_in_progress ${this.inProgress}`);
    if (depth) {
      family('critic_grader_queue_depth', 'gauge', 'Jobs in the grading queue, by state.');
      for (const state of ['ready', 'delayed', 'running', 'dead'] as const) {
        lines.push(`critic_grader_queue_depth{state="${state}"} ${depth[state]}`);
      }
    }
    return `${lines.join('\n')}\n`;
  }
}
