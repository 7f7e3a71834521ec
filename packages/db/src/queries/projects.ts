import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../db';
import { DbError, mapDbErrors } from '../errors';
import type { Job } from '../queue/jobs';
import { assignments } from '../schema/assignments';
import { teams } from '../schema/people';
import { projects } from '../schema/projects';
import { assertUuid, parseInput } from '../validate';
import { type Assignment, createAssignment } from './assignments';
import { recordAudit } from './audit';
import { type BaselineJobPayload, type EnqueueBaselineOptions, enqueueBaselineJobs } from './baseline-jobs';
import { findCustomEnv } from './custom-envs';
import { rowById } from './row-by-id';

/** A final project row. */
export type Project = typeof projects.$inferSelect;

/** A project with its team's name (what lists show). */
export interface ProjectView extends Project {
  teamName: string;
}

const projectFields = {
  title: z.string().trim().min(1).max(200),
  description: z.string().max(10_000),
  /** A registered env id, or a custom env's `custom/…` id (accepted, and the team's or the staff's). */
  envId: z.string().min(1).max(100),
  direction: z.enum(['maximize', 'minimize']),
};

const newProjectInput = z.object({
  courseId: z.uuid(),
  teamId: z.uuid(),
  ...projectFields,
  description: projectFields.description.default(''),
  direction: projectFields.direction.default('maximize'),
});

/** The custom env a project names, checked: accepted, and the team's own or the staff's. */
async function resolveCustomEnv(ex: Executor, courseId: string, teamId: string, envId: string) {
  if (!envId.startsWith('custom/')) return null;
  const env = await findCustomEnv(ex, courseId, envId);
  if (env === undefined || (env.teamId !== null && env.teamId !== teamId)) {
    throw new DbError(
      'invalid',
      `project: envId ${JSON.stringify(envId)} is not a custom env of this team or of the staff`,
      {
        entity: 'project',
        field: 'envId',
      },
    );
  }
  if (env.status !== 'accepted') {
    throw new DbError(
      'invalid',
      `project: custom env ${envId} is ${env.status}; only an accepted env (every check passed) can be used`,
      {
        entity: 'project',
        field: 'envId',
      },
    );
  }
  return env.id;
}

/** Registers a team's project (status `pending`); one project per team. The caller checks registered env ids. */
export async function registerProject(
  ex: Executor,
  input: z.input<typeof newProjectInput>,
): Promise<Project> {
  const v = parseInput('project', newProjectInput, input);
  return mapDbErrors('projects', () =>
    ex.transaction(async (tx) => {
      const [team] = await tx.select().from(teams).where(eq(teams.id, v.teamId)).limit(1);
      if (team === undefined || team.courseId !== v.courseId) {
        throw new DbError('invalid', 'project: teamId is not a team of this course', {
          entity: 'project',
          field: 'teamId',
        });
      }
      const [existing] = await tx
        .select({ id: projects.id })
        .from(projects)
        .where(eq(projects.teamId, v.teamId))
        .limit(1);
      if (existing !== undefined) {
        throw new DbError('conflict', 'project: the team already registered a project; edit it instead', {
          entity: 'project',
          field: 'teamId',
        });
      }
      const customEnvId = await resolveCustomEnv(tx, v.courseId, v.teamId, v.envId);
      const [row] = await tx
        .insert(projects)
        .values({ ...v, customEnvId })
        .returning();
      return row!;
    }),
  );
}

const projectPatch = z.object(projectFields).partial().strict();

/** Edits a pending or rejected project; an edit sends it back to `pending` for review. */
export async function updateProject(
  ex: Executor,
  input: { projectId: string; patch: z.input<typeof projectPatch> },
): Promise<Project> {
  const patch = parseInput('project', projectPatch, input.patch);
  return mapDbErrors('projects', () =>
    ex.transaction(async (tx) => {
      const p = await getProject(tx, input.projectId, true);
      if (p.status === 'approved') {
        throw new DbError('conflict', 'project: an approved project can no longer be edited', {
          entity: 'project',
          field: 'status',
        });
      }
      const customEnvId =
        patch.envId === undefined
          ? p.customEnvId
          : await resolveCustomEnv(tx, p.courseId, p.teamId, patch.envId);
      const [row] = await tx
        .update(projects)
        .set({
          ...patch,
          customEnvId,
          status: 'pending',
          reviewNote: null,
          reviewedBy: null,
          reviewedAt: null,
        })
        .where(eq(projects.id, p.id))
        .returning();
      return row!;
    }),
  );
}

/** One project by id (`forUpdate` locks it in the caller's transaction). */
export function getProject(ex: Executor, id: string, forUpdate = false): Promise<Project> {
  return rowById(ex, projects, 'project', id, forUpdate);
}

/** The team's project, or undefined. */
export async function projectOfTeam(ex: Executor, teamId: string): Promise<Project | undefined> {
  assertUuid('project', 'teamId', teamId);
  const [row] = await ex.select().from(projects).where(eq(projects.teamId, teamId)).limit(1);
  return row;
}

/** A course's projects with team names, by creation; optionally only some statuses. */
export async function listProjects(
  ex: Executor,
  input: { courseId: string; status?: Project['status'][] },
): Promise<ProjectView[]> {
  assertUuid('project', 'courseId', input.courseId);
  const where = input.status?.length
    ? and(eq(projects.courseId, input.courseId), inArray(projects.status, input.status))
    : eq(projects.courseId, input.courseId);
  const rows = await ex
    .select({ project: projects, teamName: teams.name })
    .from(projects)
    .innerJoin(teams, eq(teams.id, projects.teamId))
    .where(where)
    .orderBy(asc(projects.createdAt), asc(projects.id));
  return rows.map((r) => ({ ...r.project, teamName: r.teamName }));
}

const approvalInput = z
  .object({
    projectId: z.uuid(),
    reviewerId: z.uuid(),
    publicEpisodes: z.number().int().min(0).max(100_000),
    privateEpisodes: z.number().int().min(1).max(100_000),
    opensAt: z.date(),
    dueAt: z.date(),
    lateUntil: z.date().optional(),
    latePenalty: z.number().min(0).max(1).default(0),
    note: z.string().max(5_000).optional(),
  })
  .strict();

/** The project, locked, required to be pending (a review decides it once). */
async function pendingProject(tx: Executor, id: string, decision: 'approved' | 'rejected'): Promise<Project> {
  const p = await getProject(tx, id, true);
  if (p.status !== 'pending') {
    throw new DbError(
      'conflict',
      `project: only a pending project can be ${decision}; this one is ${p.status}`,
      {
        entity: 'project',
        field: 'status',
      },
    );
  }
  return p;
}

/** What an approval made. */
export interface ProjectApproval {
  project: Project;
  /** The agent assignment the team now submits to. */
  assignment: Assignment;
  /** Baseline jobs enqueued for it (random + reference agents). */
  baselineJobs: Job<BaselineJobPayload>[];
}

/**
 * Approves a pending project in one transaction: creates its agent assignment (the project's env,
 * custom env and score direction; the instructor's episode counts and dates), links it, enqueues the
 * baseline jobs (`baselines`; default random + PPO, each kind once; `false` for none) and audits it.
 */
export async function approveProject(
  ex: Executor,
  input: z.input<typeof approvalInput> & { baselines?: EnqueueBaselineOptions | false },
): Promise<ProjectApproval> {
  const { baselines, ...rest } = input;
  const v = parseInput('project approval', approvalInput, rest);
  return mapDbErrors('projects', () =>
    ex.transaction(async (tx) => {
      const p = await pendingProject(tx, v.projectId, 'approved');
      const created = await createAssignment(tx, {
        courseId: p.courseId,
        slug: `project-${p.id.slice(0, 8)}`,
        title: `Project: ${p.title}`.slice(0, 200),
        kind: 'agent',
        envId: p.envId,
        publicEpisodes: v.publicEpisodes,
        privateEpisodes: v.privateEpisodes,
        opensAt: v.opensAt,
        dueAt: v.dueAt,
        ...(v.lateUntil ? { lateUntil: v.lateUntil } : {}),
        latePenalty: v.latePenalty,
        createdBy: v.reviewerId,
      });
      const [assignment] = await tx
        .update(assignments)
        .set({ customEnvId: p.customEnvId, scoreDirection: p.direction })
        .where(eq(assignments.id, created.id))
        .returning();
      const [project] = await tx
        .update(projects)
        .set({
          status: 'approved',
          assignmentId: created.id,
          reviewNote: v.note ?? null,
          reviewedBy: v.reviewerId,
          reviewedAt: new Date(),
        })
        .where(eq(projects.id, p.id))
        .returning();
      const baselineJobs =
        baselines === false
          ? []
          : await enqueueBaselineJobs(tx, created.id, {
              onlyMissing: true,
              ...baselines,
              requestedBy: v.reviewerId,
            });
      await recordAudit(tx, {
        courseId: p.courseId,
        actorId: v.reviewerId,
        action: 'project.approve',
        entityType: 'project',
        entityId: p.id,
        details: { assignmentId: created.id, baselineJobs: baselineJobs.length },
      });
      return { project: project!, assignment: assignment!, baselineJobs };
    }),
  );
}

/** Rejects a pending project with the instructor's note (the team may edit it and ask again). */
export async function rejectProject(
  ex: Executor,
  input: { projectId: string; reviewerId: string; note: string },
): Promise<Project> {
  const note = input.note.trim();
  if (note.length === 0) {
    throw new DbError('invalid', 'project: a rejection needs a note telling the team what to change', {
      entity: 'project',
      field: 'note',
    });
  }
  return mapDbErrors('projects', () =>
    ex.transaction(async (tx) => {
      const p = await pendingProject(tx, input.projectId, 'rejected');
      const [row] = await tx
        .update(projects)
        .set({ status: 'rejected', reviewNote: note, reviewedBy: input.reviewerId, reviewedAt: new Date() })
        .where(eq(projects.id, p.id))
        .returning();
      await recordAudit(tx, {
        courseId: p.courseId,
        actorId: input.reviewerId,
        action: 'project.reject',
        entityType: 'project',
        entityId: p.id,
        details: { note },
      });
      return row!;
    }),
  );
}
