import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { assignments } from './assignments';
import { cascadeRef, createdAt, timestamptz, uuidKey } from './columns';
import { artifactFormat, evaluationSplit, failureClass, submissionStatus } from './enums';
import { teams, users } from './people';

/**
 * One upload. Agent assignments are submitted by a team (`team_id` set); checks assignments are
 * individual (`team_id` null, the owner is `submitted_by`).
 *
 * Improvements over DESIGN §7:
 * - `attempt` counts judge runs (1 = first judge, 2 = first rejudge…); `scored_attempt` names the attempt
 *   whose evaluations count, so a rejudge in progress never blanks the board, and old results are kept.
 * - `counts_toward_limit` is cleared when a failure is the platform's, so it does not use up a daily slot.
 * - `is_late` is set at insert time from the assignment's dates, and re-decided when the due date moves.
 */
/** One point of a learning curve: environment steps so far and the mean episode return there. */
export interface LearningCurvePoint {
  step: number;
  return: number;
}

export const submissions = pgTable(
  'submissions',
  {
    id: uuidKey(),
    assignmentId: cascadeRef('assignment_id', () => assignments.id),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'cascade' }),
    submittedBy: cascadeRef('submitted_by', () => users.id),
    artifactSha256: text('artifact_sha256').notNull(),
    artifactSize: bigint('artifact_size', { mode: 'number' }).notNull(),
    format: artifactFormat('format').notNull(),
    status: submissionStatus('status').notNull().default('queued'),
    /** Judge runs started so far for this submission (rejudges increment it). */
    attempt: integer('attempt').notNull().default(1),
    /** Attempt whose evaluations the boards and grades use; null until one succeeded. */
    scoredAttempt: integer('scored_attempt'),
    isLate: boolean('is_late').notNull().default(false),
    /** The team's explicit choice of the submission that counts (at most one per owner and assignment). */
    selected: boolean('selected').notNull().default(false),
    countsTowardLimit: boolean('counts_toward_limit').notNull().default(true),
    /**
     * Set on the platform's own reference submissions (e.g. `random`, `ppo`): shown as baseline rows on
     * the board, never ranked among teams; `team_id` is null for them.
     */
    baseline: text('baseline'),
    /** The team's learning curve (points of step and return, at most 2,000), from an attached metrics file. */
    learningCurve: jsonb('learning_curve').$type<LearningCurvePoint[]>(),
    /**
     * Board scores of the scored attempt (mean after the late penalty), per split; null until scored.
     * Derived from `evaluations` in the same transaction that sets `scored_attempt` (and recomputed when
     * the late penalty changes), so the board reads one index entry per team instead of sorting every
     * evaluation: the leaderboard stays a query over these tables, not a separate copy.
     */
    publicScore: doublePrecision('public_score'),
    privateScore: doublePrecision('private_score'),
    /** Episodes (or check cases) finished / total in the running attempt, for live progress. */
    progressDone: integer('progress_done').notNull().default(0),
    progressTotal: integer('progress_total').notNull().default(0),
    errorClass: failureClass('error_class'),
    errorMessage: text('error_message'),
    /**
     * The student's own console output of the current attempt (what their code printed in the
     * sandbox), at most 64 KiB of UTF-8; null until an attempt ends or when it printed nothing.
     */
    consoleOutput: text('console_output'),
    /**
     * What the student's code printed from the first private episode on (at most 64 KiB): kept apart
     * from `console_output` (loading and public episodes) so students see it only once the private
     * board is released; staff see both.
     */
    privateConsoleOutput: text('private_console_output'),
    /** The attempt failed while private episodes ran: students see its verdict's class, not its message, until release. */
    errorInPrivate: boolean('error_in_private').notNull().default(false),
    submittedAt: timestamptz('submitted_at').notNull().defaultNow(),
    queuedAt: timestamptz('queued_at'),
    startedAt: timestamptz('started_at'),
    finishedAt: timestamptz('finished_at'),
  },
  (t) => [
    check('submissions_sha256_hex', sql`${t.artifactSha256} ~ '^[0-9a-f]{64}$'`),
    check('submissions_size_nonneg', sql`${t.artifactSize} >= 0`),
    check('submissions_console_output_bounded', sql`octet_length(${t.consoleOutput}) <= 65536`),
    check(
      'submissions_private_console_output_bounded',
      sql`octet_length(${t.privateConsoleOutput}) <= 65536`,
    ),
    check(
      'submissions_attempt_positive',
      sql`${t.attempt} >= 1 and (${t.scoredAttempt} is null or ${t.scoredAttempt} between 1 and ${t.attempt})`,
    ),
    check('submissions_baseline_has_no_team', sql`${t.baseline} is null or ${t.teamId} is null`),
    index('submissions_baseline_idx').on(t.assignmentId, t.baseline).where(sql`${t.baseline} is not null`),
    check('submissions_error_when_failed', sql`${t.status} <> 'failed' or ${t.errorClass} is not null`),
    index('submissions_board_public_idx')
      .on(t.assignmentId, t.teamId, t.selected.desc(), t.publicScore.desc(), t.submittedAt, t.id)
      .where(sql`${t.publicScore} is not null`),
    index('submissions_board_private_idx')
      .on(t.assignmentId, t.teamId, t.selected.desc(), t.privateScore.desc(), t.submittedAt, t.id)
      .where(sql`${t.privateScore} is not null`),
    index('submissions_team_idx').on(t.teamId, t.submittedAt),
    index('submissions_owner_day_idx').on(t.assignmentId, t.submittedBy, t.submittedAt),
    uniqueIndex('submissions_one_selected_team')
      .on(t.assignmentId, t.teamId)
      .where(sql`${t.selected} and ${t.teamId} is not null`),
    uniqueIndex('submissions_one_selected_user')
      .on(t.assignmentId, t.submittedBy)
      .where(sql`${t.selected} and ${t.teamId} is null`),
  ],
);

/**
 * Statistics of one split of one judge attempt. Never updated: a rejudge writes a new attempt, and a
 * retried job that finds its row already present keeps the first (the unique key makes the write idempotent).
 * `assignment_id` is copied from the submission so per-assignment exports read one index range per split.
 */
export const evaluations = pgTable(
  'evaluations',
  {
    id: uuidKey(),
    submissionId: cascadeRef('submission_id', () => submissions.id),
    assignmentId: cascadeRef('assignment_id', () => assignments.id),
    attempt: integer('attempt').notNull(),
    split: evaluationSplit('split').notNull(),
    n: integer('n').notNull(),
    mean: doublePrecision('mean').notNull(),
    std: doublePrecision('std').notNull(),
    ciLow: doublePrecision('ci_low').notNull(),
    ciHigh: doublePrecision('ci_high').notNull(),
    iqm: doublePrecision('iqm').notNull(),
    min: doublePrecision('min').notNull(),
    max: doublePrecision('max').notNull(),
    /** Checks only: points earned and possible in this attempt. */
    points: doublePrecision('points'),
    maxPoints: doublePrecision('max_points'),
    graderVersion: text('grader_version').notNull(),
    envVersion: text('env_version').notNull(),
    /** The submission language's runtime, e.g. `python 3.11.7 (numpy 2.4.6, torch 2.13.0+cpu, …)`; null for JS and models. */
    runtimeVersion: text('runtime_version'),
    createdAt: createdAt(),
  },
  (t) => [
    unique('evaluations_attempt_split_unique').on(t.submissionId, t.attempt, t.split),
    index('evaluations_assignment_idx').on(t.assignmentId, t.split),
    check('evaluations_n_nonneg', sql`${t.n} >= 0`),
    check('evaluations_ci_ordered', sql`${t.ciLow} <= ${t.ciHigh}`),
  ],
);

/** One episode of an evaluation: with the seed (and the artifact) it replays exactly. */
export const episodes = pgTable(
  'episodes',
  {
    evaluationId: cascadeRef('evaluation_id', () => evaluations.id),
    index: integer('index').notNull(),
    /** Seed passed to `env.reset({ seed })`; uint32. */
    seed: bigint('seed', { mode: 'number' }).notNull(),
    return: doublePrecision('return').notNull(),
    length: integer('length').notNull(),
    terminated: boolean('terminated').notNull(),
    truncated: boolean('truncated').notNull(),
    /** Blob key (sha256) of the recorded trajectory (actions per step), when the grader kept it. */
    trajectoryKey: text('trajectory_key'),
  },
  (t) => [
    primaryKey({ name: 'episodes_pk', columns: [t.evaluationId, t.index] }),
    check('episodes_seed_uint32', sql`${t.seed} >= 0 and ${t.seed} <= 4294967295`),
    check('episodes_length_nonneg', sql`${t.length} >= 0`),
  ],
);

/** One case of one homework check. Hidden cases keep expected/got here but are never shown to students. */
export const checkResults = pgTable(
  'check_results',
  {
    evaluationId: cascadeRef('evaluation_id', () => evaluations.id),
    check: text('check').notNull(),
    caseIndex: integer('case_index').notNull(),
    visible: boolean('visible').notNull(),
    passed: boolean('passed').notNull(),
    input: jsonb('input'),
    expected: jsonb('expected'),
    got: jsonb('got'),
    tolerance: doublePrecision('tolerance'),
    message: text('message'),
    points: doublePrecision('points').notNull(),
    maxPoints: doublePrecision('max_points').notNull(),
  },
  (t) => [
    primaryKey({ name: 'check_results_pk', columns: [t.evaluationId, t.check, t.caseIndex] }),
    check('check_results_points_range', sql`${t.points} >= 0 and ${t.points} <= ${t.maxPoints}`),
  ],
);
