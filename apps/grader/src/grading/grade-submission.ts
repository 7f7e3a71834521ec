import {
  type Assignment,
  type Database,
  type Executor,
  failAttempt,
  finishAttempt,
  getAssignment,
  getSubmission,
  recordEvaluation,
  startAttempt,
} from '@critic/db';
import type { BlobStore } from '@critic/db/blob';
import { isRunnerError, loadPythonRuntime, pythonRuntimeVersions, type RunnerError } from '@critic/runner';
import { decodeArtifact } from '../artifact/decode-artifact';
import { readBlob } from '../artifact/read-blob';
import { type GraderLogger, silentGraderLogger } from '../logger';
import { evaluationEnvVersion, GRADER_VERSION } from '../version';
import { type ConsoleCapture, consoleOutputOf } from './console-capture';
import { loadCustomEnv } from './custom-env-source';
import { agentSplits, gradeAgent } from './grade-agent';
import { gradeChecks } from './grade-checks';
import { artifactLimitsOf } from './limits';
import type { GradeOutcome } from './outcome';
import { parseGradePayload } from './payload';
import { ProgressReporter } from './progress-reporter';

/** What `gradeSubmission` works with. */
export interface GraderDeps {
  /** The database (submissions, evaluations, jobs). */
  db: Database;
  /** Where artifacts and trajectories live. */
  blobs: BlobStore;
  /** Diagnostics. */
  logger?: GraderLogger;
  /** Written into evaluations; default `@critic/grader@<version>`. */
  graderVersion?: string;
  /** Least time between two progress writes; default 500 ms. */
  progressIntervalMs?: number;
}

/** Per-run options of `gradeSubmission`. */
export interface GradeRunOptions {
  /**
   * Called inside the transaction that writes the final result (e.g. to complete the queue job in
   * it), so the result and the job's completion commit together.
   */
  completeWithin?: (tx: Executor, outcome: GradeOutcome) => Promise<void>;
  /** Aborts the evaluation between steps (the job is then retried). */
  signal?: AbortSignal;
}

function totalWork(a: Assignment): number {
  if (a.kind === 'agent') return agentSplits(a).reduce((n, s) => n + s.seeds.length, 0);
  return a.checks.reduce((n, c) => n + c.cases, 0);
}

/**
 * Grades one submission attempt: loads its artifact from the blob store, runs it sandboxed with the
 * assignment's limits, and writes the versioned result (idempotent per attempt) with live progress.
 * The student's failures end the attempt with their verdict; anything else (database, blob store,
 * worker) is thrown so the job is retried, and such a failure never counts toward the daily limit.
 */
export async function gradeSubmission(
  payload: unknown,
  deps: GraderDeps,
  options: GradeRunOptions = {},
): Promise<GradeOutcome> {
  const t0 = performance.now();
  const { submissionId, attempt } = parseGradePayload(payload);
  const logger = deps.logger ?? silentGraderLogger;
  const { db } = deps;
  const done = (o: Omit<GradeOutcome, 'submissionId' | 'attempt' | 'durationMs'>): GradeOutcome => ({
    submissionId,
    attempt,
    ...o,
    durationMs: performance.now() - t0,
  });
  const s = await getSubmission(db, submissionId);
  if (s.attempt !== attempt) {
    const o = done({
      status: 'skipped',
      verdict: null,
      message: `attempt ${attempt} is stale (current ${s.attempt})`,
    });
    await db.transaction(async (tx) => options.completeWithin?.(tx, o));
    return o;
  }
  if (s.status !== 'queued' && s.status !== 'running') {
    const o = done({ status: 'skipped', verdict: null, message: `attempt ${attempt} already ${s.status}` });
    await db.transaction(async (tx) => options.completeWithin?.(tx, o));
    return o;
  }
  const a = await getAssignment(db, s.assignmentId);
  await startAttempt(db, { submissionId, attempt, total: totalWork(a) });
  const progress = new ProgressReporter(
    db,
    { submissionId, attempt },
    deps.progressIntervalMs ?? 500,
    logger,
  );
  const runnerLogger = { warn: (m: string) => logger.warn(m, { submissionId, attempt }) };
  const graderVersion = deps.graderVersion ?? GRADER_VERSION;
  const onProgress = (n: number) => progress.update(n);
  const studentConsole: ConsoleCapture = {};
  try {
    const bytes = await readBlob(deps.blobs, s.artifactSha256, a.maxArtifactBytes);
    const decoded = decodeArtifact(s.format, bytes, artifactLimitsOf(a));
    if (decoded.kind === 'policy') {
      if (a.kind !== 'agent')
        throw new Error(`submission ${submissionId}: an agent artifact for a ${a.kind} assignment`);
      const customEnv = await loadCustomEnv(db, deps.blobs, a);
      const splits = await gradeAgent(a, decoded.artifact, {
        ...(customEnv ? { customEnv } : {}),
        blobs: deps.blobs,
        onProgress,
        logger: runnerLogger,
        console: studentConsole,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      await progress.flush();
      // Python submissions record the runtime's versions beside the grader's and the env's.
      const runtimeVersion =
        s.format === 'python-agent' ? pythonRuntimeVersions(loadPythonRuntime()) : undefined;
      const scores = Object.fromEntries(splits.map((r) => [r.split, r.stats.mean]));
      const outcome = done({ status: 'succeeded', verdict: 'ok', scores });
      await db.transaction(async (tx) => {
        for (const r of splits) {
          await recordEvaluation(tx, {
            submissionId,
            attempt,
            split: r.split,
            stats: r.stats,
            graderVersion,
            // A Python-backed env (Gymnasium in the sandbox): the pinned runtime's versions.
            envVersion: r.envVersion ?? evaluationEnvVersion(a, customEnv),
            ...(runtimeVersion ? { runtimeVersion } : {}),
            episodes: r.episodes.map((e, i) => ({
              index: e.index,
              seed: e.seed,
              return: e.return,
              length: e.length,
              terminated: e.terminated,
              truncated: e.truncated,
              trajectoryKey: r.trajectoryKeys[i],
            })),
          });
        }
        await finishAttempt(tx, { submissionId, attempt, ...consoleOutputOf(studentConsole) });
        await options.completeWithin?.(tx, outcome);
      });
      return outcome;
    }
    const grade = await gradeChecks(a, s.teamId ?? s.submittedBy, decoded, {
      onProgress,
      logger: runnerLogger,
      console: studentConsole,
    });
    await progress.flush();
    const outcome = done({
      status: 'succeeded',
      verdict: grade.passed === grade.cases ? 'ok' : 'wrong_answer',
      scores: { points: grade.points },
      message: `${grade.passed} of ${grade.cases} cases passed`,
    });
    const rate = grade.cases > 0 ? grade.passed / grade.cases : 0;
    await db.transaction(async (tx) => {
      await recordEvaluation(tx, {
        submissionId,
        attempt,
        split: 'public',
        // Over cases: the pass rate (each case 1 or 0); the grade itself is in points.
        stats: {
          n: grade.cases,
          mean: rate,
          std: Math.sqrt(rate * (1 - rate)),
          ciLow: rate,
          ciHigh: rate,
          iqm: rate,
          min: grade.passed < grade.cases ? 0 : 1,
          max: grade.passed > 0 ? 1 : 0,
        },
        points: grade.points,
        maxPoints: grade.maxPoints,
        graderVersion,
        envVersion: evaluationEnvVersion(a, undefined),
        checkResults: grade.rows,
      });
      await finishAttempt(tx, { submissionId, attempt, ...consoleOutputOf(studentConsole) });
      await options.completeWithin?.(tx, outcome);
    });
    return outcome;
  } catch (e) {
    await progress.flush();
    if (!isRunnerError(e)) throw e;
    return failWithVerdict(
      db,
      e,
      studentConsole,
      done({ status: 'failed', verdict: e.verdict, message: e.message }),
      options,
    );
  }
}

async function failWithVerdict(
  db: Database,
  e: RunnerError,
  studentConsole: ConsoleCapture,
  outcome: GradeOutcome,
  options: GradeRunOptions,
): Promise<GradeOutcome> {
  const errorClass = e.verdict === 'wrong_answer' ? 'runtime_error' : e.verdict;
  const where = [e.location.file, e.location.tensor].filter(Boolean).join(', ');
  const detail = [
    where ? ` (${where})` : '',
    e.location.expected ? `; expected ${e.location.expected}` : '',
    e.location.found ? `, found ${e.location.found}` : '',
    e.studentStack ? `\n${e.studentStack}` : '',
  ].join('');
  await db.transaction(async (tx) => {
    await failAttempt(tx, {
      submissionId: outcome.submissionId,
      attempt: outcome.attempt,
      errorClass,
      message: `${e.message}${detail}`,
      ...consoleOutputOf(studentConsole),
    });
    await options.completeWithin?.(tx, outcome);
  });
  return outcome;
}
