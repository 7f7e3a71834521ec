-- Hand-written data backfill (issue 16): a homework (checks) submission's public_score becomes its points
-- (× (1 − late_penalty) when late) instead of the pass fraction, as refreshBoardScores now computes it.
update submissions s set public_score = (
  select case when s.is_late then e.points * (1 - a.late_penalty) else e.points end
  from evaluations e
  where e.submission_id = s.id and e.attempt = s.scored_attempt and e.split = 'public'
)
from assignments a
where a.id = s.assignment_id and a.kind = 'checks' and s.scored_attempt is not null;
