import { randomBytes } from 'node:crypto';
import type { Database } from '../../src/db';
import { createAssignment, type NewAssignment } from '../../src/queries/assignments';
import { createBaselineSubmission } from '../../src/queries/baselines';
import {
  failAttempt,
  finishAttempt,
  type NewEvaluation,
  recordEvaluation,
  startAttempt,
} from '../../src/queries/grading';
import { createCourse, createTeam, createUser, enroll, type Team, type User } from '../../src/queries/people';
import { createSubmission, type NewSubmission } from '../../src/queries/submissions';

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${randomBytes(2).toString('hex')}`;

/** A random lower-case sha256-looking key. */
export const fakeSha = () => randomBytes(32).toString('hex');

export const HOUR = 3_600_000;

/** A course with an instructor, `teams` teams of `perTeam` students, and an agent assignment. */
export async function seedCourse(
  db: Database,
  opts: { teams?: number; perTeam?: number; assignment?: Partial<NewAssignment> } = {},
) {
  const id = unique();
  const instructor = await createUser(db, { email: `prof-${id}@uni.test`, name: `Prof ${id}` });
  const course = await createCourse(db, {
    slug: `rl-${id}`,
    title: 'Reinforcement Learning',
    instructorId: instructor.id,
  });
  const teams: { team: Team; members: User[] }[] = [];
  for (let t = 0; t < (opts.teams ?? 2); t++) {
    const members: User[] = [];
    for (let m = 0; m < (opts.perTeam ?? 2); m++) {
      const u = await createUser(db, { email: `s${t}-${m}-${id}@uni.test`, name: `Student ${t}.${m}` });
      await enroll(db, course.id, u.id, 'student');
      members.push(u);
    }
    const team = await createTeam(db, {
      courseId: course.id,
      name: `Team ${t}`,
      memberIds: members.map((u) => u.id),
    });
    teams.push({ team, members });
  }
  const now = Date.now();
  const assignment = await createAssignment(db, {
    courseId: course.id,
    slug: `cartpole-${id}`,
    title: 'CartPole',
    kind: 'agent',
    envId: 'CartPole-v1',
    publicEpisodes: 4,
    privateEpisodes: 4,
    opensAt: new Date(now - 24 * HOUR),
    dueAt: new Date(now + 24 * HOUR),
    lateUntil: new Date(now + 48 * HOUR),
    latePenalty: 0.2,
    maxDailySubmissions: 50,
    createdBy: instructor.id,
    ...opts.assignment,
  });
  return { instructor, course, teams, assignment };
}

/** Submits a made-up 1-byte artifact of `format` by `userId`; `extra` sets any other field (e.g. `now`). */
export function submitArtifact(
  db: Database,
  assignmentId: string,
  userId: string,
  format: NewSubmission['format'],
  extra: Partial<NewSubmission> = {},
) {
  return createSubmission(db, {
    assignmentId,
    userId,
    artifactSha256: fakeSha(),
    artifactSize: 1,
    format,
    ...extra,
  });
}

/** Submits a made-up js-agent artifact as the baseline `label`, by staff member `userId`. */
export function submitBaseline(db: Database, assignmentId: string, userId: string, label: string) {
  return createBaselineSubmission(db, {
    assignmentId,
    userId,
    baseline: label,
    artifactSha256: fakeSha(),
    artifactSize: 1,
    format: 'js-agent',
  });
}

/** Evaluation statistics of `n` episodes around `mean`: std 1, interval mean ± 1, range mean ± 2. */
export const statsAround = (mean: number, n: number) => ({
  n,
  mean,
  std: 1,
  ciLow: mean - 1,
  ciHigh: mean + 1,
  iqm: mean,
  min: mean - 2,
  max: mean + 2,
});

/** One split of a graded attempt: its statistics, and points for a checks assignment. */
export type GradedSplit = Pick<NewEvaluation, 'split' | 'stats' | 'points' | 'maxPoints' | 'episodes'>;

/** Runs attempt 1 of a submission to success: started, one evaluation per split, finished. */
export async function gradeAttempt(db: Database, submissionId: string, splits: GradedSplit[]) {
  const total = splits.reduce((n, s) => n + s.stats.n, 0);
  await startAttempt(db, { submissionId, attempt: 1, total });
  for (const split of splits)
    await recordEvaluation(db, { submissionId, attempt: 1, graderVersion: 'g', envVersion: 'e', ...split });
  return finishAttempt(db, { submissionId, attempt: 1 });
}

/**
 * A checks homework (discountedReturn, 4 cases, 10 points) that opened 10 h ago, was due an hour ago,
 * and takes late work for one more hour at `latePenalty`.
 */
export function lateHomework(db: Database, courseId: string, latePenalty: number) {
  const now = Date.now();
  return createAssignment(db, {
    courseId,
    slug: `hw-${unique()}`,
    title: 'Returns',
    kind: 'checks',
    checks: [{ name: 'discountedReturn', cases: 4, visibleCases: 2, points: 10 }],
    opensAt: new Date(now - 10 * HOUR),
    dueAt: new Date(now - HOUR),
    lateUntil: new Date(now + HOUR),
    latePenalty,
  });
}

/** A checks submission by `userId` made at `at`, graded `points` of 10 on its 4 public cases. */
export async function gradedHomework(
  db: Database,
  input: { assignmentId: string; userId: string; points: number; at: Date },
) {
  const { submission } = await submitArtifact(db, input.assignmentId, input.userId, 'checks', {
    now: input.at,
  });
  const mean = input.points / 10;
  await gradeAttempt(db, submission.id, [
    {
      split: 'public',
      stats: { n: 4, mean, std: 0, ciLow: mean, ciHigh: mean, iqm: mean, min: 0, max: 1 },
      points: input.points,
      maxPoints: 10,
    },
  ]);
  return submission;
}

/** How an attempt failed: `failAttempt`'s input without the submission and attempt. */
export type AttemptFailure = Omit<Parameters<typeof failAttempt>[1], 'submissionId' | 'attempt'>;

/** Starts attempt 1 of a submission and fails it with `failure` (its class, message, console output). */
export async function failFirstAttempt(db: Database, submissionId: string, failure: AttemptFailure) {
  await startAttempt(db, { submissionId, attempt: 1, total: 1 });
  return failAttempt(db, { submissionId, attempt: 1, ...failure });
}
