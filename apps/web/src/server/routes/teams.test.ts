import { describe, expect, it } from 'vitest';
import {
  authed,
  courseWithMembers,
  expectJson,
  joinTeam,
  type TestTeam,
} from '../../../test/support/accounts';
import { apiHarnessPerFile } from '../../../test/support/harness';

const h = apiHarnessPerFile();

type ErrorBody = { error: { code: string; message: string; field?: string } };

describe('teams', () => {
  it("enforces the course's team size limit, naming it", async () => {
    const { course, students } = await courseWithMembers(h, { students: 3, maxTeamSize: 2 });
    const [a, b, c] = students as [(typeof students)[0], (typeof students)[0], (typeof students)[0]];
    const team = await joinTeam(h, course.id, a, [b], 'Full House');
    expect(team.members.map((m) => m.id).sort()).toEqual([a.user.id, b.user.id].sort());
    const full = await authed(h, c.cookie, `/api/courses/${course.id}/teams/join`, {
      method: 'POST',
      json: { code: team.inviteCode },
    });
    const body = await expectJson<ErrorBody>(full, 409);
    expect(body.error.message).toMatch(/at most 2 members per team/);
    expect(body.error.field).toBe('maxTeamSize');
  });

  it('allows one team per student per course; leaving frees the student', async () => {
    const { course, students } = await courseWithMembers(h, { students: 2 });
    const [a, b] = students as [(typeof students)[0], (typeof students)[0]];
    const first = await joinTeam(h, course.id, a, [], 'First');
    const second = await joinTeam(h, course.id, b, [], 'Second');
    const again = await authed(h, a.cookie, `/api/courses/${course.id}/teams`, {
      method: 'POST',
      json: { name: 'Third' },
    });
    expect((await expectJson<ErrorBody>(again, 409)).error.message).toMatch(/already in team "First"/);
    const hop = await authed(h, a.cookie, `/api/courses/${course.id}/teams/join`, {
      method: 'POST',
      json: { code: second.inviteCode },
    });
    expect(hop.status).toBe(409);
    expect(
      (await authed(h, a.cookie, `/api/courses/${course.id}/teams/leave`, { method: 'POST' })).status,
    ).toBe(204);
    const joined = await expectJson<TestTeam>(
      await authed(h, a.cookie, `/api/courses/${course.id}/teams/join`, {
        method: 'POST',
        json: { code: second.inviteCode },
      }),
      200,
    );
    expect(joined.members).toHaveLength(2);
    const stillThere = await expectJson<TestTeam[]>(
      await authed(h, a.cookie, `/api/courses/${course.id}/teams`),
      200,
    );
    expect(stillThere.map((t) => t.id)).toEqual([second.id]);
    expect(first.id).not.toBe(second.id);
    expect(
      (await authed(h, a.cookie, `/api/courses/${course.id}/teams/leave`, { method: 'POST' })).status,
    ).toBe(204);
    const none = await authed(h, a.cookie, `/api/courses/${course.id}/teams/leave`, { method: 'POST' });
    expect((await expectJson<ErrorBody>(none, 404)).error.message).toMatch(/not in a team/);
  });

  it('shows a student only their own team; staff see all; strangers get 404', async () => {
    const { course, students, ta } = await courseWithMembers(h, { students: 3 });
    const [a, b, c] = students as [(typeof students)[0], (typeof students)[0], (typeof students)[0]];
    const mine = await joinTeam(h, course.id, a, [], 'Mine');
    await joinTeam(h, course.id, b, [], 'Theirs');
    const seen = await expectJson<TestTeam[]>(
      await authed(h, a.cookie, `/api/courses/${course.id}/teams`),
      200,
    );
    expect(seen).toEqual([
      {
        id: mine.id,
        name: 'Mine',
        inviteCode: mine.inviteCode,
        members: [{ id: a.user.id, name: a.user.name }],
      },
    ]);
    expect(
      await expectJson<TestTeam[]>(await authed(h, c.cookie, `/api/courses/${course.id}/teams`), 200),
    ).toEqual([]);
    const all = await expectJson<TestTeam[]>(
      await authed(h, ta.cookie, `/api/courses/${course.id}/teams`),
      200,
    );
    expect(all.map((t) => t.name)).toEqual(['Mine', 'Theirs']);
    const { students: outsiders } = await courseWithMembers(h, { students: 1 });
    const res = await authed(h, outsiders[0]!.cookie, `/api/courses/${course.id}/teams`);
    expect(res.status).toBe(404);
    const join = await authed(h, outsiders[0]!.cookie, `/api/courses/${course.id}/teams/join`, {
      method: 'POST',
      json: { code: mine.inviteCode },
    });
    expect(join.status).toBe(404);
  });
});
