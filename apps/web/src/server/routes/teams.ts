import { createTeam, joinTeamByCode, leaveTeam, teamOfUser } from '@critic/db';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { errorResponses, jsonBody, jsonResponse, uuidParam } from '../accounts/schemas';
import { TeamSchema, teamJson, teamsJson } from '../accounts/team-json';
import { ApiError } from '../api-error';
import { MEMBERS, requireCourseRole } from '../auth/require';
import type { ApiEnv } from '../context';
import { taggedRoutes } from '../tagged-routes';

const courseParam = uuidParam('courseId');

const route = taggedRoutes('teams');

const createTeamRoute = route.post('/courses/{courseId}/teams', {
  summary: 'Create a team; the caller becomes its first member',
  request: { params: courseParam, body: jsonBody(z.object({ name: z.string().trim().min(1).max(100) })) },
  responses: { 201: jsonResponse('The team', TeamSchema), ...errorResponses(400, 401, 403, 404, 409) },
});

const joinTeamRoute = route.post('/courses/{courseId}/teams/join', {
  summary: "Join a team with its invite code (refused when full: the course's maxTeamSize)",
  request: { params: courseParam, body: jsonBody(z.object({ code: z.string().trim().min(1).max(32) })) },
  responses: { 200: jsonResponse('The team joined', TeamSchema), ...errorResponses(400, 401, 403, 404, 409) },
});

const leaveTeamRoute = route.post('/courses/{courseId}/teams/leave', {
  summary: 'Leave your team in the course (the team and its submissions stay)',
  request: { params: courseParam },
  responses: { 204: { description: 'Left the team' }, ...errorResponses(401, 403, 404) },
});

const listTeamsRoute = route.get('/courses/{courseId}/teams', {
  summary: 'Teams of the course: all of them for staff, only your own for a student',
  request: { params: courseParam },
  responses: { 200: jsonResponse('Teams by name', z.array(TeamSchema)), ...errorResponses(401, 404) },
});

/** Refuses a second team for someone already in one, naming it. */
async function requireNoTeam(c: Parameters<typeof requireCourseRole>[0], courseId: string, userId: string) {
  const current = await teamOfUser(c.get('deps').db, courseId, userId);
  if (current !== undefined) {
    throw new ApiError(409, 'conflict', `you are already in team "${current.name}"; leave it first`, {
      field: 'teamId',
    });
  }
}

/** Teams of a course: create, join by invite code, leave, list. */
export function teamRoutes() {
  return new OpenAPIHono<ApiEnv>()
    .openapi(createTeamRoute, async (c) => {
      const { courseId } = c.req.valid('param');
      const { viewer } = await requireCourseRole(c, courseId, MEMBERS);
      await requireNoTeam(c, courseId, viewer.id);
      const { db } = c.get('deps');
      const team = await createTeam(db, { courseId, name: c.req.valid('json').name, memberIds: [viewer.id] });
      return c.json(await teamJson(db, courseId, team.id), 201);
    })
    .openapi(joinTeamRoute, async (c) => {
      const { courseId } = c.req.valid('param');
      const { viewer } = await requireCourseRole(c, courseId, MEMBERS);
      await requireNoTeam(c, courseId, viewer.id);
      const { db } = c.get('deps');
      const team = await joinTeamByCode(db, { courseId, userId: viewer.id, code: c.req.valid('json').code });
      return c.json(await teamJson(db, courseId, team.id), 200);
    })
    .openapi(leaveTeamRoute, async (c) => {
      const { courseId } = c.req.valid('param');
      const { viewer } = await requireCourseRole(c, courseId, MEMBERS);
      await leaveTeam(c.get('deps').db, courseId, viewer.id);
      c.get('caches').teams.delete(`${courseId}:${viewer.id}`);
      return c.body(null, 204);
    })
    .openapi(listTeamsRoute, async (c) => {
      const { courseId } = c.req.valid('param');
      const { viewer, role } = await requireCourseRole(c, courseId, MEMBERS);
      const teams = await teamsJson(c.get('deps').db, courseId);
      if (role !== 'student') return c.json(teams, 200);
      return c.json(
        teams.filter((t) => t.members.some((m) => m.id === viewer.id)),
        200,
      );
    });
}
