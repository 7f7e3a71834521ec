import {
  type CustomEnvCheckPayload,
  getCustomEnv,
  recordCustomEnvCheck,
  startCustomEnvCheck,
} from '@critic/db';
import { completeJob, type Job } from '@critic/db/queue';
import {
  checkCustomEnv,
  checkPythonEnv,
  DEFAULT_ARTIFACT_LIMITS,
  DEFAULT_SANDBOX_LIMITS,
  pythonEnvCustomReport,
  pythonEnvFiles,
} from '@critic/runner';
import { readBlob } from '../artifact/read-blob';
import type { GraderDeps } from '../grading/grade-submission';
import { failClaimedJob } from '../worker/fail-claimed-job';
import { holdLease } from '../worker/lease';

/**
 * Limits of a custom env's check: the agents' defaults (memory, per-call CPU time), with a minute of
 * CPU time for the whole check. Graded episodes run the env with its assignment's limits instead.
 */
const CHECK_LIMITS = { ...DEFAULT_SANDBOX_LIMITS, totalCpuMs: 60_000, wallTimeMs: 180_000 };

/** How a custom env's check job ended. */
export type CheckJobEnd =
  | { kind: 'checked'; customEnvId: string; status: 'accepted' | 'rejected' | 'skipped' }
  | { kind: 'retry'; error: string; status: 'queued' | 'dead' | 'unknown' }
  | { kind: 'lease_lost' };

/**
 * Runs `checkEnv` (JS/TS) or Gymnasium's `check_env` (Python) over an uploaded custom env in the
 * grader's sandbox and stores the report:
 * `running` while it runs, then `accepted` or `rejected` (the env's own faults are failed checks of the
 * report). A platform failure (a killed sandbox, the blob store) puts the job back for a retry; after
 * its last attempt the env is refused with a report saying the platform could not check it.
 */
export async function runCustomEnvCheckJob(
  job: Job,
  payload: CustomEnvCheckPayload,
  deps: GraderDeps,
  options: { leaseMs: number; signal?: AbortSignal },
): Promise<CheckJobEnd> {
  const lease = holdLease(deps, job, options);
  const { customEnvId, sourceSha256 } = payload;
  try {
    const started = await startCustomEnvCheck(deps.db, { customEnvId, sourceSha256 });
    if (started === undefined) {
      // Re-uploaded since, already checked, or deleted: this job has nothing left to do.
      await deps.db.transaction((tx) => completeJob(tx, job));
      return { kind: 'checked', customEnvId, status: 'skipped' };
    }
    const env = await getCustomEnv(deps.db, customEnvId);
    // A Python env (env.py, or a zip of it and its assets) is checked by Gymnasium's own check_env in
    // the bubblewrap sandbox; a JS/TS module by checkEnv in the isolate child.
    const python = env.language === 'python';
    const bytes = await readBlob(
      deps.blobs,
      sourceSha256,
      python ? DEFAULT_ARTIFACT_LIMITS.maxZipBytes : DEFAULT_ARTIFACT_LIMITS.maxSourceBytes,
    );
    const report = python
      ? pythonEnvCustomReport(await checkPythonEnv(pythonEnvFiles(bytes)))
      : await checkCustomEnv(
          {
            source: new TextDecoder().decode(bytes),
            ...(payload.filename ? { filename: payload.filename } : {}),
          },
          {
            limits: CHECK_LIMITS,
            maxSourceBytes: DEFAULT_ARTIFACT_LIMITS.maxSourceBytes,
            logger: { warn: (m) => deps.logger?.warn(m, { customEnvId }) },
          },
        );
    await deps.db.transaction(async (tx) => {
      await recordCustomEnvCheck(tx, { customEnvId, report, passed: report.passed, sourceSha256 });
      await completeJob(tx, job);
    });
    deps.logger?.info('custom env checked', { customEnvId, envId: env.envId, passed: report.passed });
    return { kind: 'checked', customEnvId, status: report.passed ? 'accepted' : 'rejected' };
  } catch (e) {
    const end = await failClaimedJob(deps, job, e, {
      retryable: true,
      what: 'custom env check failed on the platform side',
    });
    if (end.kind === 'retry' && end.status === 'dead') {
      await recordCustomEnvCheck(deps.db, {
        customEnvId,
        sourceSha256,
        passed: false,
        report: {
          checks: [
            {
              name: 'platform',
              passed: false,
              message: `the grader could not check this env (${end.error}); this is not a fault of the env: upload it again`,
            },
          ],
        },
      }).catch((err: unknown) =>
        deps.logger?.warn('could not record the failed check', { error: String(err) }),
      );
    }
    return end;
  } finally {
    lease.release();
  }
}
