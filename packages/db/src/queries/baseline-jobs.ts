import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../db';
import { mapDbErrors } from '../errors';
import { executeFast } from '../fast-execute';
import { enqueueJob, type Job } from '../queue/jobs';
import { parseInput } from '../validate';
import { getAgentAssignment } from './assignments';

/** Queue that baseline jobs go to (handled by the grader beside `grade`). */
export const BASELINE_QUEUE = 'baseline';

/** Which reference agent a baseline job makes. */
export const BASELINE_KINDS = ['random', 'ppo', 'dqn'] as const;

/** `random`: uniform actions; `ppo` / `dqn`: trained with @critic/core for the job's budget. */
export type BaselineKind = (typeof BASELINE_KINDS)[number];

/** Payload of a baseline job: the grader makes the agent, stores it and creates its baseline submission. */
export interface BaselineJobPayload extends Record<string, unknown> {
  /** The agent assignment the baseline is made for (its env is used). */
  assignmentId: string;
  /** Which agent to make; also the baseline's label on the board. */
  kind: BaselineKind;
  /** Env steps of training (summed over sub-envs); ignored by `random`. */
  budgetSteps: number;
  /** Seed of training (weights, sampling, envs) or of the random agent's generator. */
  seed: number;
  /** User recorded as the baseline submission's submitter (staff, or the platform's service user). */
  requestedBy: string;
}

/** The most training a baseline job may ask for. */
export const MAX_BASELINE_BUDGET_STEPS = 2_000_000;

const enqueueInput = z.object({
  assignmentId: z.uuid(),
  requestedBy: z.uuid(),
  kinds: z.array(z.enum(BASELINE_KINDS)).min(1, 'at least one kind').default(['random', 'ppo']),
  budgetSteps: z.number().int().min(1).max(MAX_BASELINE_BUDGET_STEPS).default(50_000),
  seed: z.number().int().min(0).max(0xffffffff).default(1),
  /** Skip a kind that already has a baseline submission or a live (queued, running or done) job. */
  onlyMissing: z.boolean().default(false),
});

/** Options of `enqueueBaselineJobs` (everything but the assignment). */
export type EnqueueBaselineOptions = Omit<z.input<typeof enqueueInput>, 'assignmentId'>;

/** Kinds of `assignmentId` that already have a baseline submission or a job that is not dead. */
async function existingKinds(ex: Executor, assignmentId: string): Promise<Set<string>> {
  const rows = await executeFast(
    ex,
    sql`
    select baseline as kind from submissions where assignment_id = ${assignmentId} and baseline is not null
    union
    select payload->>'kind' from jobs
    where queue = ${BASELINE_QUEUE} and status <> 'dead' and payload->>'assignmentId' = ${assignmentId}`,
  );
  return new Set(rows.map((r) => String(r.kind)));
}

/**
 * Enqueues one baseline job per kind for an agent assignment, in one transaction; with `onlyMissing`
 * (under a per-assignment advisory lock) a kind that already has a baseline or a live job is skipped,
 * so calling it again enqueues nothing twice. Returns the jobs it enqueued.
 */
export async function enqueueBaselineJobs(
  ex: Executor,
  assignmentId: string,
  options: EnqueueBaselineOptions,
): Promise<Job<BaselineJobPayload>[]> {
  const v = parseInput('baseline job', enqueueInput, { ...options, assignmentId });
  return mapDbErrors('jobs', () =>
    ex.transaction(async (tx) => {
      const a = await getAgentAssignment(tx, v.assignmentId, 'baseline job');
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`baselines:${a.id}`}, 0))`);
      const skip = v.onlyMissing ? await existingKinds(tx, a.id) : new Set<string>();
      const jobs: Job<BaselineJobPayload>[] = [];
      for (const kind of new Set(v.kinds)) {
        if (skip.has(kind)) continue;
        jobs.push(
          await enqueueJob<BaselineJobPayload>(tx, {
            queue: BASELINE_QUEUE,
            payload: {
              assignmentId: a.id,
              kind,
              budgetSteps: v.budgetSteps,
              seed: v.seed,
              requestedBy: v.requestedBy,
            },
            maxAttempts: 3,
          }),
        );
      }
      return jobs;
    }),
  );
}

/** The newest baseline job of each kind of an assignment, with its status and last error. */
export interface BaselineJobState {
  kind: BaselineKind;
  /** `queued`, `running`, `done` or `dead` (failed for good: `lastError` says why). */
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
}

/** What became of an assignment's baseline jobs: the newest job per kind (a dead one shows why). */
export async function listBaselineJobs(ex: Executor, assignmentId: string): Promise<BaselineJobState[]> {
  const rows = await executeFast(
    ex,
    sql`
    select distinct on (payload->>'kind') payload->>'kind' as kind, status::text as status, attempts,
      last_error as "lastError", created_at as "createdAt"
    from jobs
    where queue = ${BASELINE_QUEUE} and payload->>'assignmentId' = ${assignmentId}
    order by payload->>'kind', created_at desc, id desc`,
  );
  return rows.map((r) => ({
    kind: String(r.kind) as BaselineKind,
    status: String(r.status),
    attempts: Number(r.attempts),
    lastError: r.lastError === null ? null : String(r.lastError),
    createdAt: new Date(String(r.createdAt)),
  }));
}
