import type { Stat, SubmissionStatus } from '@critic/contract';

// The status's shape is the API's own schema (@critic/contract), not a copy: a change to the route's
// response schema fails this typecheck. This file only words it for the terminal.

/** Statuses after which nothing changes any more. */
export const FINAL_STATUSES: ReadonlySet<SubmissionStatus['status']> = new Set([
  'succeeded',
  'failed',
  'cancelled',
]);

const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));

function statText(label: string, s: Stat): string {
  if (typeof s.maxPoints === 'number' && typeof s.points === 'number') {
    return `${label}: ${num(s.points)}/${num(s.maxPoints)} points (${num(s.mean * 100)}% of ${s.n} cases)`;
  }
  return `${label}: mean ${num(s.mean)} (95% CI ${num(s.ciLow)} to ${num(s.ciHigh)}), IQM ${num(s.iqm)}, min ${num(s.min)}, max ${num(s.max)} over ${s.n} episodes`;
}

/** One line for a status while it is pending: `queued (position 3)` or `running 12/30`. */
export function phaseLine(s: SubmissionStatus): string {
  if (s.status === 'queued') {
    return s.queuePosition === null ? 'queued' : `queued (position ${s.queuePosition} in the queue)`;
  }
  if (s.status === 'running') {
    const { done, total } = s.progress;
    return total > 0 ? `running: ${done}/${total} (${Math.floor((100 * done) / total)}%)` : 'running';
  }
  return s.status;
}

/** The lines of a final status: the verdict, then the scores or the error. */
export function verdictLines(s: SubmissionStatus): string[] {
  if (s.status === 'succeeded') {
    const lines = [`succeeded${s.isLate ? ' (late)' : ''}`];
    if (s.scores.public) lines.push(`  ${statText('public', s.scores.public)}`);
    if (s.scores.private) lines.push(`  ${statText('private', s.scores.private)}`);
    return lines;
  }
  if (s.status === 'failed') {
    return [`failed: ${s.error ? `${s.error.class}: ${s.error.message}` : 'no reason given'}`];
  }
  return [s.status];
}
