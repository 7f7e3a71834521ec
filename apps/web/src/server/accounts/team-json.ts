import { type Executor, listTeams } from '@critic/db';
import { z } from '@hono/zod-openapi';

/** A team with its invite code and members. */
export const TeamSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    inviteCode: z.string(),
    members: z.array(z.object({ id: z.uuid(), name: z.string() })),
  })
  .openapi('Team');

/** A team as the API shows it. */
export type TeamJson = z.infer<typeof TeamSchema>;

/** Every team of a course with its members, by name. */
export async function teamsJson(ex: Executor, courseId: string): Promise<TeamJson[]> {
  return (await listTeams(ex, courseId)).map(({ team, members }) => ({
    id: team.id,
    name: team.name,
    inviteCode: team.inviteCode,
    members: members.map((m) => ({ id: m.userId, name: m.name })),
  }));
}

/** One team of a course with its members. */
export async function teamJson(ex: Executor, courseId: string, teamId: string): Promise<TeamJson> {
  const team = (await teamsJson(ex, courseId)).find((t) => t.id === teamId);
  if (team === undefined) throw new Error(`team ${teamId} vanished from course ${courseId}`);
  return team;
}
