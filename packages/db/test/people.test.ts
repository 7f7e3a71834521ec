import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { schema } from '../src/index';
import {
  addTeamMember,
  createCourse,
  createTeam,
  createUser,
  enroll,
  getCourse,
  listCourseMembers,
  listTeams,
  roleInCourse,
  teamOfUser,
} from '../src/queries/people';
import { useTestDatabase } from '../src/testing';
import { expectDbError } from './support/expect-error';

const t = useTestDatabase();

describe('courses, enrollments and teams', () => {
  it('creates a course with its creator as instructor, enrolls and forms teams', async () => {
    const prof = await createUser(t.db, { email: 'Prof.Ada@Uni.test', name: 'Ada' });
    expect(prof.email).toBe('prof.ada@uni.test');
    const course = await createCourse(t.db, {
      slug: 'rl-2026',
      title: 'RL',
      instructorId: prof.id,
      timezone: 'Europe/Berlin',
    });
    expect(await roleInCourse(t.db, course.id, prof.id)).toBe('instructor');
    const a = await createUser(t.db, { email: 'a@uni.test', name: 'Alice' });
    const b = await createUser(t.db, { email: 'b@uni.test', name: 'Bob' });
    await enroll(t.db, course.id, a.id, 'student');
    await enroll(t.db, course.id, b.id, 'ta');
    expect((await listCourseMembers(t.db, course.id)).map((m) => [m.name, m.role])).toEqual([
      ['Ada', 'instructor'],
      ['Alice', 'student'],
      ['Bob', 'ta'],
    ]);
    const team = await createTeam(t.db, { courseId: course.id, name: 'Pole Position', memberIds: [a.id] });
    await addTeamMember(t.db, team.id, b.id);
    expect((await teamOfUser(t.db, course.id, b.id))?.id).toBe(team.id);
    const teams = await listTeams(t.db, course.id);
    expect(teams).toHaveLength(1);
    expect(teams[0]!.members.map((m) => m.name)).toEqual(['Alice', 'Bob']);
  });

  it('refuses duplicates and unknown ids with typed errors naming the field', async () => {
    const prof = await createUser(t.db, { email: 'dup@uni.test', name: 'Dup' });
    await expectDbError(
      createUser(t.db, { email: 'DUP@uni.test', name: 'Again' }),
      'conflict',
      /email already exists/,
      'email',
    );
    await expectDbError(
      createUser(t.db, { email: 'not-an-email', name: 'X' }),
      'invalid',
      /invalid email/,
      'email',
    );
    const course = await createCourse(t.db, { slug: 'dup-course', title: 'C', instructorId: prof.id });
    await expectDbError(
      createCourse(t.db, { slug: 'dup-course', title: 'C2', instructorId: prof.id }),
      'conflict',
      /course with this slug already exists/,
      'slug',
    );
    await expectDbError(enroll(t.db, course.id, prof.id, 'student'), 'conflict', /already enrolled/);
    await expectDbError(enroll(t.db, course.id, randomUUID(), 'student'), 'not_found', /enrollments/);
    await expectDbError(getCourse(t.db, randomUUID()), 'not_found', /course "[0-9a-f-]{36}" not found/);
    await expectDbError(getCourse(t.db, 'nope'), 'invalid', /id must be a uuid, got "nope"/, 'id');
    await expectDbError(
      createCourse(t.db, { slug: 'x-course', title: 'C', instructorId: prof.id, timezone: 'Mars/Olympus' }),
      'invalid',
      /timezone/,
      'timezone',
    );
  });

  it('a course whose instructor does not exist leaves no course behind (transaction)', async () => {
    await expectDbError(
      createCourse(t.db, { slug: 'ghost-course', title: 'Ghost', instructorId: randomUUID() }),
      'not_found',
      /enrollments/,
    );
    const rows = await t.db.select().from(schema.courses);
    expect(rows.map((c) => c.slug)).not.toContain('ghost-course');
  });

  it('keeps one team per student per course, members enrolled, and no half-made team', async () => {
    const prof = await createUser(t.db, { email: 'teams-prof@uni.test', name: 'P' });
    const course = await createCourse(t.db, { slug: 'team-course', title: 'C', instructorId: prof.id });
    const s = await createUser(t.db, { email: 'teams-s@uni.test', name: 'S' });
    const outsider = await createUser(t.db, { email: 'outsider@uni.test', name: 'O' });
    await enroll(t.db, course.id, s.id, 'student');
    await createTeam(t.db, { courseId: course.id, name: 'One', memberIds: [s.id] });
    await expectDbError(
      createTeam(t.db, { courseId: course.id, name: 'Two', memberIds: [s.id] }),
      'conflict',
      /already in a team of this course/,
      'userId',
    );
    await expectDbError(
      createTeam(t.db, { courseId: course.id, name: 'Three', memberIds: [outsider.id] }),
      'not_found',
      /not enrolled in the team's course/,
      'userId',
    );
    const names = (await listTeams(t.db, course.id)).map((x) => x.team.name);
    expect(names).toEqual(['One']);
    await expectDbError(addTeamMember(t.db, randomUUID(), s.id), 'not_found', /team "/);
  });
});
