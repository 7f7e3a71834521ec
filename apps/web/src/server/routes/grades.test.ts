import { addTeamMember, createUser, enroll, schema } from '@critic/db';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { authed } from '../../../test/support/accounts';
import { fakeGrade, gradingWorldPerFile, storedSubmission } from '../../../test/support/grading';
import { records } from '../accounts/roster-csv';
import { csvField } from './grades';

const t = gradingWorldPerFile();

/** The rows of a CSV export (RFC 4180, as the roster import reads it). */
function parseCsv(text: string): string[][] {
  const parsed = records(text);
  expect(parsed.error).toBeUndefined();
  return parsed.records.map((r) => r.fields);
}

describe('csvField', () => {
  it('quotes commas, quotes and line breaks, and defuses spreadsheet formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('O"Brien, Pat')).toBe('"O""Brien, Pat"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(12.5)).toBe('12.5');
    expect(csvField(null)).toBe('');
  });
});

describe('GET /assignments/:id/grades.csv', () => {
  it('exports one Moodle-importable row per student, with roster ids, quoting and the counting score', async () => {
    const a = await t.w.assignment({ title: 'CartPole, part 1' });
    // A student with a name that needs quoting, in team A, with a roster id.
    const tricky = await createUser(t.h.deps.db, { email: 'obrien@uni.test', name: 'O"Brien, Pat' });
    await enroll(t.h.deps.db, t.w.course.id, tricky.id, 'student');
    await addTeamMember(t.h.deps.db, t.w.teams[0]!.team.id, tricky.id);
    await t.h.deps.db
      .update(schema.enrollments)
      .set({ externalId: '2024-0042' })
      .where(and(eq(schema.enrollments.courseId, t.w.course.id), eq(schema.enrollments.userId, tricky.id)));
    const best = await storedSubmission(t.h, a, t.w.teams[0]!.members[0]!.user.id);
    const worse = await storedSubmission(t.h, a, t.w.teams[0]!.members[1]!.user.id);
    const ofB = await storedSubmission(t.h, a, t.w.teams[1]!.members[0]!.user.id);
    await fakeGrade(t.h, best, { public: 10, private: 480.123456 });
    await fakeGrade(t.h, worse, { public: 300, private: 200 });
    await fakeGrade(t.h, ofB, { public: 20, private: 300 });

    const res = await authed(t.h, t.w.ta.cookie, `/api/assignments/${a.id}/grades.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="${t.w.course.slug}-${a.slug}-grades.csv"`,
    );
    const text = await res.text();
    expect(text).toContain('"O""Brien, Pat"');
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([
      'Email address',
      'ID number',
      'Full name',
      'CartPole, part 1',
      'Team',
      'Rank',
      'Late',
      'Submitted at',
      'Submission',
    ]);
    // Every student once (4 team members, the new one, the loner); no staff.
    expect(rows).toHaveLength(6);
    expect(new Set(rows.map((r) => r[0])).size).toBe(6);
    expect(rows.map((r) => r[0])).not.toContain(t.w.ta.user.email);
    const byEmail = new Map(rows.map((r) => [r[0], r]));
    expect(byEmail.get('obrien@uni.test')).toEqual([
      'obrien@uni.test',
      '2024-0042',
      'O"Brien, Pat',
      '480.1235',
      'Team A',
      '1',
      'no',
      expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      best,
    ]);
    expect(byEmail.get(t.w.teams[1]!.members[1]!.user.email)?.slice(3, 6)).toEqual(['300', 'Team B', '2']);
    expect(byEmail.get(t.w.loner.user.email)?.slice(1, 9)).toEqual([
      '',
      t.w.loner.user.name,
      '',
      '',
      '',
      '',
      '',
      '',
    ]);
  });

  it('is for staff only', async () => {
    const a = await t.w.assignment();
    const res = await authed(t.h, t.w.teams[0]!.members[0]!.cookie, `/api/assignments/${a.id}/grades.csv`);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/ta or instructor/);
  });
});
