import { createBaselineSubmission, DbError, getAssignment, setLearningCurve } from '@critic/db';
import { completeJob, type Job } from '@critic/db/queue';
import type { GraderDeps } from '../grading/grade-submission';
import { InvalidPayloadError } from '../grading/payload';
import { type FailedJobEnd, failClaimedJob } from '../worker/fail-claimed-job';
import { holdLease } from '../worker/lease';
import { makeBaselineArtifact } from './baseline-artifact';
import { loadBaselineEnv } from './baseline-env';
import { parseBaselinePayload } from './baseline-payload';

/** How one claimed baseline job ended. */
export type BaselineJobEnd =
  /** The agent was made and stored; its baseline submission is queued for grading. */
  | { kind: 'made'; baseline: string; submissionId: string; format: 'js-agent' | 'tfjs-layers' }
  /** Put back for a retry, dead-lettered when it can never succeed, or the lease was lost. */
  | FailedJobEnd;

/** Options of `runBaselineJob`. */
export interface BaselineJobOptions {
  /** Lease length; renewed every third of it. */
  leaseMs: number;
  /** Aborting stops training; the job then goes back to the queue. */
  signal?: AbortSignal;
  /** Training is killed after this long; default 30 minutes. */
  trainWallTimeMs?: number;
}

/** Failures that no retry can fix: a bad payload, a missing or non-agent assignment, an env without a baseline. */
const isPermanent = (e: unknown) =>
  e instanceof InvalidPayloadError ||
  (e instanceof DbError && (e.code === 'invalid' || e.code === 'not_found'));

/**
 * Runs one claimed `baseline` job: makes the agent (random module, or a policy trained with
 * @critic/core), stores it as a blob, and records its baseline submission (with that submission's
 * grading job and, for a trained agent, its learning curve) in the same transaction that completes this job, so a retry never makes two.
 */
export async function runBaselineJob(
  job: Job,
  deps: GraderDeps,
  options: BaselineJobOptions,
): Promise<BaselineJobEnd> {
  const { db } = deps;
  const lease = holdLease(deps, job, options);
  try {
    const payload = parseBaselinePayload(job.payload);
    const a = await getAssignment(db, payload.assignmentId);
    if (a.kind !== 'agent' || a.envId === null) {
      throw new InvalidPayloadError(
        `baseline job: assignment "${a.slug}" has no registered env (kind ${a.kind}); expected an agent assignment`,
      );
    }
    const env = await loadBaselineEnv(db, deps.blobs, { ...a, envId: a.envId });
    const artifact = await makeBaselineArtifact(payload, env, {
      trainWallTimeMs: options.trainWallTimeMs ?? 30 * 60_000,
      signal: lease.signal,
    });
    const ref = await deps.blobs.put(artifact.bytes);
    const submissionId = await db.transaction(async (tx) => {
      const { submission } = await createBaselineSubmission(tx, {
        assignmentId: a.id,
        userId: payload.requestedBy,
        baseline: payload.kind,
        artifactSha256: ref.sha256,
        artifactSize: ref.size,
        format: artifact.format,
      });
      if (artifact.curve !== undefined && artifact.curve.length > 0)
        await setLearningCurve(tx, { submissionId: submission.id, points: artifact.curve });
      await completeJob(tx, job, { submissionId: submission.id });
      return submission.id;
    });
    deps.logger?.info('baseline made', { jobId: job.id, baseline: payload.kind, submissionId });
    return { kind: 'made', baseline: payload.kind, submissionId, format: artifact.format };
  } catch (e) {
    return failClaimedJob(deps, job, e, { retryable: !isPermanent(e), what: 'baseline job failed' });
  } finally {
    lease.release();
  }
}
