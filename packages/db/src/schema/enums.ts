import { pgEnum } from 'drizzle-orm/pg-core';

/** A member's role in one course; roles are per course, never global. */
export const courseRole = pgEnum('course_role', ['student', 'ta', 'instructor']);

/** `agent`: a team uploads a policy that is run over seeded episodes; `checks`: a student uploads functions. */
export const assignmentKind = pgEnum('assignment_kind', ['agent', 'checks']);

/** `public`: scores shown to everyone; `after_due`: board hidden until the due date; `hidden`: staff only. */
export const leaderboardVisibility = pgEnum('leaderboard_visibility', ['public', 'after_due', 'hidden']);

/** Artifact formats accepted at upload (DESIGN §4). */
export const artifactFormat = pgEnum('artifact_format', [
  'tfjs-layers',
  'onnx',
  'js-agent',
  'checks',
  'python-agent',
]);

/** Lifecycle of a submission; a rejudge moves a finished submission back to `queued`. */
export const submissionStatus = pgEnum('submission_status', [
  'queued',
  'running',
  'succeeded',
  'failed',
  'cancelled',
]);

/** Why a submission failed; `platform_error` is ours, the rest are actionable by the student (DESIGN §5). */
export const failureClass = pgEnum('failure_class', [
  'invalid_artifact',
  'runtime_error',
  'time_limit',
  'memory_limit',
  'invalid_action',
  'platform_error',
]);

/** Episode split: public seeds are published, private seeds derive from the assignment's secret salt. */
export const evaluationSplit = pgEnum('evaluation_split', ['public', 'private']);

/** Job lifecycle in the Postgres queue; `dead` is the dead-letter state after too many attempts. */
export const jobStatus = pgEnum('job_status', ['queued', 'running', 'done', 'dead']);

export type CourseRole = (typeof courseRole.enumValues)[number];
export type AssignmentKind = (typeof assignmentKind.enumValues)[number];
export type LeaderboardVisibility = (typeof leaderboardVisibility.enumValues)[number];
export type ArtifactFormat = (typeof artifactFormat.enumValues)[number];
export type SubmissionStatus = (typeof submissionStatus.enumValues)[number];
export type FailureClass = (typeof failureClass.enumValues)[number];
export type EvaluationSplit = (typeof evaluationSplit.enumValues)[number];
export type JobStatus = (typeof jobStatus.enumValues)[number];

/** Whether a higher (`maximize`) or lower (`minimize`) score ranks first. */
export const scoreDirection = pgEnum('score_direction', ['maximize', 'minimize']);

/** Review state of a team's final project. */
export const projectStatus = pgEnum('project_status', ['pending', 'approved', 'rejected']);

/** A custom env is `checking` until the sandboxed `checkEnv` ends, then `accepted` or `rejected`. */
export const customEnvStatus = pgEnum('custom_env_status', ['checking', 'accepted', 'rejected']);

export type ScoreDirection = (typeof scoreDirection.enumValues)[number];
export type ProjectStatus = (typeof projectStatus.enumValues)[number];
export type CustomEnvStatus = (typeof customEnvStatus.enumValues)[number];
