import { describe, expect, it } from 'vitest';
import { baselineRows } from '../src/queries/baselines';
import { leaderboard } from '../src/queries/leaderboard';
import { hitRateLimit } from '../src/queries/rate-limits';
import { useTestDatabase } from '../src/testing';
import { expectDbError } from './support/expect-error';
import { fakeSha, gradeAttempt, seedCourse, statsAround, submitBaseline } from './support/fixtures';

const t = useTestDatabase();

describe('baselines', () => {
  it('are graded submissions without a team, shown apart from the ranked teams', async () => {
    const { assignment, instructor } = await seedCourse(t.db, { teams: 1, perTeam: 1 });
    const made: Record<string, number> = { random: 22, ppo: 500 };
    for (const [label, mean] of Object.entries(made)) {
      const { submission, job } = await submitBaseline(t.db, assignment.id, instructor.id, label);
      expect(submission).toMatchObject({ teamId: null, baseline: label, countsTowardLimit: false });
      expect(job.payload).toEqual({ submissionId: submission.id, attempt: 1 });
      await gradeAttempt(t.db, submission.id, [{ split: 'private', stats: statsAround(mean, 4) }]);
    }
    const rows = await baselineRows(t.db, { assignmentId: assignment.id, split: 'private' });
    expect(rows.map((r) => [r.baseline, r.score, r.ciLow])).toEqual([
      ['ppo', 500, 499],
      ['random', 22, 21],
    ]);
    expect(rows[0]!.submittedAt).toBeInstanceOf(Date);
    expect(await baselineRows(t.db, { assignmentId: assignment.id, split: 'public' })).toEqual([]);
    expect(await leaderboard(t.db, { assignmentId: assignment.id, split: 'private' })).toEqual([]);
  });

  it('refuse a bad label and a checks assignment', async () => {
    const { assignment, instructor } = await seedCourse(t.db, { teams: 0 });
    await expectDbError(
      submitBaseline(t.db, assignment.id, instructor.id, 'Random Agent'),
      'invalid',
      /baseline/,
      'baseline',
    );
    const hw = await seedCourse(t.db, {
      teams: 0,
      assignment: { kind: 'checks', checks: [{ name: 'gae', cases: 2, visibleCases: 1, points: 1 }] },
    });
    await expectDbError(
      submitBaseline(t.db, hw.assignment.id, hw.instructor.id, 'random'),
      'invalid',
      /expected agent/,
      'assignmentId',
    );
  });
});

describe('hitRateLimit', () => {
  it('allows `limit` hits per window, then refuses with the seconds left, and starts over next window', async () => {
    const key = `signin:${fakeSha()}`;
    const now = new Date(Date.UTC(2026, 0, 1, 12, 0, 10));
    const results = [];
    for (let i = 0; i < 4; i++)
      results.push(await hitRateLimit(t.db, { key, limit: 3, windowMs: 60_000, now }));
    expect(results.map((r) => [r.allowed, r.hits])).toEqual([
      [true, 1],
      [true, 2],
      [true, 3],
      [false, 4],
    ]);
    expect(results[3]!.retryAfterSeconds).toBe(50);
    const next = await hitRateLimit(t.db, {
      key,
      limit: 3,
      windowMs: 60_000,
      now: new Date(now.getTime() + 60_000),
    });
    expect(next).toMatchObject({ allowed: true, hits: 1 });
    const left = await t.sql`select count(*)::int as n from rate_limit_hits where key = ${key}`;
    expect(left[0]!.n).toBe(1);
  });

  it('counts concurrent hits exactly once each', async () => {
    const key = `upload:${fakeSha()}`;
    const now = new Date();
    const all = await Promise.all(
      Array.from({ length: 20 }, () => hitRateLimit(t.db, { key, limit: 5, windowMs: 60_000, now })),
    );
    expect(all.filter((r) => r.allowed)).toHaveLength(5);
    expect(all.map((r) => r.hits).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });
});
