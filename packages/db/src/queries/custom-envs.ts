import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../db';
import { DbError, mapDbErrors } from '../errors';
import { type CustomEnvReport, customEnvs } from '../schema/projects';
import { assertUuid, parseInput } from '../validate';

/** A custom environment row. */
export type CustomEnv = typeof customEnvs.$inferSelect;

const newCustomEnvInput = z.object({
  courseId: z.uuid(),
  /** Uploading team; omitted for staff uploads. */
  teamId: z.uuid().optional(),
  envId: z
    .string()
    .regex(/^custom\/[A-Za-z0-9_.-]{1,64}$/, '"custom/" then 1-64 letters, digits, "_", "." or "-"'),
  sourceSha256: z.string().regex(/^[0-9a-f]{64}$/, '64 lower-case hex digits'),
  maxEpisodeSteps: z.number().int().min(1).max(1_000_000).optional(),
  /** `python` for env.py (or a zip of env.py and its assets); default `js`. */
  language: z.enum(['js', 'python']).default('js'),
  uploadedBy: z.uuid(),
});

/**
 * Records an uploaded env (status `checking`). Uploading again under the name of one's own env that is
 * not in use replaces its source and starts its check again; another team's name is a conflict.
 */
export async function createCustomEnv(
  ex: Executor,
  input: z.input<typeof newCustomEnvInput>,
): Promise<CustomEnv> {
  const v = parseInput('custom env', newCustomEnvInput, input);
  return mapDbErrors('custom_envs', () =>
    ex.transaction(async (tx) => {
      const [existing] = await tx
        .select()
        .from(customEnvs)
        .where(and(eq(customEnvs.courseId, v.courseId), eq(customEnvs.envId, v.envId)))
        .for('update')
        .limit(1);
      const values = {
        sourceSha256: v.sourceSha256,
        language: v.language,
        maxEpisodeSteps: v.maxEpisodeSteps ?? null,
        uploadedBy: v.uploadedBy,
        status: 'checking' as const,
        report: null,
      };
      if (existing === undefined) {
        const [row] = await tx
          .insert(customEnvs)
          .values({ ...values, courseId: v.courseId, teamId: v.teamId ?? null, envId: v.envId })
          .returning();
        return row!;
      }
      if (existing.teamId !== (v.teamId ?? null) || existing.status === 'accepted') {
        throw new DbError(
          'conflict',
          `custom env: envId ${JSON.stringify(v.envId)} is already taken in this course${existing.status === 'accepted' ? ' by an accepted env (choose a new name, e.g. a new version suffix)' : ''}`,
          { entity: 'custom env', field: 'envId' },
        );
      }
      const [row] = await tx.update(customEnvs).set(values).where(eq(customEnvs.id, existing.id)).returning();
      return row!;
    }),
  );
}

/** Stores the sandboxed checker's report: `accepted` when every check passed, else `rejected`. */
export async function recordCustomEnvCheck(
  ex: Executor,
  input: { customEnvId: string; report: CustomEnvReport; passed: boolean },
): Promise<CustomEnv> {
  assertUuid('custom env', 'id', input.customEnvId);
  const [row] = await mapDbErrors('custom_envs', () =>
    ex
      .update(customEnvs)
      .set({ report: input.report, status: input.passed ? 'accepted' : 'rejected' })
      .where(eq(customEnvs.id, input.customEnvId))
      .returning(),
  );
  if (row === undefined) throw DbError.notFound('custom env', input.customEnvId);
  return row;
}

/** One custom env by id. */
export async function getCustomEnv(ex: Executor, id: string): Promise<CustomEnv> {
  assertUuid('custom env', 'id', id);
  const [row] = await ex.select().from(customEnvs).where(eq(customEnvs.id, id)).limit(1);
  if (row === undefined) throw DbError.notFound('custom env', id);
  return row;
}

/** The custom env a course knows by this env id (`custom/…`), or undefined. */
export async function findCustomEnv(
  ex: Executor,
  courseId: string,
  envId: string,
): Promise<CustomEnv | undefined> {
  assertUuid('custom env', 'courseId', courseId);
  const [row] = await ex
    .select()
    .from(customEnvs)
    .where(and(eq(customEnvs.courseId, courseId), eq(customEnvs.envId, envId)))
    .limit(1);
  return row;
}

/** A course's custom envs by env id; with `teamId`, that team's and the staff's (team null) only. */
export async function listCustomEnvs(
  ex: Executor,
  input: { courseId: string; teamId?: string | null },
): Promise<CustomEnv[]> {
  assertUuid('custom env', 'courseId', input.courseId);
  const rows = await ex
    .select()
    .from(customEnvs)
    .where(eq(customEnvs.courseId, input.courseId))
    .orderBy(asc(customEnvs.envId));
  if (input.teamId === undefined) return rows;
  return rows.filter((r) => r.teamId === null || r.teamId === input.teamId);
}
