import { describe, expect, it } from 'vitest';
import { BASELINE_QUEUE, enqueueBaselineJobs } from '../src/queries/baseline-jobs';
import { failSubmissionsOfDeadJobs } from '../src/queries/submissions';
import { claimJobs, completeJob, failJob } from '../src/queue/jobs';
import { useTestDatabase } from '../src/testing';
import { expectDbError } from './support/expect-error';
import { seedCourse, submitBaseline } from './support/fixtures';

const t = useTestDatabase();

const liveJobs = async (assignmentId: string) =>
  t.sql<{ kind: string; status: string }[]>`
    select payload->>'kind' as kind, status from jobs
    where queue = ${BASELINE_QUEUE} and payload->>'assignmentId' = ${assignmentId} order by id`;

describe('enqueueBaselineJobs', () => {
  it('enqueues one job per kind on the baseline queue with the full payload', async () => {
    const { assignment, instructor } = await seedCourse(t.db, { teams: 0 });
    const jobs = await enqueueBaselineJobs(t.db, assignment.id, {
      requestedBy: instructor.id,
      kinds: ['random', 'ppo', 'random'],
      budgetSteps: 2048,
      seed: 7,
    });
    expect(jobs.map((j) => [j.queue, j.payload, j.maxAttempts])).toEqual([
      [
        'baseline',
        {
          assignmentId: assignment.id,
          kind: 'random',
          budgetSteps: 2048,
          seed: 7,
          requestedBy: instructor.id,
        },
        3,
      ],
      [
        'baseline',
        { assignmentId: assignment.id, kind: 'ppo', budgetSteps: 2048, seed: 7, requestedBy: instructor.id },
        3,
      ],
    ]);
  });

  it('with onlyMissing enqueues nothing twice: not for a live job, not for an existing baseline; a dead job is replaced', async () => {
    const { assignment, instructor } = await seedCourse(t.db, { teams: 0 });
    const opts = { requestedBy: instructor.id, kinds: ['random', 'ppo'] as const, onlyMissing: true };
    expect(await enqueueBaselineJobs(t.db, assignment.id, { ...opts, kinds: ['random'] })).toHaveLength(1);
    const second = await enqueueBaselineJobs(t.db, assignment.id, { ...opts, kinds: [...opts.kinds] });
    expect(second.map((j) => j.payload.kind)).toEqual(['ppo']);
    expect(await enqueueBaselineJobs(t.db, assignment.id, { ...opts, kinds: [...opts.kinds] })).toEqual([]);

    // Both jobs finish: the random one made its submission, the ppo one died.
    const claimed = await claimJobs(t.db, {
      queue: BASELINE_QUEUE,
      workerId: 'w',
      leaseMs: 10_000,
      limit: 5,
    });
    const mine = claimed.filter(
      (j) => (j.payload as { assignmentId: string }).assignmentId === assignment.id,
    );
    expect(mine).toHaveLength(2);
    for (const j of mine) {
      if ((j.payload as { kind: string }).kind === 'random') await completeJob(t.db, j);
      else await failJob(t.db, j, 'boom', { onDeadLetter: failSubmissionsOfDeadJobs, retryable: false });
    }
    await submitBaseline(t.db, assignment.id, instructor.id, 'random');
    const again = await enqueueBaselineJobs(t.db, assignment.id, { ...opts, kinds: [...opts.kinds] });
    expect(again.map((j) => j.payload.kind)).toEqual(['ppo']);
    expect(await liveJobs(assignment.id)).toEqual([
      { kind: 'random', status: 'done' },
      { kind: 'ppo', status: 'dead' },
      { kind: 'ppo', status: 'queued' },
    ]);
  });

  it('refuses a checks assignment, an empty kind list and a budget above the cap, naming the field', async () => {
    const { assignment, instructor } = await seedCourse(t.db, {
      teams: 0,
      assignment: {
        kind: 'checks',
        envId: undefined,
        checks: [{ name: 'discountedReturn', cases: 2, visibleCases: 1, points: 1 }],
      },
    });
    await expectDbError(
      enqueueBaselineJobs(t.db, assignment.id, { requestedBy: instructor.id }),
      'invalid',
      /checks assignment; expected agent/,
      'assignmentId',
    );
    await expectDbError(
      enqueueBaselineJobs(t.db, assignment.id, { requestedBy: instructor.id, kinds: [] }),
      'invalid',
      /kinds: at least one kind/,
      'kinds',
    );
    await expectDbError(
      enqueueBaselineJobs(t.db, assignment.id, { requestedBy: instructor.id, budgetSteps: 3_000_000 }),
      'invalid',
      /budgetSteps/,
      'budgetSteps',
    );
  });
});
