import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../db';
import { mapDbErrors } from '../errors';
import { executeFast } from '../fast-execute';
import type { Job } from '../queue/jobs';
import type { EvaluationSplit } from '../schema/enums';
import { submissions } from '../schema/submissions';
import { withDates } from '../timestamps';
import { assertUuid, parseInput } from '../validate';
import { getAgentAssignment } from './assignments';
import { scoreOrder } from './leaderboard';
import { enqueueGrading, type GradeJobPayload, type Submission } from './submissions';

/** A reference row shown on a board beside the teams (random agent, reference PPO…); never ranked. */
export interface BaselineRow {
  /** The baseline's label, e.g. `random` or `ppo`. */
  baseline: string;
  submissionId: string;
  submittedAt: Date;
  n: number;
  /** Mean return on the split. */
  score: number;
  std: number;
  ciLow: number;
  ciHigh: number;
  iqm: number;
}

const newBaselineInput = z.object({
  assignmentId: z.uuid(),
  /** Staff member (or the platform's service user) recorded as the submitter. */
  userId: z.uuid(),
  baseline: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'lower-case letters, digits and dashes, 1-32 chars'),
  artifactSha256: z.string().regex(/^[0-9a-f]{64}$/, '64 lower-case hex digits'),
  artifactSize: z.number().int().min(0),
  format: z.enum(['tfjs-layers', 'onnx', 'js-agent']),
});

/**
 * Records a platform-made reference submission (no team, no limits) and enqueues its grading job in one
 * transaction; it is graded like any agent, so its row carries real episodes and replays.
 */
export async function createBaselineSubmission(
  ex: Executor,
  input: z.input<typeof newBaselineInput>,
): Promise<{ submission: Submission; job: Job<GradeJobPayload> }> {
  const v = parseInput('baseline', newBaselineInput, input);
  return mapDbErrors('submissions', () =>
    ex.transaction(async (tx) => {
      const a = await getAgentAssignment(tx, v.assignmentId, 'baseline');
      const now = new Date();
      const [submission] = await tx
        .insert(submissions)
        .values({
          assignmentId: a.id,
          teamId: null,
          submittedBy: v.userId,
          baseline: v.baseline,
          artifactSha256: v.artifactSha256,
          artifactSize: v.artifactSize,
          format: v.format,
          countsTowardLimit: false,
          submittedAt: now,
          queuedAt: now,
        })
        .returning();
      const job = await enqueueGrading(tx, { submissionId: submission!.id, attempt: 1 });
      return { submission: submission!, job };
    }),
  );
}

/** The board's baseline rows on a split: per label, its latest scored submission, best first (by the assignment's direction). */
export async function baselineRows(
  ex: Executor,
  input: { assignmentId: string; split: EvaluationSplit },
): Promise<BaselineRow[]> {
  assertUuid('assignment', 'id', input.assignmentId);
  const rows = await executeFast(
    ex,
    sql`
    select distinct on (s.baseline) s.baseline, s.id as "submissionId", s.submitted_at as "submittedAt",
      e.n, e.mean as score, e.std, e.ci_low as "ciLow", e.ci_high as "ciHigh", e.iqm
    from submissions s
    join evaluations e on e.submission_id = s.id and e.attempt = s.scored_attempt and e.split = ${input.split}
    where s.assignment_id = ${input.assignmentId} and s.baseline is not null
    order by s.baseline, s.submitted_at desc, s.id`,
  );
  const sign = (await scoreOrder(ex, input.assignmentId)) === 'asc' ? -1 : 1;
  return rows
    .map((r) => withDates<BaselineRow>(r, ['submittedAt']))
    .sort((x, y) => sign * (y.score - x.score));
}
