import {
  approveProject,
  getProject,
  listProjects,
  projectOfTeam,
  registerProject,
  rejectProject,
  teamOfUser,
  updateProject,
} from '@critic/db';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { BaselineRequest } from '../accounts/assignment-schemas';
import { envInfo } from '../accounts/env-catalogue';
import { errorResponses, jsonBody, jsonResponse, uuidParam } from '../accounts/schemas';
import { ApiError } from '../api-error';
import { hiddenAs, INSTRUCTORS, MEMBERS, requireCourseRole, STAFF } from '../auth/require';
import type { ApiEnv } from '../context';
import { ProjectSchema, projectJson } from '../projects/project-json';
import { taggedRoutes } from '../tagged-routes';

const ProjectInput = z.object({
  title: z.string().trim().min(1).max(200),
  description: z.string().max(10_000).optional(),
  envId: z
    .string()
    .min(1)
    .max(100)
    .openapi({ description: 'A registered env id, or an accepted custom env (`custom/…`)' }),
  direction: z.enum(['maximize', 'minimize']).optional(),
});

const ApprovalInput = z
  .object({
    publicEpisodes: z.number().int().min(0).max(100_000),
    privateEpisodes: z.number().int().min(1).max(100_000),
    opensAt: z.iso.datetime({ offset: true }),
    dueAt: z.iso.datetime({ offset: true }),
    lateUntil: z.iso.datetime({ offset: true }).optional(),
    latePenalty: z.number().min(0).max(1).optional(),
    note: z.string().max(5_000).optional(),
    baselines: z
      .union([z.literal(false), BaselineRequest])
      .optional()
      .openapi({ description: 'Baseline jobs to enqueue (default random + PPO); false for none' }),
  })
  .openapi('ProjectApproval');

const courseParam = uuidParam('courseId');
const projectParam = uuidParam('projectId');

const route = taggedRoutes('projects');

const register = route.post('/courses/{courseId}/projects', {
  summary: "Register the viewer's team's final project (pending until the instructor approves it)",
  request: { params: courseParam, body: jsonBody(ProjectInput) },
  responses: { 201: jsonResponse('The project', ProjectSchema), ...errorResponses(400, 401, 403, 404, 409) },
});

const list = route.get('/courses/{courseId}/projects', {
  summary: "The course's projects (staff: all; students: their team's)",
  request: { params: courseParam },
  responses: { 200: jsonResponse('Projects', z.array(ProjectSchema)), ...errorResponses(401, 404) },
});

const edit = route.patch('/projects/{projectId}', {
  summary: 'Edit a pending or rejected project (members of its team); it goes back to pending',
  request: { params: projectParam, body: jsonBody(ProjectInput.partial()) },
  responses: { 200: jsonResponse('The project', ProjectSchema), ...errorResponses(400, 401, 403, 404, 409) },
});

const approve = route.post('/projects/{projectId}/approve', {
  summary: 'Approve a project: creates its agent assignment and enqueues its baselines (instructor)',
  request: { params: projectParam, body: jsonBody(ApprovalInput) },
  responses: {
    200: jsonResponse(
      'The approved project, its assignment id and the baseline jobs enqueued',
      z.object({ project: ProjectSchema, assignmentId: z.uuid(), baselineJobs: z.number().int() }),
    ),
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

const reject = route.post('/projects/{projectId}/reject', {
  summary: 'Reject a project with a note to the team (instructor)',
  request: { params: projectParam, body: jsonBody(z.object({ note: z.string().max(5_000) })) },
  responses: { 200: jsonResponse('The project', ProjectSchema), ...errorResponses(400, 401, 403, 404, 409) },
});

/** A registered env id is checked here (the data layer checks custom ones). */
function assertKnownEnv(envId: string): void {
  if (envId.startsWith('custom/') || envInfo(envId) !== undefined) return;
  throw new ApiError(
    400,
    'invalid',
    `envId: "${envId}" is neither a registered env (see GET /api/envs) nor a custom env ("custom/<name>")`,
    { field: 'envId' },
  );
}

/** The project and the viewer's role in its course (404 for a non-member). */
async function projectAccess(c: Context<ApiEnv>, projectId: string, roles: typeof MEMBERS) {
  const project = await getProject(c.get('deps').db, projectId);
  const access = await requireCourseRole(c, project.courseId, roles, hiddenAs('project', project.id));
  return { project, ...access };
}

async function teamName(c: Context<ApiEnv>, courseId: string, teamId: string): Promise<string> {
  const rows = await listProjects(c.get('deps').db, { courseId });
  return rows.find((r) => r.teamId === teamId)?.teamName ?? '';
}

/** Final projects: registration and edits by the team, review by the instructor. */
export function projectRoutes() {
  return new OpenAPIHono<ApiEnv>()
    .openapi(register, async (c) => {
      const { courseId } = c.req.valid('param');
      const { viewer } = await requireCourseRole(c, courseId, ['student']);
      const db = c.get('deps').db;
      const team = await teamOfUser(db, courseId, viewer.id);
      if (team === undefined) {
        throw new ApiError(409, 'no_team', 'join or create a team first: a project belongs to a team', {
          field: 'teamId',
        });
      }
      const body = c.req.valid('json');
      assertKnownEnv(body.envId);
      const p = await registerProject(db, { courseId, teamId: team.id, ...body });
      return c.json(projectJson(p, team.name), 201);
    })
    .openapi(list, async (c) => {
      const { courseId } = c.req.valid('param');
      const { viewer, role } = await requireCourseRole(c, courseId, MEMBERS);
      const db = c.get('deps').db;
      if (STAFF.includes(role)) {
        const rows = await listProjects(db, { courseId });
        return c.json(
          rows.map((r) => projectJson(r, r.teamName)),
          200,
        );
      }
      const team = await teamOfUser(db, courseId, viewer.id);
      const own = team ? await projectOfTeam(db, team.id) : undefined;
      return c.json(own && team ? [projectJson(own, team.name)] : [], 200);
    })
    .openapi(edit, async (c) => {
      const { project, viewer } = await projectAccess(c, c.req.valid('param').projectId, ['student']);
      const db = c.get('deps').db;
      const team = await teamOfUser(db, project.courseId, viewer.id);
      if (team?.id !== project.teamId) {
        throw new ApiError(403, 'forbidden', "only members of the project's team edit it");
      }
      const patch = c.req.valid('json');
      if (patch.envId !== undefined) assertKnownEnv(patch.envId);
      const p = await updateProject(db, { projectId: project.id, patch });
      return c.json(projectJson(p, team.name), 200);
    })
    .openapi(approve, async (c) => {
      const { project, viewer } = await projectAccess(c, c.req.valid('param').projectId, INSTRUCTORS);
      const body = c.req.valid('json');
      const { baselines, opensAt, dueAt, lateUntil, ...rest } = body;
      const r = await approveProject(c.get('deps').db, {
        ...rest,
        projectId: project.id,
        reviewerId: viewer.id,
        opensAt: new Date(opensAt),
        dueAt: new Date(dueAt),
        ...(lateUntil ? { lateUntil: new Date(lateUntil) } : {}),
        ...(baselines === undefined
          ? {}
          : { baselines: baselines === false ? false : { ...baselines, requestedBy: viewer.id } }),
      });
      return c.json(
        {
          project: projectJson(r.project, await teamName(c, project.courseId, project.teamId)),
          assignmentId: r.assignment.id,
          baselineJobs: r.baselineJobs.length,
        },
        200,
      );
    })
    .openapi(reject, async (c) => {
      const { project, viewer } = await projectAccess(c, c.req.valid('param').projectId, INSTRUCTORS);
      const p = await rejectProject(c.get('deps').db, {
        projectId: project.id,
        reviewerId: viewer.id,
        note: c.req.valid('json').note,
      });
      return c.json(projectJson(p, await teamName(c, project.courseId, project.teamId)), 200);
    });
}
