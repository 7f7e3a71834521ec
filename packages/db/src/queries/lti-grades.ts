import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../db';
import { ltiGradeOutbox, ltiIdentities, ltiLineItems, ltiPlatforms } from '../schema/lti';
import { enrollments, users } from '../schema/people';
import { submissions } from '../schema/submissions';
import { toDate, toDateOrNull } from '../timestamps';
import { getAssignment } from './assignments';
import { type GradeRow, gradeExportRows } from './grades';
import type { LtiLineItem } from './lti-links';

/**
 * The grade a line item gets for one student's grade row, out of `scoreMaximum`; undefined when there
 * is nothing to send (no graded submission).
 *  - checks: points / max points (the late penalty is already in the points);
 *  - agent with thresholds: (score − zeroAt) / (fullAt − zeroAt), clamped to [0, 1] (a `minimize`
 *    assignment sets zeroAt above fullAt; the late penalty is already in the private score);
 *  - agent without thresholds: (N − rank + 1) / N over the N ranked teams (rank 1 gets full marks).
 */
export function ltiGradeOf(
  row: GradeRow,
  kind: 'agent' | 'checks',
  item: Pick<LtiLineItem, 'scoreMaximum' | 'gradeZeroAt' | 'gradeFullAt'>,
  rankedTeams: number,
): number | undefined {
  if (row.score === null) return undefined;
  let fraction: number;
  if (kind === 'checks') {
    if (row.maxPoints === null || row.maxPoints <= 0) return undefined;
    fraction = row.score / row.maxPoints;
  } else if (item.gradeZeroAt !== null && item.gradeFullAt !== null) {
    fraction = (row.score - item.gradeZeroAt) / (item.gradeFullAt - item.gradeZeroAt);
  } else {
    if (row.rank === null || rankedTeams === 0) return undefined;
    fraction = (rankedTeams - row.rank + 1) / rankedTeams;
  }
  const clamped = Math.min(1, Math.max(0, fraction));
  return Math.round(clamped * item.scoreMaximum * 10_000) / 10_000;
}

/**
 * Writes an outbox row for every LMS-linked student of the assignment whose grade differs from the
 * last one queued for them (so a score goes out once, and again only when it changes). Agent grades
 * wait for the private board's release. Call inside the transaction that changed the scores.
 */
export async function enqueueLtiGrades(ex: Executor, assignmentId: string): Promise<number> {
  const items = await ex
    .select({ item: ltiLineItems, issuer: ltiPlatforms.issuer })
    .from(ltiLineItems)
    .innerJoin(ltiPlatforms, eq(ltiPlatforms.id, ltiLineItems.platformId))
    .where(eq(ltiLineItems.assignmentId, assignmentId));
  if (items.length === 0) return 0;
  const a = await getAssignment(ex, assignmentId);
  // The private board decides agent grades: nothing leaves before the instructor releases it.
  if (a.kind === 'agent' && a.privateReleasedAt === null) return 0;
  const rows = await gradeExportRows(ex, assignmentId);
  const rankedTeams = Math.max(0, ...rows.map((r) => r.rank ?? 0));
  const members = await ex
    .select({
      userId: users.id,
      email: users.email,
      issuer: ltiIdentities.issuer,
      subject: ltiIdentities.subject,
    })
    .from(ltiIdentities)
    .innerJoin(users, eq(users.id, ltiIdentities.userId))
    .innerJoin(enrollments, and(eq(enrollments.userId, users.id), eq(enrollments.courseId, a.courseId)));
  let queued = 0;
  for (const { item, issuer } of items) {
    // One writer per line item at a time, so two concurrent gradings cannot both queue the same value.
    await ex.execute(sql`select pg_advisory_xact_lock(hashtext(${`lti-outbox:${item.id}`}))`);
    const subjects = new Map(members.filter((m) => m.issuer === issuer).map((m) => [m.email, m]));
    for (const row of rows) {
      const member = subjects.get(row.email);
      if (member === undefined) continue;
      const scoreGiven = ltiGradeOf(row, a.kind, item, rankedTeams);
      if (scoreGiven === undefined) continue;
      const [last] = await ex
        .select({ scoreGiven: ltiGradeOutbox.scoreGiven, scoreMaximum: ltiGradeOutbox.scoreMaximum })
        .from(ltiGradeOutbox)
        .where(
          and(
            eq(ltiGradeOutbox.lineItemId, item.id),
            eq(ltiGradeOutbox.userId, member.userId),
            inArray(ltiGradeOutbox.status, ['pending', 'sent']),
          ),
        )
        .orderBy(desc(ltiGradeOutbox.id))
        .limit(1);
      if (last !== undefined && last.scoreGiven === scoreGiven && last.scoreMaximum === item.scoreMaximum)
        continue;
      await ex
        .update(ltiGradeOutbox)
        .set({ status: 'superseded' })
        .where(
          and(
            eq(ltiGradeOutbox.lineItemId, item.id),
            eq(ltiGradeOutbox.userId, member.userId),
            eq(ltiGradeOutbox.status, 'pending'),
          ),
        );
      await ex.insert(ltiGradeOutbox).values({
        lineItemId: item.id,
        userId: member.userId,
        subject: member.subject,
        scoreGiven,
        scoreMaximum: item.scoreMaximum,
        submissionId: row.submissionId,
      });
      queued += 1;
    }
  }
  return queued;
}

/** `enqueueLtiGrades` for the assignment of a re-scored submission (or an assignment); cheap when not LTI-linked. */
export async function enqueueLtiGradesAfterScoring(
  ex: Executor,
  target: { submissionId: string } | { assignmentId: string },
): Promise<void> {
  let assignmentId: string | undefined;
  if ('assignmentId' in target) assignmentId = target.assignmentId;
  else {
    const [s] = await ex
      .select({ assignmentId: submissions.assignmentId })
      .from(submissions)
      .where(eq(submissions.id, target.submissionId))
      .limit(1);
    assignmentId = s?.assignmentId;
  }
  if (assignmentId === undefined) return;
  const [linked] = await ex
    .select({ id: ltiLineItems.id })
    .from(ltiLineItems)
    .where(eq(ltiLineItems.assignmentId, assignmentId))
    .limit(1);
  if (linked !== undefined) await enqueueLtiGrades(ex, assignmentId);
}

/** An outbox row claimed for sending, with where it goes. */
export interface LtiGradeToSend {
  id: number;
  subject: string;
  scoreGiven: number;
  scoreMaximum: number;
  attempts: number;
  lineItemUrl: string;
  platformId: string;
  /** When the grade was queued: the score's AGS timestamp, so an LMS keeps the newest of two racing sends. */
  queuedAt: Date;
}

/**
 * Claims up to `limit` due outbox rows for `leaseMs` (their next attempt moves past the lease, so a
 * sender that dies leaves them due again: never lost), oldest first.
 */
export async function claimLtiGrades(
  ex: Executor,
  input: { now: Date; leaseMs: number; limit: number },
): Promise<LtiGradeToSend[]> {
  const rows = await ex.execute(sql`
    with due as (
      select id from lti_grade_outbox
      where status = 'pending' and next_attempt_at <= ${input.now.toISOString()}::timestamptz
      order by id limit ${input.limit}
      for update skip locked
    )
    update lti_grade_outbox o
    set attempts = o.attempts + 1, next_attempt_at = ${new Date(input.now.getTime() + input.leaseMs).toISOString()}::timestamptz
    from due, lti_line_items li
    where o.id = due.id and li.id = o.line_item_id
    returning o.id, o.subject, o.score_given as "scoreGiven", o.score_maximum as "scoreMaximum",
      o.attempts, li.url as "lineItemUrl", li.platform_id as "platformId", o.created_at as "queuedAt"`);
  return rows.map((r) => ({
    ...(r as unknown as LtiGradeToSend),
    id: Number(r.id),
    queuedAt: toDate(r.queuedAt),
  }));
}

/** Marks a claimed row sent (at `at`). */
export async function markLtiGradeSent(ex: Executor, id: number, at: Date): Promise<void> {
  await ex
    .update(ltiGradeOutbox)
    .set({ status: 'sent', sentAt: at, lastError: null })
    .where(eq(ltiGradeOutbox.id, id));
}

/**
 * Records a failed send and when to try again: exponential backoff 2^(attempts−1) × baseMs, capped
 * at maxMs. The row stays pending until it is sent or superseded.
 */
export async function markLtiGradeFailed(
  ex: Executor,
  input: { id: number; attempts: number; error: string; now: Date; baseMs: number; maxMs: number },
): Promise<Date> {
  const delay = Math.min(input.maxMs, input.baseMs * 2 ** Math.max(0, input.attempts - 1));
  const next = new Date(input.now.getTime() + delay);
  await ex
    .update(ltiGradeOutbox)
    .set({ lastError: input.error.slice(0, 1000), nextAttemptAt: next })
    .where(and(eq(ltiGradeOutbox.id, input.id), eq(ltiGradeOutbox.status, 'pending')));
  return next;
}

/** One line of "what was sent to the LMS and when" for the instructor. */
export interface LtiGradeLogEntry {
  id: number;
  assignmentId: string;
  assignmentTitle: string;
  userName: string;
  userEmail: string;
  scoreGiven: number;
  scoreMaximum: number;
  status: 'pending' | 'sent' | 'superseded';
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  nextAttemptAt: Date;
}

/** The course's grade outbox, newest first (at most `limit` rows). */
export async function listLtiGradeLog(
  ex: Executor,
  courseId: string,
  limit = 200,
): Promise<LtiGradeLogEntry[]> {
  const rows = await ex.execute(sql`
    select o.id, a.id as "assignmentId", a.title as "assignmentTitle", u.name as "userName", u.email as "userEmail",
      o.score_given as "scoreGiven", o.score_maximum as "scoreMaximum", o.status, o.attempts,
      o.last_error as "lastError", o.created_at as "createdAt", o.sent_at as "sentAt", o.next_attempt_at as "nextAttemptAt"
    from lti_grade_outbox o
    join lti_line_items li on li.id = o.line_item_id
    join assignments a on a.id = li.assignment_id
    join users u on u.id = o.user_id
    where a.course_id = ${courseId}
    order by o.id desc
    limit ${limit}`);
  return rows.map((r) => ({
    ...(r as unknown as LtiGradeLogEntry),
    id: Number(r.id),
    createdAt: toDate(r.createdAt),
    sentAt: toDateOrNull(r.sentAt),
    nextAttemptAt: toDate(r.nextAttemptAt),
  }));
}
