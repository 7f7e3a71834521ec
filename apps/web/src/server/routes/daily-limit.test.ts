// The daily submission limit counts per student as well as per team: leaving a team and creating a new
// one does not start a student's count again (V2).
import { describe, expect, it } from 'vitest';
import { authed, expectJson } from '../../../test/support/accounts';
import {
  type ErrorBody,
  gradingWorldPerFile,
  jsAgentSource,
  uploadForm,
} from '../../../test/support/grading';

const t = gradingWorldPerFile();

const upload = (cookie: string, assignmentId: string, action: number) =>
  authed(t.h, cookie, `/api/assignments/${assignmentId}/submissions`, {
    method: 'POST',
    body: uploadForm({ 'agent.ts': jsAgentSource(action) }),
  });

/** The owner of `cookie` leaves their team and founds a new one named `name` (both must succeed). */
async function leaveAndFoundTeam(cookie: string, name: string) {
  const teams = `/api/courses/${t.w.course.id}/teams`;
  await expectJson(await authed(t.h, cookie, `${teams}/leave`, { method: 'POST' }), 204);
  await expectJson(await authed(t.h, cookie, teams, { method: 'POST', json: { name } }), 201);
}

describe('daily limit per student and per team', () => {
  it('leaving and re-creating teams does not reset a student’s count; the old team’s count holds too', async () => {
    const a = await t.w.assignment({ maxDailySubmissions: 1 });
    const [first, second] = t.w.teams[0]!.members;
    await expectJson(await upload(first!.cookie, a.id, 0), 201);

    // The same student leaves, founds a new team, and tries again the same day: refused, per student.
    await leaveAndFoundTeam(first!.cookie, 'Fresh start');
    const again = await expectJson<ErrorBody>(await upload(first!.cookie, a.id, 1), 429);
    expect(again.error.message).toMatch(/daily limit reached \(1 of 1 today, per student \(in any team\)\)/);

    // A third attempt after yet another new team: still refused.
    await leaveAndFoundTeam(first!.cookie, 'Third try');
    expect((await upload(first!.cookie, a.id, 2)).status).toBe(429);

    // The old team's count is its own: its remaining member is at the team's limit.
    const team = await expectJson<ErrorBody>(await upload(second!.cookie, a.id, 3), 429);
    expect(team.error.message).toMatch(/per team/);

    // Only one submission was accepted over all of it.
    const rows = await expectJson<unknown[]>(
      await authed(t.h, t.w.instructor.cookie, `/api/assignments/${a.id}/submissions`),
      200,
    );
    expect(rows).toHaveLength(1);
  });

  it('a student who did not submit may still submit for a new team', async () => {
    const a = await t.w.assignment({ maxDailySubmissions: 1 });
    const other = t.w.teams[1]!.members[0]!;
    await expectJson(await upload(other.cookie, a.id, 0), 201);
    // Their teammate, who did not submit, leaves and submits for a new team: the team and the student are under the limit.
    const mate = t.w.teams[1]!.members[1]!;
    await leaveAndFoundTeam(mate.cookie, 'Split off');
    await expectJson(await upload(mate.cookie, a.id, 1), 201);
  });
});
