import { randomBytes } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../db';
import { DbError, mapDbErrors } from '../errors';
import { assignments } from '../schema/assignments';
import { submissions } from '../schema/submissions';
import { assertUuid, parseInput } from '../validate';
import { recordAudit } from './audit';
import { enqueueLtiGrades } from './lti-grades';
import { rowById } from './row-by-id';
import { refreshBoardScores } from './scores';

export type Assignment = typeof assignments.$inferSelect;

const checkSpec = z.object({
  name: z.string().regex(/^[A-Za-z_$][\w$]*$/, 'a JavaScript identifier'),
  cases: z.number().int().min(1).max(1000),
  visibleCases: z.number().int().min(0),
  points: z.number().min(0),
});

const newAssignmentInput = z
  .object({
    courseId: z.uuid(),
    slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes, 2-63 chars'),
    title: z.string().trim().min(1).max(200),
    description: z.string().max(20_000).default(''),
    kind: z.enum(['agent', 'checks']),
    envId: z.string().min(1).optional(),
    /** Options of a Python-backed env (checked against the env by the caller). */
    envOptions: z.object({ atariPreprocessing: z.boolean().optional() }).strict().default({}),
    publicEpisodes: z.number().int().min(0).max(100_000).default(0),
    privateEpisodes: z.number().int().min(0).max(100_000).default(0),
    checks: z.array(checkSpec).default([]),
    maxArtifactBytes: z.number().int().positive().optional(),
    maxDailySubmissions: z.number().int().positive().optional(),
    wallTimeMs: z.number().int().positive().optional(),
    actTimeMs: z.number().int().positive().optional(),
    memoryMb: z.number().int().positive().optional(),
    opensAt: z.date(),
    dueAt: z.date(),
    lateUntil: z.date().optional(),
    latePenalty: z.number().min(0).max(1).default(0),
    leaderboardVisibility: z.enum(['public', 'after_due', 'hidden']).default('public'),
    /** `minimize` when a lower score ranks first (e.g. a cost); default `maximize` (a return). */
    scoreDirection: z.enum(['maximize', 'minimize']).default('maximize'),
    createdBy: z.uuid().optional(),
  })
  .superRefine((a, ctx) => {
    if (a.kind === 'agent' && a.envId === undefined)
      ctx.addIssue({ code: 'custom', path: ['envId'], message: 'required for an agent assignment' });
    if (a.kind === 'agent' && a.privateEpisodes + a.publicEpisodes === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['privateEpisodes'],
        message: 'an agent assignment needs episodes',
      });
    if (a.kind === 'checks' && a.checks.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['checks'],
        message: 'a checks assignment needs at least one check',
      });
    a.checks.forEach((c, i) => {
      if (c.visibleCases > c.cases)
        ctx.addIssue({
          code: 'custom',
          path: ['checks', i, 'visibleCases'],
          message: `must be <= cases (${c.cases})`,
        });
    });
    if (a.dueAt < a.opensAt)
      ctx.addIssue({ code: 'custom', path: ['dueAt'], message: 'must not be before opensAt' });
    if (a.lateUntil !== undefined && a.lateUntil < a.dueAt)
      ctx.addIssue({ code: 'custom', path: ['lateUntil'], message: 'must not be before dueAt' });
  });

export type NewAssignment = z.input<typeof newAssignmentInput>;

/** Creates an assignment with a fresh 256-bit secret seed salt. */
export async function createAssignment(ex: Executor, input: NewAssignment): Promise<Assignment> {
  const values = parseInput('assignment', newAssignmentInput, input);
  const [row] = await mapDbErrors('assignments', () =>
    ex
      .insert(assignments)
      .values({ ...values, seedSalt: randomBytes(32).toString('hex') })
      .returning(),
  );
  return row!;
}

/** One assignment by id (DbError 'not_found' when there is none). */
export function getAssignment(ex: Executor, id: string): Promise<Assignment> {
  return rowById(ex, assignments, 'assignment', id);
}

/** One agent assignment by id: DbError 'invalid' (naming `entity`, the caller's) for a checks assignment. */
export async function getAgentAssignment(ex: Executor, id: string, entity: string): Promise<Assignment> {
  const a = await getAssignment(ex, id);
  if (a.kind !== 'agent') {
    throw new DbError(
      'invalid',
      `${entity}: assignment "${a.slug}" is a ${a.kind} assignment; expected agent`,
      {
        entity,
        field: 'assignmentId',
      },
    );
  }
  return a;
}

/** The assignment with this slug in a course (what URLs name). */
export async function getAssignmentBySlug(ex: Executor, courseId: string, slug: string): Promise<Assignment> {
  assertUuid('assignment', 'courseId', courseId);
  const [row] = await ex
    .select()
    .from(assignments)
    .where(and(eq(assignments.courseId, courseId), eq(assignments.slug, slug)))
    .limit(1);
  if (row === undefined) throw DbError.notFound('assignment', slug);
  return row;
}

const assignmentPatch = z
  .object({
    title: z.string().trim().min(1).max(200),
    description: z.string().max(20_000),
    opensAt: z.date(),
    dueAt: z.date(),
    lateUntil: z.date().nullable(),
    maxArtifactBytes: z.number().int().positive(),
    maxDailySubmissions: z.number().int().positive(),
    wallTimeMs: z.number().int().positive(),
    actTimeMs: z.number().int().positive(),
    memoryMb: z.number().int().positive(),
    leaderboardVisibility: z.enum(['public', 'after_due', 'hidden']),
  })
  .partial()
  .strict();

/**
 * Changes an assignment's title, description, dates, limits or board visibility (audited, with the old values).
 * Dates are checked together with the unchanged ones. The late penalty has its own query
 * (`setLatePenalty`) because it re-scores submissions. A new due date re-decides every existing
 * submission's lateness (late ⇔ submitted after the due date) and re-scores them; the audit entry
 * counts the submissions that changed.
 */
export async function updateAssignment(
  ex: Executor,
  input: { assignmentId: string; actorId: string; patch: z.input<typeof assignmentPatch> },
): Promise<Assignment> {
  const patch = parseInput('assignment', assignmentPatch, input.patch);
  return mapDbErrors('assignments', () =>
    ex.transaction(async (tx) => {
      const before = await getAssignment(tx, input.assignmentId);
      const [row] = await tx.update(assignments).set(patch).where(eq(assignments.id, before.id)).returning();
      const changed: Record<string, unknown> = Object.fromEntries(
        Object.keys(patch).map((k) => [
          k,
          { from: before[k as keyof Assignment], to: row![k as keyof Assignment] },
        ]),
      );
      if (patch.dueAt !== undefined && patch.dueAt.getTime() !== before.dueAt.getTime()) {
        const relabelled = await tx
          .update(submissions)
          .set({ isLate: sql`${submissions.submittedAt} > ${row!.dueAt.toISOString()}::timestamptz` })
          .where(
            and(
              eq(submissions.assignmentId, before.id),
              sql`${submissions.isLate} <> (${submissions.submittedAt} > ${row!.dueAt.toISOString()}::timestamptz)`,
            ),
          )
          .returning({ id: submissions.id });
        if (relabelled.length > 0) await refreshBoardScores(tx, { assignmentId: before.id });
        changed.lateness = { submissionsRelabelled: relabelled.length };
      }
      await recordAudit(tx, {
        courseId: before.courseId,
        actorId: input.actorId,
        action: 'assignment.update',
        entityType: 'assignment',
        entityId: before.id,
        details: changed,
      });
      return row!;
    }),
  );
}

export async function listAssignments(ex: Executor, courseId: string): Promise<Assignment[]> {
  assertUuid('course', 'id', courseId);
  return ex
    .select()
    .from(assignments)
    .where(eq(assignments.courseId, courseId))
    .orderBy(asc(assignments.dueAt));
}

/** Releases (or hides again, with `released: false`) the private board; audited. */
export async function setPrivateBoardReleased(
  ex: Executor,
  input: { assignmentId: string; actorId: string; released: boolean; now?: Date },
): Promise<Assignment> {
  assertUuid('assignment', 'id', input.assignmentId);
  return mapDbErrors('assignments', () =>
    ex.transaction(async (tx) => {
      const [row] = await tx
        .update(assignments)
        .set({ privateReleasedAt: input.released ? (input.now ?? new Date()) : null })
        .where(eq(assignments.id, input.assignmentId))
        .returning();
      if (row === undefined) throw DbError.notFound('assignment', input.assignmentId);
      await recordAudit(tx, {
        courseId: row.courseId,
        actorId: input.actorId,
        action: input.released ? 'leaderboard.release_private' : 'leaderboard.hide_private',
        entityType: 'assignment',
        entityId: row.id,
      });
      // Agent grades go to the LMS once the private board is released.
      if (input.released) await enqueueLtiGrades(tx, row.id);
      return row;
    }),
  );
}

/** Which boards a student may see now (staff see both at all times). */
export function studentBoardAccess(
  a: Assignment,
  now: Date = new Date(),
): { public: boolean; private: boolean } {
  const released = a.privateReleasedAt !== null && a.privateReleasedAt <= now;
  switch (a.leaderboardVisibility) {
    case 'hidden':
      return { public: false, private: false };
    case 'after_due':
      return { public: now >= a.dueAt, private: released };
    default:
      return { public: true, private: released };
  }
}

/** Whether a submission at `at` is refused (before opening or after the late window), late, or on time. */
export function submissionWindow(a: Assignment, at: Date): 'early' | 'on_time' | 'late' | 'closed' {
  if (at < a.opensAt) return 'early';
  if (at <= a.dueAt) return 'on_time';
  if (a.lateUntil !== null && at <= a.lateUntil) return 'late';
  return 'closed';
}
