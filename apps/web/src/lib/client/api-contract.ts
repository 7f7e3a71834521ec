// The REST API's answers as the pages read them, inferred from the routes' zod schemas (the same ones
// /api/openapi.json is generated from): a change to a route's response schema changes these types, so
// a page that no longer fits fails the typecheck. Type-only imports: no server code reaches the browser.
// Only the names that components' props need live here; a page reads its data's type from the client.
import type { InferResponseType } from 'hono/client';
import type { z } from 'zod';
import type { AssignmentSchema } from '~/server/accounts/assignment-json';
import type { AssignmentDetail } from '~/server/accounts/assignment-schemas';
import type { EnvInfoSchema, SpaceSchema } from '~/server/accounts/env-catalogue';
import type { HomeworkCheckSchema, HomeworkSchema } from '~/server/accounts/homework-catalogue';
import type { TeamSchema } from '~/server/accounts/team-json';
import type { TrajectorySchema } from '~/server/results/episode-trajectory';
import type { AuditEntrySchema } from '~/server/routes/audit';
import type { BaselineJobSchema } from '~/server/routes/baseline-jobs';
import type { CaseSchema, CheckFeedbackSchema } from '~/server/routes/checks-feedback';
import type { BaselineSchema, BoardSchema, ReplaySchema, RowSchema } from '~/server/routes/leaderboard';
import type { MeSchema } from '~/server/routes/me';
import type { EpisodeSchema, EvaluationSchema } from '~/server/routes/results';
import type { SubmissionStatusSchema, SubmissionSummarySchema } from '~/server/routes/submissions';
import type { CreatedTokenSchema, TokenSchema } from '~/server/routes/tokens';
import type { api } from './api-client';

/** The success body of a typed-client call `F` (e.g. `typeof api.me.$get`). */
type Ok<F> = InferResponseType<F, 200>;
type CourseRoutes = (typeof api.courses)[':courseId'];

export type Me = z.infer<typeof MeSchema>;
export type Team = z.infer<typeof TeamSchema>;
export type SpaceJson = z.infer<typeof SpaceSchema>;
export type HomeworkCheckView = z.infer<typeof HomeworkCheckSchema>;
/** An assignment as listed; `GET /api/assignments/:id` adds the detail fields (env, window, viewerRole…). */
export type Assignment = z.infer<typeof AssignmentSchema> & Partial<z.infer<typeof AssignmentDetail>>;
export type AssignmentKind = Assignment['kind'];
export type SubmissionStatus = z.infer<typeof SubmissionStatusSchema>;
export type SubmissionState = SubmissionStatus['status'];
export type SubmissionSummary = z.infer<typeof SubmissionSummarySchema>;
export type Evaluation = z.infer<typeof EvaluationSchema>;
export type EpisodeRow = z.infer<typeof EpisodeSchema>;
export type Trajectory = z.infer<typeof TrajectorySchema>;
export type CheckCase = z.infer<typeof CaseSchema>;
export type CheckFeedback = z.infer<typeof CheckFeedbackSchema>;
export type ReplayRef = NonNullable<z.infer<typeof ReplaySchema>>;
export type BoardRow = z.infer<typeof RowSchema>;
export type BaselineRow = z.infer<typeof BaselineSchema>;
export type Leaderboard = z.infer<typeof BoardSchema>;
export type EnvInfo = z.infer<typeof EnvInfoSchema>;
export type HomeworkInfo = z.infer<typeof HomeworkSchema>;
export type ApiToken = z.infer<typeof TokenSchema>;
/** A token just created: with its secret, shown once. */
export type CreatedApiToken = z.infer<typeof CreatedTokenSchema>;
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
export type BaselineJob = z.infer<typeof BaselineJobSchema>;
/** A roster seat waiting for its address to be verified (`GET …/roster/invitations`). */
export type PendingSeat = Ok<CourseRoutes['roster']['invitations']['$get']>[number];
/** The course's LMS connection as its settings page shows it (`GET …/lti`). */
export type LtiSettings = Ok<CourseRoutes['lti']['$get']>;
/** One gradebook column of the LMS, with its score thresholds. */
export type LtiLineItemInfo = LtiSettings['lineItems'][number];
/** A final project as listed (`GET …/projects`). */
export type ProjectView = Ok<CourseRoutes['projects']['$get']>[number];
/** A custom env with its check report (`GET …/custom-envs`). */
export type CustomEnvView = Ok<CourseRoutes['custom-envs']['$get']>[number];
/** One project of the cross-project board (`GET …/project-board`). */
export type ProjectBoardRow = Ok<CourseRoutes['project-board']['$get']>[number];
/** A score and its 95% interval. */
export type ScoreInterval = NonNullable<ProjectBoardRow['normalized']>;
