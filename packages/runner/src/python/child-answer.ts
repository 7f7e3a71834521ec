import { type FailureReport, RunnerError, VERDICTS } from '../verdict';
import type { FrameValue } from './framing';

const FAILURE_VERDICTS = new Set<string>(VERDICTS.filter((v) => v !== 'ok'));

/**
 * One answer of the Python child: its result, the failure it reported, or a frame that is no answer
 * at all (only the submission writing to the pipe makes one); failures as the submission's RunnerError.
 */
export type ChildAnswer =
  | { kind: 'result'; value: FrameValue }
  | { kind: 'failure'; error: RunnerError }
  | { kind: 'malformed'; error: RunnerError };

/** Reads one answer frame of the child (`{ok: true, result}` or `{ok: false, failure}`). */
export function readChildAnswer(frame: FrameValue): ChildAnswer {
  const f = frame as { ok?: unknown; result?: FrameValue; failure?: Partial<FailureReport> };
  if (typeof f !== 'object' || f === null || typeof f.ok !== 'boolean') {
    return malformed('the Python process sent a malformed answer');
  }
  if (f.ok) return { kind: 'result', value: f.result ?? null };
  const r = f.failure;
  if (
    !r ||
    typeof r.verdict !== 'string' ||
    !FAILURE_VERDICTS.has(r.verdict) ||
    typeof r.message !== 'string'
  )
    return malformed('the Python process sent a malformed failure');
  const report: FailureReport = { verdict: r.verdict, message: r.message };
  for (const k of ['file', 'tensor', 'expected', 'found', 'studentStack'] as const) {
    if (typeof r[k] === 'string') report[k] = r[k];
  }
  return { kind: 'failure', error: new RunnerError(report) };
}

const malformed = (message: string): ChildAnswer => ({
  kind: 'malformed',
  error: new RunnerError({ verdict: 'runtime_error', message }),
});
