// Public entry of @critic/db: schema, types and typed queries. No side effects on import:
// connections live in `@critic/db/client`, blobs in `@critic/db/blob`, the job queue in `@critic/db/queue`.
export type { Database, Executor, Transaction } from './db';
export { DbError, type DbErrorCode, mapDbErrors, toDbError } from './errors';
export type { DbLogger } from './logger';
export { silentLogger } from './logger';
export * from './queries/assignments';
export * from './queries/audit';
export * from './queries/baseline-jobs';
export * from './queries/baselines';
export * from './queries/console-output';
export * from './queries/custom-envs';
export * from './queries/email-verification';
export * from './queries/enrollment';
export * from './queries/grade-identities';
export * from './queries/grades';
export * from './queries/grading';
export * from './queries/leaderboard';
export * from './queries/learning-curve';
export * from './queries/limits';
export * from './queries/lti-grades';
export * from './queries/lti-keys';
export * from './queries/lti-links';
export * from './queries/lti-logins';
export * from './queries/lti-platforms';
export * from './queries/people';
export * from './queries/project-board';
export * from './queries/projects';
export * from './queries/rate-limit-refund';
export * from './queries/rate-limits';
export * from './queries/results';
export * from './queries/scores';
export * from './queries/sessions';
export * from './queries/submission-views';
export * from './queries/submissions';
export * from './queries/tokens';
export type { CheckSpec } from './schema/assignments';
export type {
  ArtifactFormat,
  AssignmentKind,
  CourseRole,
  CustomEnvStatus,
  EvaluationSplit,
  FailureClass,
  JobStatus,
  LeaderboardVisibility,
  ProjectStatus,
  ScoreDirection,
  SubmissionStatus,
} from './schema/enums';
export * as schema from './schema/index';
export type { CustomEnvReport } from './schema/projects';
export type { LearningCurvePoint } from './schema/submissions';
