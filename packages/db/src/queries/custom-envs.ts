import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../db';
import { DbError, mapDbErrors } from '../errors';
import { enqueueJob, type Job } from '../queue/jobs';
import { type CustomEnvReport, customEnvs } from '../schema/projects';
import { assertUuid, parseInput } from '../validate';
import { rowById } from './row-by-id';
import { GRADE_QUEUE } from './submissions';

/** A custom environment row. */
export type CustomEnv = typeof customEnvs.$inferSelect;

/**
 * Payload of a custom env's check job. It goes to the grading queue (the workers the autoscaler
 * starts for grading run it; untrusted env code never runs in the web tier); `sourceSha256` names
 * the upload checked, so the job of a replaced upload does nothing.
 */
export interface CustomEnvCheckPayload extends Record<string, unknown> {
  kind: 'custom-env-check';
  customEnvId: string;
  sourceSha256: string;
  /** The uploaded file's name (`.ts` is transpiled before the check), if known. */
  filename?: string;
}

/** Whether a job payload is a custom env check (else it is a grading job). */
export function isCustomEnvCheckPayload(payload: unknown): payload is CustomEnvCheckPayload {
  const p = payload as Partial<CustomEnvCheckPayload> | null;
  return (
    typeof p === 'object' &&
    p !== null &&
    p.kind === 'custom-env-check' &&
    typeof p.customEnvId === 'string' &&
    typeof p.sourceSha256 === 'string'
  );
}

/** Enqueues the check of a custom env's current upload (inside the transaction that stored it). */
export function enqueueCustomEnvCheck(
  tx: Executor,
  env: Pick<CustomEnv, 'id' | 'sourceSha256'>,
  filename?: string,
): Promise<Job<CustomEnvCheckPayload>> {
  return enqueueJob<CustomEnvCheckPayload>(tx, {
    queue: GRADE_QUEUE,
    payload: {
      kind: 'custom-env-check',
      customEnvId: env.id,
      sourceSha256: env.sourceSha256,
      ...(filename === undefined ? {} : { filename }),
    },
    // Checks come before grading in the queue: a student waits at the upload form.
    priority: 10,
    maxAttempts: 3,
  });
}

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
  /** The uploaded file's name, handed to the check job (decides JS vs TS; env.py or a .zip for Python). */
  filename: z
    .string()
    .regex(
      /^[^/\\]{1,200}\.(js|mjs|ts|mts|py|zip)$/i,
      'a .js, .mjs, .ts or .mts file name (env.py or a .zip for a Python env)',
    )
    .optional(),
});

/**
 * Records an uploaded env (status `queued`) and enqueues its check job for the grader, in one
 * transaction. Uploading again under the name of one's own env that is not in use replaces its source
 * and queues its check again; another team's name is a conflict.
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
        status: 'queued' as const,
        report: null,
      };
      if (existing === undefined) {
        const [row] = await tx
          .insert(customEnvs)
          .values({ ...values, courseId: v.courseId, teamId: v.teamId ?? null, envId: v.envId })
          .returning();
        await enqueueCustomEnvCheck(tx, row!, v.filename);
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
      await enqueueCustomEnvCheck(tx, row!, v.filename);
      return row!;
    }),
  );
}

/**
 * Marks a custom env's check as running (the grader took its job). Undefined when the env is gone, was
 * re-uploaded since (`sourceSha256` differs) or is already checked: the job then has nothing to do.
 */
export async function startCustomEnvCheck(
  ex: Executor,
  input: { customEnvId: string; sourceSha256: string },
): Promise<CustomEnv | undefined> {
  assertUuid('custom env', 'id', input.customEnvId);
  const [row] = await ex
    .update(customEnvs)
    .set({ status: 'running' })
    .where(
      and(
        eq(customEnvs.id, input.customEnvId),
        eq(customEnvs.sourceSha256, input.sourceSha256),
        inArray(customEnvs.status, ['queued', 'running', 'checking']),
      ),
    )
    .returning();
  return row;
}

/**
 * Stores the sandboxed checker's report: `accepted` when every check passed, else `rejected`. With
 * `sourceSha256`, only if that upload is still the env's (a re-upload's check is not overwritten).
 */
export async function recordCustomEnvCheck(
  ex: Executor,
  input: { customEnvId: string; report: CustomEnvReport; passed: boolean; sourceSha256?: string },
): Promise<CustomEnv> {
  assertUuid('custom env', 'id', input.customEnvId);
  const [row] = await mapDbErrors('custom_envs', () =>
    ex
      .update(customEnvs)
      .set({ report: input.report, status: input.passed ? 'accepted' : 'rejected' })
      .where(
        and(
          eq(customEnvs.id, input.customEnvId),
          ...(input.sourceSha256 === undefined ? [] : [eq(customEnvs.sourceSha256, input.sourceSha256)]),
        ),
      )
      .returning(),
  );
  if (row === undefined) throw DbError.notFound('custom env', input.customEnvId);
  return row;
}

/** One custom env by id. */
export function getCustomEnv(ex: Executor, id: string): Promise<CustomEnv> {
  return rowById(ex, customEnvs, 'custom env', id);
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

/**
 * Deletes a refused (`rejected`) env attempt of `teamId` (staff: `teamId` null deletes any refused env of
 * the course). Accepted and still-checking envs are kept: a conflict naming the status.
 */
export async function deleteRefusedCustomEnv(
  ex: Executor,
  input: { customEnvId: string; courseId: string; teamId: string | null; staff: boolean },
): Promise<CustomEnv> {
  assertUuid('custom env', 'id', input.customEnvId);
  return mapDbErrors('custom_envs', () =>
    ex.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(customEnvs)
        .where(and(eq(customEnvs.id, input.customEnvId), eq(customEnvs.courseId, input.courseId)))
        .for('update')
        .limit(1);
      if (row === undefined || (!input.staff && row.teamId !== input.teamId)) {
        throw DbError.notFound('custom env', input.customEnvId);
      }
      if (row.status !== 'rejected') {
        throw new DbError(
          'conflict',
          `custom env ${row.envId} is ${row.status}: only a refused (rejected) attempt can be deleted`,
          { entity: 'custom env', field: 'status' },
        );
      }
      await tx.delete(customEnvs).where(eq(customEnvs.id, row.id));
      return row;
    }),
  );
}
