/** The checks `checkEnv` runs, after Gymnasium's `check_env`. */
export type CheckName =
  | 'env-object'
  | 'observation-space'
  | 'action-space'
  | 'reset-signature'
  | 'reset-observation'
  | 'reset-options'
  | 'reset-seed-determinism'
  | 'step-signature'
  | 'step-observation'
  | 'reward-finite'
  | 'step-determinism'
  | 'render'
  | 'close-twice';

export interface CheckIssue {
  check: CheckName;
  /** What exactly is wrong (or suspicious), in words a student can act on. */
  message: string;
}

export interface CheckEnvReport {
  /** True when there are no failures (warnings allowed). */
  passed: boolean;
  failures: CheckIssue[];
  warnings: CheckIssue[];
}

export interface CheckEnvOptions {
  /** Seed used for the seeded resets (default 123, as Gymnasium). */
  seed?: number;
  /** Random-action steps taken to check observations and rewards (default 200). */
  rolloutSteps?: number;
  /** Steps compared by the determinism check (default 50). */
  determinismSteps?: number;
}

/** The failures and warnings found so far; a repeated (check, message) pair is kept once. */
export interface Findings {
  fail(check: CheckName, message: string): void;
  warn(check: CheckName, message: string): void;
  report(): CheckEnvReport;
}

export function newFindings(): Findings {
  const failures: CheckIssue[] = [];
  const warnings: CheckIssue[] = [];
  return {
    fail(check, message) {
      if (!failures.some((f) => f.check === check && f.message === message))
        failures.push({ check, message });
    },
    warn(check, message) {
      if (!warnings.some((w) => w.check === check && w.message === message))
        warnings.push({ check, message });
    },
    report: () => ({ passed: failures.length === 0, failures, warnings }),
  };
}
