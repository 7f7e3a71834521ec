import {
  type Assignment,
  baselineRows,
  type CourseRole,
  DbError,
  type Evaluation,
  getAssignment,
  getEvaluation,
  getSubmissionView,
  leaderboard,
  roleInCourse,
  type SubmissionView,
  studentBoardAccess,
  teamOfUser,
} from '@critic/db';
import type { Context } from 'hono';
import { ApiError } from '../api-error';
import type { ApiEnv, Viewer } from '../context';
import { requireViewer, STAFF } from './require';

/** A submission the viewer may read, with why: staff of its course, or its owner (team or student). */
export interface SubmissionAccess {
  viewer: Viewer;
  submission: SubmissionView;
  assignment: Assignment;
  role: CourseRole;
  /** TA or instructor of the course: reads everything. */
  staff: boolean;
  /** A member of the owning team (agent work) or the submitter (individual work). */
  owner: boolean;
}

const hidden = (what: string, id: string) =>
  new ApiError(404, 'not_found', `${what} "${id}" not found`, { field: `${what}Id` });

/** Rethrows a data-layer "no such row" as the route's 404; anything else (an outage) as it is. */
const orHidden = (what: string, id: string) => (e: unknown) => {
  if (e instanceof DbError && (e.code === 'not_found' || e.code === 'invalid')) throw hidden(what, id);
  throw e;
};

/** Whether `userId` owns the submission: in its team (team work) or its submitter (individual work). */
async function owns(c: Context<ApiEnv>, s: SubmissionView, userId: string): Promise<boolean> {
  if (s.teamId === null) return s.baseline === null && s.submittedBy === userId;
  const db = c.get('deps').db;
  const team = await c.get('caches').teams.get(
    `${s.courseId}:${userId}`,
    () => teamOfUser(db, s.courseId, userId),
    (t) => t !== undefined,
  );
  return team?.id === s.teamId;
}

/** The viewer's relation to a submission, or 404 when they are not in its course. */
async function accessTo(
  c: Context<ApiEnv>,
  submissionId: string,
  shownAs: { what: string; id: string },
): Promise<SubmissionAccess> {
  const viewer = requireViewer(c);
  const db = c.get('deps').db;
  const submission = await getSubmissionView(db, submissionId).catch(orHidden(shownAs.what, shownAs.id));
  // Role, team and assignment change rarely: read through this instance's short-lived caches.
  const caches = c.get('caches');
  const role = await caches.roles.get(
    `${submission.courseId}:${viewer.id}`,
    () => roleInCourse(db, submission.courseId, viewer.id),
    (r) => r !== undefined,
  );
  if (role === undefined) throw hidden(shownAs.what, shownAs.id);
  const staff = STAFF.includes(role);
  const [owner, assignment] = await Promise.all([
    owns(c, submission, viewer.id),
    caches.assignments.get(submission.assignmentId, () => getAssignment(db, submission.assignmentId)),
  ]);
  return { viewer, submission, assignment, role, staff, owner };
}

/**
 * A submission its owner or the course staff may read (status, artifact, console, results). Anyone
 * else gets the same 404 as for a submission that does not exist, so nothing about it is revealed.
 */
export async function readableSubmission(
  c: Context<ApiEnv>,
  submissionId: string,
): Promise<SubmissionAccess> {
  const access = await accessTo(c, submissionId, { what: 'submission', id: submissionId });
  if (!access.staff && !access.owner) throw hidden('submission', submissionId);
  return access;
}

/** Whether the viewer sees private-split results: staff always, students once the private board is released. */
export function seesPrivate(access: Pick<SubmissionAccess, 'staff' | 'assignment'>, now: Date): boolean {
  return access.staff || studentBoardAccess(access.assignment, now).private;
}

/** Whether a submission is a row of the public board as students see it now (a team's row or a baseline). */
async function onPublicBoard(c: Context<ApiEnv>, s: SubmissionView): Promise<boolean> {
  const db = c.get('deps').db;
  if (s.baseline !== null) {
    const rows = await baselineRows(db, { assignmentId: s.assignmentId, split: 'public' });
    return rows.some((r) => r.submissionId === s.id);
  }
  const rows = await leaderboard(db, { assignmentId: s.assignmentId, split: 'public' });
  return rows.some((r) => r.submissionId === s.id);
}

/**
 * An evaluation whose episodes and trajectories the viewer may read: staff all; owners their public
 * split, and the private one once released; any course member the public split of a row shown on a
 * public board they can see (replays). Otherwise 404 (403 for an owner's unreleased private split).
 */
export async function readableEvaluation(
  c: Context<ApiEnv>,
  evaluationId: string,
): Promise<{ evaluation: Evaluation; access: SubmissionAccess }> {
  const db = c.get('deps').db;
  requireViewer(c);
  const evaluation = await getEvaluation(db, evaluationId).catch(orHidden('evaluation', evaluationId));
  const access = await accessTo(c, evaluation.submissionId, { what: 'evaluation', id: evaluationId });
  if (access.staff) return { evaluation, access };
  const now = c.get('deps').now();
  if (access.owner) {
    if (evaluation.split === 'private' && !seesPrivate(access, now)) {
      throw new ApiError(
        403,
        'board_not_released',
        'private episodes are shown once the instructor releases the private board',
      );
    }
    return { evaluation, access };
  }
  const replayable =
    evaluation.split === 'public' &&
    evaluation.attempt === access.submission.scoredAttempt &&
    studentBoardAccess(access.assignment, now).public &&
    (await onPublicBoard(c, access.submission));
  if (!replayable) throw hidden('evaluation', evaluationId);
  return { evaluation, access };
}
