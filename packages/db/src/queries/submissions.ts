import { and, desc, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../db';
import { DbError, mapDbErrors } from '../errors';
import type { DeadLetterHook } from '../queue/dead-letter';
import { enqueueJob, type Job } from '../queue/jobs';
import { submissions } from '../schema/submissions';
import { assertUuid, parseInput } from '../validate';
import { getAssignment, submissionWindow } from './assignments';
import { recordAudit } from './audit';
import { countSubmissionsOnDay } from './limits';
import { enqueueLtiGrades } from './lti-grades';
import { roleInCourse, teamOfUser } from './people';
import { rowById } from './row-by-id';

export type Submission = typeof submissions.$inferSelect;

/** Queue that grading jobs go to; payload `{ submissionId, attempt }`. */
export const GRADE_QUEUE = 'grade';

/** Payload of a grading job. */
export interface GradeJobPayload extends Record<string, unknown> {
  submissionId: string;
  attempt: number;
}

/** Enqueues the grading job of one attempt of a submission (inside the transaction that made the attempt). */
export function enqueueGrading(
  tx: Executor,
  input: { submissionId: string; attempt: number; priority?: number },
): Promise<Job<GradeJobPayload>> {
  return enqueueJob<GradeJobPayload>(tx, {
    queue: GRADE_QUEUE,
    payload: { submissionId: input.submissionId, attempt: input.attempt },
    submissionId: input.submissionId,
    priority: input.priority ?? 0,
  });
}

const newSubmissionInput = z.object({
  assignmentId: z.uuid(),
  userId: z.uuid(),
  artifactSha256: z.string().regex(/^[0-9a-f]{64}$/, '64 lower-case hex digits'),
  artifactSize: z.number().int().min(0),
  format: z.enum(['tfjs-layers', 'onnx', 'js-agent', 'checks', 'python-agent', 'python-checks']),
  /** Submission time; default now (tests and imports pass their own). */
  now: z.date().optional(),
  /** Staff only: ignore the submission window and the daily limit. */
  skipLimits: z.boolean().default(false),
  /** Priority of the grading job; default 0. */
  jobPriority: z.number().int().default(0),
});

export type NewSubmission = z.input<typeof newSubmissionInput>;

/**
 * Records an upload and enqueues its grading job in ONE transaction. Refuses (DbError 'limit') outside
 * the submission window, above the artifact size limit or the daily limit; the daily count is taken
 * under a per-owner advisory lock, so concurrent uploads cannot exceed it.
 */
export async function createSubmission(
  ex: Executor,
  input: NewSubmission,
): Promise<{ submission: Submission; job: Job<GradeJobPayload> }> {
  const v = parseInput('submission', newSubmissionInput, input);
  return mapDbErrors('submissions', () =>
    ex.transaction(async (tx) => {
      const a = await getAssignment(tx, v.assignmentId);
      const now = v.now ?? new Date();
      const role = await roleInCourse(tx, a.courseId, v.userId);
      if (role === undefined) {
        throw new DbError(
          'invalid',
          `submission: user ${v.userId} is not enrolled in the assignment's course`,
          {
            entity: 'submission',
            field: 'userId',
          },
        );
      }
      const wantFormat =
        a.kind === 'checks' ? 'checks or python-checks' : 'an agent format (tfjs-layers, onnx, js-agent)';
      const homeworkFormat = v.format === 'checks' || v.format === 'python-checks';
      if ((a.kind === 'checks') !== homeworkFormat) {
        throw new DbError(
          'invalid',
          `submission: format "${v.format}" does not fit a ${a.kind} assignment; expected ${wantFormat}`,
          {
            entity: 'submission',
            field: 'format',
          },
        );
      }
      if (v.artifactSize > a.maxArtifactBytes) {
        throw new DbError(
          'limit',
          `submission: artifact is ${v.artifactSize} bytes; the limit is ${a.maxArtifactBytes}`,
          {
            entity: 'submission',
            field: 'artifactSize',
          },
        );
      }
      let teamId: string | null = null;
      if (a.kind === 'agent') {
        const team = await teamOfUser(tx, a.courseId, v.userId);
        if (team === undefined) {
          throw new DbError(
            'invalid',
            'submission: agent assignments are team work; join or create a team first',
            {
              entity: 'submission',
              field: 'teamId',
            },
          );
        }
        teamId = team.id;
      }
      const window = submissionWindow(a, now);
      if (!v.skipLimits) {
        if (window === 'early') {
          throw new DbError('limit', `submission: "${a.slug}" opens at ${a.opensAt.toISOString()}`, {
            entity: 'submission',
            field: 'submittedAt',
          });
        }
        if (window === 'closed') {
          const end = (a.lateUntil ?? a.dueAt).toISOString();
          throw new DbError('limit', `submission: "${a.slug}" closed at ${end}`, {
            entity: 'submission',
            field: 'submittedAt',
          });
        }
        // The student's count, then the team's, each under its own lock (always in this order: no
        // deadlock), so concurrent uploads cannot exceed either.
        await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${a.id}:${v.userId}`}, 0))`);
        if (teamId !== null) {
          await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${a.id}:${teamId}`}, 0))`);
        }
        const used = await countSubmissionsOnDay(tx, {
          assignmentId: a.id,
          teamId,
          userId: v.userId,
          at: now,
        });
        const limit = a.maxDailySubmissions;
        const over =
          teamId !== null && used.team >= limit
            ? `${used.team} of ${limit} today, per team`
            : used.student >= limit
              ? `${used.student} of ${limit} today, per student${teamId === null ? '' : ' (in any team)'}`
              : undefined;
        if (over !== undefined) {
          throw new DbError(
            'limit',
            `submission: daily limit reached (${over}); it resets at midnight in the course's time zone`,
            { entity: 'submission', field: 'maxDailySubmissions' },
          );
        }
      }
      const [submission] = await tx
        .insert(submissions)
        .values({
          assignmentId: a.id,
          teamId,
          submittedBy: v.userId,
          artifactSha256: v.artifactSha256,
          artifactSize: v.artifactSize,
          format: v.format,
          isLate: window === 'late',
          submittedAt: now,
          queuedAt: now,
        })
        .returning();
      const job = await enqueueGrading(tx, {
        submissionId: submission!.id,
        attempt: 1,
        priority: v.jobPriority,
      });
      return { submission: submission!, job };
    }),
  );
}

/** One submission by id (DbError 'not_found' when there is none). */
export function getSubmission(ex: Executor, id: string): Promise<Submission> {
  return rowById(ex, submissions, 'submission', id);
}

/** Submissions of an assignment, newest first; filter by team or (individual work) by student. */
export async function listSubmissions(
  ex: Executor,
  filter: { assignmentId: string; teamId?: string; userId?: string; limit?: number },
): Promise<Submission[]> {
  assertUuid('assignment', 'id', filter.assignmentId);
  const conds = [eq(submissions.assignmentId, filter.assignmentId)];
  if (filter.teamId !== undefined) conds.push(eq(submissions.teamId, filter.teamId));
  if (filter.userId !== undefined) conds.push(eq(submissions.submittedBy, filter.userId));
  return ex
    .select()
    .from(submissions)
    .where(and(...conds))
    .orderBy(desc(submissions.submittedAt))
    .limit(Math.min(filter.limit ?? 200, 1000));
}

/**
 * Marks the submission that counts for its owner (team, or student for individual work), clearing any
 * previous choice in the same transaction. Only a succeeded submission can be selected.
 */
export async function selectSubmission(ex: Executor, submissionId: string): Promise<Submission> {
  return mapDbErrors('submissions', () =>
    ex.transaction(async (tx) => {
      const s = await getSubmission(tx, submissionId);
      if (s.scoredAttempt === null) {
        throw new DbError(
          'invalid',
          `submission ${submissionId}: only a graded submission can be selected (status ${s.status})`,
          {
            entity: 'submission',
            field: 'selected',
          },
        );
      }
      const owner =
        s.teamId === null
          ? and(sql`${submissions.teamId} is null`, eq(submissions.submittedBy, s.submittedBy))
          : eq(submissions.teamId, s.teamId);
      await tx
        .update(submissions)
        .set({ selected: false })
        .where(
          and(
            eq(submissions.assignmentId, s.assignmentId),
            owner,
            ne(submissions.id, s.id),
            eq(submissions.selected, true),
          ),
        );
      const [row] = await tx
        .update(submissions)
        .set({ selected: true })
        .where(eq(submissions.id, s.id))
        .returning();
      // The submission that counts changed: so may the LMS grade.
      await enqueueLtiGrades(tx, s.assignmentId);
      return row!;
    }),
  );
}

/** Clears the owner's explicit choice (back to the default: best score, or latest for checks). */
export async function clearSelection(ex: Executor, submissionId: string): Promise<void> {
  const s = await getSubmission(ex, submissionId);
  await ex.update(submissions).set({ selected: false }).where(eq(submissions.id, s.id));
  await enqueueLtiGrades(ex, s.assignmentId);
}

/**
 * Re-runs a submission as a new attempt (new grader or env version); earlier attempts' results are kept
 * and keep counting until the new attempt succeeds. Audited.
 */
export async function rejudgeSubmission(
  ex: Executor,
  input: { submissionId: string; actorId: string; reason?: string; priority?: number },
): Promise<{ submission: Submission; job: Job<GradeJobPayload> }> {
  return mapDbErrors('submissions', () =>
    ex.transaction(async (tx) => {
      const s = await getSubmission(tx, input.submissionId);
      if (s.status === 'queued' || s.status === 'running') {
        throw new DbError(
          'conflict',
          `submission ${s.id}: already ${s.status} (attempt ${s.attempt}); wait for it to finish`,
          {
            entity: 'submission',
            field: 'status',
          },
        );
      }
      const [row] = await tx
        .update(submissions)
        .set({
          attempt: s.attempt + 1,
          status: 'queued',
          queuedAt: sql`now()`,
          startedAt: null,
          finishedAt: null,
          errorClass: null,
          errorMessage: null,
          progressDone: 0,
          progressTotal: 0,
        })
        .where(eq(submissions.id, s.id))
        .returning();
      const job = await enqueueGrading(tx, {
        submissionId: s.id,
        attempt: s.attempt + 1,
        priority: input.priority ?? -1,
      });
      const a = await getAssignment(tx, s.assignmentId);
      await recordAudit(tx, {
        courseId: a.courseId,
        actorId: input.actorId,
        action: 'submission.rejudge',
        entityType: 'submission',
        entityId: s.id,
        details: { attempt: s.attempt + 1, ...(input.reason ? { reason: input.reason } : {}) },
      });
      return { submission: row!, job };
    }),
  );
}

/**
 * Rejudges every finished submission of an assignment (e.g. after an env fix) in one transaction with
 * one audit entry; queued or running ones are left alone. Returns how many were re-queued.
 */
export async function rejudgeAssignment(
  ex: Executor,
  input: { assignmentId: string; actorId: string; reason?: string },
): Promise<number> {
  return mapDbErrors('submissions', () =>
    ex.transaction(async (tx) => {
      const a = await getAssignment(tx, input.assignmentId);
      const rows = await tx.execute(sql`
        with bumped as (
          update submissions set attempt = attempt + 1, status = 'queued', queued_at = now(), started_at = null,
            finished_at = null, error_class = null, error_message = null, progress_done = 0, progress_total = 0
          where assignment_id = ${a.id} and status in ('succeeded', 'failed', 'cancelled')
          returning id, attempt
        )
        insert into jobs (queue, payload, submission_id, priority)
        select ${GRADE_QUEUE}, jsonb_build_object('submissionId', id, 'attempt', attempt), id, -1 from bumped
        returning id`);
      await recordAudit(tx, {
        courseId: a.courseId,
        actorId: input.actorId,
        action: 'assignment.rejudge_all',
        entityType: 'assignment',
        entityId: a.id,
        details: { submissions: rows.length, ...(input.reason ? { reason: input.reason } : {}) },
      });
      return rows.length;
    }),
  );
}

/**
 * The grading domain's dead-letter hook (pass it as `onDeadLetter` to `claimJobs`, `failJob`,
 * `runWorker` of the grade queues): a dead job's submission fails as `platform_error`, not counted
 * toward the daily limit, when it is still queued or running and the job was for its current attempt
 * (`payload.attempt`; a stale attempt's job after a rejudge leaves the submission alone).
 */
export const failSubmissionsOfDeadJobs: DeadLetterHook = (dead) => sql`
  update submissions s set status = 'failed', error_class = 'platform_error', counts_toward_limit = false,
    error_message = case ${dead}.cause
      when 'lease_expired' then 'grading was interrupted repeatedly on our side; it did not count toward your daily limit'
      else 'grading failed on our side after ' || ${dead}.attempts || ' attempt(s): ' || coalesce(${dead}.last_error, '')
    end,
    finished_at = now()
  from ${dead} where s.id = ${dead}.submission_id and s.status in ('queued', 'running')
    and coalesce((${dead}.payload->>'attempt')::int, s.attempt) = s.attempt`;
