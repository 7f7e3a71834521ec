import type { SQL } from 'drizzle-orm';

/**
 * What a queue's user does to the thing a job was for when the job is dead-lettered, atomically with
 * it: a data-modifying statement over `dead`, the relation of the jobs just dead-lettered, with the
 * columns `id`, `submission_id`, `payload` (jsonb), `attempts`, `last_error` and `cause`
 * (`'lease_expired'`: its last lease ran out, in `claimJobs`'s statement; `'failed'`: `failJob` gave up,
 * in its transaction). The queue itself knows nothing of what its jobs are for: grading passes
 * `failSubmissionsOfDeadJobs` (packages/db/src/queries/submissions.ts).
 */
export type DeadLetterHook = (dead: SQL) => SQL;
