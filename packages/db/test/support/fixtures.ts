import { randomBytes } from 'node:crypto';
import type { Database } from '../../src/db';
import { createAssignment, type NewAssignment } from '../../src/queries/assignments';
import { createCourse, createTeam, createUser, enroll, type Team, type User } from '../../src/queries/people';

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
