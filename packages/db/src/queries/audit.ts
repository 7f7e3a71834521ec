import { and, desc, eq, lt } from 'drizzle-orm';
import type { Executor } from '../db';
import { mapDbErrors } from '../errors';
import { auditLog } from '../schema/access';
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

/** Newest first; `beforeId` pages backwards. */
export async function listAudit(
  ex: Executor,
  courseId: string,
  opts: { limit?: number; beforeId?: number } = {},
): Promise<AuditEntry[]> {
  assertUuid('course', 'id', courseId);
  const where =
    opts.beforeId === undefined
      ? eq(auditLog.courseId, courseId)
      : and(eq(auditLog.courseId, courseId), lt(auditLog.id, opts.beforeId));
  return ex
    .select()
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(Math.min(opts.limit ?? 100, 1000));
}
