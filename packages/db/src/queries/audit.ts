import { and, desc, eq, lt } from 'drizzle-orm';
import type { Executor } from '../db';
import { mapDbErrors } from '../errors';
import { auditLog } from '../schema/access';
import { users } from '../schema/people';
import { assertUuid } from '../validate';

export type AuditEntry = typeof auditLog.$inferSelect;

/** Appends one staff action to the audit log (pass the transaction that made the change). */
export async function recordAudit(
  ex: Executor,
  entry: {
    courseId: string | null;
    actorId: string | null;
    action: string;
    entityType: string;
    entityId: string;
    details?: Record<string, unknown>;
  },
): Promise<AuditEntry> {
  const [row] = await mapDbErrors('audit_log', () => ex.insert(auditLog).values(entry).returning());
  return row!;
}

/** A page of a course's audit log: `limit` entries (100 by default, 1000 at most), older than `beforeId`. */
export interface AuditPage {
  limit?: number;
  beforeId?: number;
}

/** The condition and size of one page of a course's audit log. */
function auditPage(courseId: string, page: AuditPage) {
  assertUuid('course', 'id', courseId);
  const ofCourse = eq(auditLog.courseId, courseId);
  return {
    where: page.beforeId === undefined ? ofCourse : and(ofCourse, lt(auditLog.id, page.beforeId)),
    limit: Math.min(page.limit ?? 100, 1000),
  };
}

/** Newest first; `beforeId` pages backwards. */
export async function listAudit(ex: Executor, courseId: string, opts: AuditPage = {}): Promise<AuditEntry[]> {
  const { where, limit } = auditPage(courseId, opts);
  return ex.select().from(auditLog).where(where).orderBy(desc(auditLog.id)).limit(limit);
}

/** A course's audit log, newest first, with the actor's name (null when the actor was deleted). */
export async function listAuditWithActors(ex: Executor, courseId: string, opts: AuditPage = {}) {
  const { where, limit } = auditPage(courseId, opts);
  return ex
    .select({ entry: auditLog, actorName: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(limit);
}
