// Which homework submission counts for the grade: the owner's chosen one, else its best (most points after
// the late penalty, the earliest among equals) — the rule the grades CSV applies.
import type { SubmissionSummary } from './api-contract';

type Countable = Pick<
  SubmissionSummary,
  'id' | 'team' | 'submittedBy' | 'selected' | 'publicScore' | 'submittedAt'
>;

/** The owner a submission counts for: its team, else its submitter (individual homework). */
function ownerOf(s: Countable): string {
  return s.team === null ? `user:${s.submittedBy.id}` : `team:${s.team.id}`;
}

/** Ids of the submissions that count, one per owner among the graded ones (publicScore set). */
export function countingSubmissionIds(submissions: readonly Countable[]): Set<string> {
  const best = new Map<string, Countable>();
  for (const s of submissions) {
    if (s.publicScore === null) continue;
    const owner = ownerOf(s);
    const seen = best.get(owner);
    if (seen === undefined || beats(s, seen)) best.set(owner, s);
  }
  return new Set([...best.values()].map((s) => s.id));
}

function beats(a: Countable, b: Countable): boolean {
  if (a.selected !== b.selected) return a.selected;
  if (a.publicScore !== b.publicScore) return (a.publicScore ?? 0) > (b.publicScore ?? 0);
  return a.submittedAt < b.submittedAt;
}
