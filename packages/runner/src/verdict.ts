/** How a submission (or one call into it) ended; the grader stores it and shows it to the student. */
export type Verdict =
  | 'ok'
  | 'wrong_answer'
  | 'runtime_error'
  | 'time_limit'
  | 'memory_limit'
  | 'invalid_action'
  | 'invalid_artifact';

/** Every verdict, in a stable order (for metrics labels and exhaustive tables). */
export const VERDICTS: readonly Verdict[] = [
  'ok',
  'wrong_answer',
  'runtime_error',
  'time_limit',
  'memory_limit',
  'invalid_action',
  'invalid_artifact',
];

/** Where in an artifact a problem was found, and what was expected there. */
export interface ArtifactLocation {
  /** The file inside the artifact, e.g. `model.json`, `group1-shard1of1.bin`, `agent.ts`. */
  file?: string;
  /** The tensor / weight / graph input concerned, e.g. `dense_Dense1/kernel`. */
  tensor?: string;
  /** What the grader expected, in words or numbers. */
  expected?: string;
  /** What it found instead. */
  found?: string;
}

/** The plain-data form of a failure: what crosses the process boundary and what the grader stores. */
export interface FailureReport extends ArtifactLocation {
  /** Never `ok`. */
  verdict: Exclude<Verdict, 'ok'>;
  /** A message the student can act on. */
  message: string;
  /** The student's own stack trace (grader frames and paths removed), for `runtime_error`. */
  studentStack?: string;
}

/** A failure of the submission: carries the verdict and a message meant for the student. */
export class RunnerError extends Error {
  readonly verdict: Exclude<Verdict, 'ok'>;
  readonly location: ArtifactLocation;
  readonly studentStack: string | undefined;

  constructor(report: FailureReport) {
    super(report.message);
    this.name = 'RunnerError';
    this.verdict = report.verdict;
    this.studentStack = report.studentStack;
    const { file, tensor, expected, found } = report;
    this.location = { file, tensor, expected, found };
  }

  /** The plain-data report (structured-clone safe). */
  toReport(): FailureReport {
    const r: FailureReport = { verdict: this.verdict, message: this.message };
    for (const [k, v] of Object.entries(this.location))
      if (v !== undefined) r[k as keyof ArtifactLocation] = v;
    if (this.studentStack !== undefined) r.studentStack = this.studentStack;
    return r;
  }
}

/** A submission refused before it runs: which file / tensor, expected vs found. */
export class InvalidArtifactError extends RunnerError {
  constructor(message: string, location: ArtifactLocation = {}) {
    super({ verdict: 'invalid_artifact', message, ...location });
    this.name = 'InvalidArtifactError';
  }
}

/** True for a failure the student caused (as opposed to a bug or outage of the platform). */
export function isRunnerError(e: unknown): e is RunnerError {
  return e instanceof RunnerError;
}
