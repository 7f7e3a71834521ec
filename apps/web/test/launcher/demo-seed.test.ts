// The launcher's demo seeding (`npm start`) against the real REST API and database.
import { BASELINE_QUEUE } from '@critic/db';
import { DEMO_ACCOUNTS, type DemoSeedResult, seedDemoCourse } from '@critic/demo';
import { describe, expect, it } from 'vitest';
import { apiHarnessPerFile, TEST_ORIGIN } from '../support/harness';

const h = apiHarnessPerFile();

const endpoint = () => ({
  baseUrl: TEST_ORIGIN,
  origin: TEST_ORIGIN,
  fetch: async (input: string, init: RequestInit) => h.app.request(input, init),
});
const password = 'demo-password-123';

async function counts() {
  const [row] = await h.sql<Record<string, number>[]>`select
    (select count(*)::int from users) as users,
    (select count(*)::int from courses) as courses,
    (select count(*)::int from enrollments) as enrollments,
    (select count(*)::int from teams) as teams,
    (select count(*)::int from team_members) as "teamMembers",
    (select count(*)::int from assignments) as assignments,
    (select count(*)::int from jobs where queue = ${BASELINE_QUEUE}) as "baselineJobs"`;
  return row!;
}

describe('seedDemoCourse', () => {
  let first: DemoSeedResult;

  it('creates the accounts, course, roster, team, both assignments and the baseline jobs', async () => {
    first = await seedDemoCourse(endpoint(), h.deps.db, { password, baselineBudgetSteps: 2048 });
    expect(await counts()).toEqual({
      users: 4,
      courses: 1,
      enrollments: 4,
      teams: 1,
      teamMembers: 2,
      assignments: 2,
      baselineJobs: 2,
    });
    expect(first.created).toEqual(
      expect.arrayContaining([
        'account instructor@demo.critic',
        'course rl-demo',
        'team Demo Team',
        'student2@demo.critic joined Demo Team',
        'assignment cartpole',
        'assignment hw1-returns',
        'baseline job random',
        'baseline job ppo',
      ]),
    );
    const roles = await h.sql<{ email: string; role: string }[]>`
      select u.email, e.role from enrollments e join users u on u.id = e.user_id order by u.email`;
    expect(Object.fromEntries(roles.map((r) => [r.email, r.role]))).toEqual(
      Object.fromEntries(DEMO_ACCOUNTS.map((a) => [a.email, a.role])),
    );
    const [cartpole] = await h.sql<{ env_id: string; public_episodes: number; private_episodes: number }[]>`
      select env_id, public_episodes, private_episodes from assignments where id = ${first.assignments.cartpole!}`;
    expect(cartpole).toEqual({ env_id: 'CartPole-v1', public_episodes: 10, private_episodes: 20 });
    const [hw] = await h.sql<{ kind: string; checks: unknown[] }[]>`
      select kind, checks from assignments where id = ${first.assignments['hw1-returns']!}`;
    expect(hw!.kind).toBe('checks');
    expect(hw!.checks.length).toBeGreaterThan(0);
    const payloads = await h.sql<{ payload: { kind: string; budgetSteps: number } }[]>`
      select payload from jobs where queue = ${BASELINE_QUEUE} order by id`;
    expect(payloads.map((p) => [p.payload.kind, p.payload.budgetSteps])).toEqual([
      ['random', 2048],
      ['ppo', 2048],
    ]);
  });

  it('a second run signs in, finds everything and creates nothing', async () => {
    const before = await counts();
    const second = await seedDemoCourse(endpoint(), h.deps.db, { password, baselineBudgetSteps: 2048 });
    expect(second).toEqual({ ...first, created: [] });
    expect(await counts()).toEqual(before);
  });

  it('a changed password is refused with advice, not a second set of accounts', async () => {
    await expect(seedDemoCourse(endpoint(), h.deps.db, { password: 'another-password-9' })).rejects.toThrow(
      /instructor@demo.critic exists with another password .* delete the demo password file/,
    );
    expect((await counts()).users).toBe(4);
  });
});
