import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../db';
import { DbError, mapDbErrors } from '../errors';
import type { FailureClass } from '../schema/enums';
import { checkResults, episodes, evaluations, submissions } from '../schema/submissions';
import { parseInput } from '../validate';
import { boundConsoleOutput } from './console-output';
import { refreshBoardScores } from './scores';
import { getSubmission, type Submission } from './submissions';

export type Evaluation = typeof evaluations.$inferSelect;
export type EpisodeRow = typeof episodes.$inferSelect;
export type CheckResultRow = typeof checkResults.$inferSelect;

async function currentAttempt(ex: Executor, submissionId: string, attempt: number): Promise<Submission> {
  const s = await getSubmission(ex, submissionId);
  if (s.attempt !== attempt) {
    throw new DbError(
      'conflict',
      `submission ${submissionId}: attempt ${attempt} is stale (the current attempt is ${s.attempt})`,
      { entity: 'submission', field: 'attempt' },
    );
  }
  return s;
}

/**
 * The grader starts (or, after a crash, restarts) an attempt: status running, `started_at` set,
 * progress reset to 0 of `total`. Conflict if the attempt is stale or already finished.
 */
export async function startAttempt(
  ex: Executor,
  input: { submissionId: string; attempt: number; total: number },
): Promise<Submission> {
  const s = await currentAttempt(ex, input.submissionId, input.attempt);
  if (s.status !== 'queued' && s.status !== 'running') {
    throw new DbError('conflict', `submission ${s.id}: attempt ${s.attempt} already ${s.status}`, {
      entity: 'submission',
      field: 'status',
    });
  }
  const [row] = await ex
    .update(submissions)
    .set({
      status: 'running',
      startedAt: sql`now()`,
      progressDone: 0,
      progressTotal: input.total,
      consoleOutput: null,
    })
    .where(and(eq(submissions.id, s.id), eq(submissions.attempt, input.attempt)))
    .returning();
  return row!;
}

/** Live progress (episodes or cases done); ignored when the attempt is no longer the current one. */
export async function reportProgress(
  ex: Executor,
  input: { submissionId: string; attempt: number; done: number },
): Promise<void> {
  await ex
    .update(submissions)
    .set({ progressDone: sql`least(${input.done}, ${submissions.progressTotal})` })
    .where(
      and(
        eq(submissions.id, input.submissionId),
        eq(submissions.attempt, input.attempt),
        eq(submissions.status, 'running'),
      ),
    );
}

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

const episodeInput = z.object({
  index: z.number().int().min(0),
  seed: z.number().int().min(0).max(4_294_967_295),
  return: finite,
  length: z.number().int().min(0),
  terminated: z.boolean(),
  truncated: z.boolean(),
  trajectoryKey: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});

const checkResultInput = z.object({
  check: z.string().min(1),
  caseIndex: z.number().int().min(0),
  visible: z.boolean(),
  passed: z.boolean(),
  input: z.unknown().optional(),
  expected: z.unknown().optional(),
  got: z.unknown().optional(),
  tolerance: z.number().optional(),
  message: z.string().optional(),
  points: z.number().min(0),
  maxPoints: z.number().min(0),
});

const evaluationInput = z
  .object({
    submissionId: z.uuid(),
    attempt: z.number().int().min(1),
    split: z.enum(['public', 'private']),
    stats: z.object({
      n: z.number().int().min(0),
      mean: finite,
      std: finite,
      ciLow: finite,
      ciHigh: finite,
      iqm: finite,
      min: finite,
      max: finite,
    }),
    points: z.number().min(0).optional(),
    maxPoints: z.number().min(0).optional(),
    graderVersion: z.string().min(1),
    envVersion: z.string().min(1),
    /** The submission language's runtime (Python submissions), e.g. `python 3.11.7 (numpy 2.4.6, …)`. */
    runtimeVersion: z.string().min(1).optional(),
    episodes: z.array(episodeInput).default([]),
    checkResults: z.array(checkResultInput).default([]),
  })
  .superRefine((e, ctx) => {
    if (e.episodes.length > 0 && e.episodes.length !== e.stats.n)
      ctx.addIssue({
        code: 'custom',
        path: ['stats', 'n'],
        message: `is ${e.stats.n} but ${e.episodes.length} episodes were given`,
      });
  });

export type NewEvaluation = z.input<typeof evaluationInput>;

const EPISODE_CHUNK = 2000;

/**
 * Writes the result of one split of one attempt with its episodes and check results, atomically and
 * idempotently: if that (submission, attempt, split) is already recorded (a retried job), nothing is
 * written and the existing evaluation is returned with `created: false`.
 */
export async function recordEvaluation(
  ex: Executor,
  input: NewEvaluation,
): Promise<{ evaluation: Evaluation; created: boolean }> {
  const v = parseInput('evaluation', evaluationInput, input);
  return mapDbErrors('evaluations', () =>
    ex.transaction(async (tx) => {
      const s = await currentAttempt(tx, v.submissionId, v.attempt);
      const [inserted] = await tx
        .insert(evaluations)
        .values({
          submissionId: s.id,
          assignmentId: s.assignmentId,
          attempt: v.attempt,
          split: v.split,
          ...v.stats,
          points: v.points,
          maxPoints: v.maxPoints,
          graderVersion: v.graderVersion,
          envVersion: v.envVersion,
          runtimeVersion: v.runtimeVersion ?? null,
        })
        .onConflictDoNothing({ target: [evaluations.submissionId, evaluations.attempt, evaluations.split] })
        .returning();
      if (inserted === undefined) {
        const [existing] = await tx
          .select()
          .from(evaluations)
          .where(
            and(
              eq(evaluations.submissionId, s.id),
              eq(evaluations.attempt, v.attempt),
              eq(evaluations.split, v.split),
            ),
          );
        return { evaluation: existing!, created: false };
      }
      for (let i = 0; i < v.episodes.length; i += EPISODE_CHUNK) {
        const chunk = v.episodes
          .slice(i, i + EPISODE_CHUNK)
          .map((e) => ({ ...e, evaluationId: inserted.id }));
        await tx.insert(episodes).values(chunk);
      }
      for (let i = 0; i < v.checkResults.length; i += EPISODE_CHUNK) {
        const chunk = v.checkResults
          .slice(i, i + EPISODE_CHUNK)
          .map((c) => ({ ...c, evaluationId: inserted.id }));
        await tx.insert(checkResults).values(chunk);
      }
      return { evaluation: inserted, created: true };
    }),
  );
}

/**
 * Ends an attempt successfully: its evaluations become the scored ones. Conflict when the attempt is
 * stale or has no evaluation recorded.
 */
export async function finishAttempt(
  ex: Executor,
  input: { submissionId: string; attempt: number; consoleOutput?: string },
): Promise<Submission> {
  return ex.transaction(async (tx) => {
    await currentAttempt(tx, input.submissionId, input.attempt);
    const [has] = await tx
      .select({ id: evaluations.id })
      .from(evaluations)
      .where(and(eq(evaluations.submissionId, input.submissionId), eq(evaluations.attempt, input.attempt)))
      .limit(1);
    if (has === undefined) {
      throw new DbError(
        'conflict',
        `submission ${input.submissionId}: attempt ${input.attempt} has no evaluation to score`,
        {
          entity: 'submission',
          field: 'attempt',
        },
      );
    }
    const [row] = await tx
      .update(submissions)
      .set({
        status: 'succeeded',
        scoredAttempt: input.attempt,
        finishedAt: sql`now()`,
        progressDone: sql`${submissions.progressTotal}`,
        errorClass: null,
        errorMessage: null,
        consoleOutput: boundConsoleOutput(input.consoleOutput),
      })
      .where(and(eq(submissions.id, input.submissionId), inArray(submissions.status, ['queued', 'running'])))
      .returning();
    if (row === undefined)
      throw new DbError('conflict', `submission ${input.submissionId}: attempt already finished`, {
        entity: 'submission',
      });
    await refreshBoardScores(tx, { submissionId: row.id });
    return getSubmission(tx, row.id);
  });
}

/**
 * Ends an attempt with a verdict the student can act on (or `platform_error`, which does not count
 * toward the daily limit). Earlier scored attempts keep counting.
 */
export async function failAttempt(
  ex: Executor,
  input: {
    submissionId: string;
    attempt: number;
    errorClass: FailureClass;
    message: string;
    consoleOutput?: string;
  },
): Promise<Submission> {
  if (input.message.trim() === '') {
    throw new DbError('invalid', 'failAttempt: message must say what went wrong', {
      entity: 'submission',
      field: 'message',
    });
  }
  return ex.transaction(async (tx) => {
    await currentAttempt(tx, input.submissionId, input.attempt);
    const [row] = await tx
      .update(submissions)
      .set({
        status: 'failed',
        errorClass: input.errorClass,
        errorMessage: input.message,
        consoleOutput: boundConsoleOutput(input.consoleOutput),
        finishedAt: sql`now()`,
        ...(input.errorClass === 'platform_error' ? { countsTowardLimit: false } : {}),
      })
      .where(and(eq(submissions.id, input.submissionId), inArray(submissions.status, ['queued', 'running'])))
      .returning();
    if (row === undefined)
      throw new DbError('conflict', `submission ${input.submissionId}: attempt already finished`, {
        entity: 'submission',
      });
    return row;
  });
}
