import {
  evaluationHistory,
  getSubmission,
  listEpisodes,
  rejudgeSubmission,
  submissionEvaluations,
} from '@critic/db';
import { envVersion, replayEpisode } from '@critic/envs';
import { describe, expect, it } from 'vitest';
import { gradeSubmission } from '../src/grading/grade-submission';
import { CONTROLLER, RANDOM_AGENT } from './support/agents';
import { seedAssignment, submit, submitAndGrade, useHarness } from './support/harness';
import { controllerLayer, onnxBytes, randomMlp, tfjsZip } from './support/mlp-policy';

const h = useHarness();

async function readJson(sha: string): Promise<{ env: string; seed: number; actions: number[] }> {
  const chunks: Buffer[] = [];
  for await (const c of await h.blobs.get(sha)) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

describe('gradeSubmission (real Postgres, filesystem blobs, sandboxed agents)', () => {
  it('the balancing controller as a js-agent scores 500 on every public and private episode', async () => {
    const seed = await seedAssignment(h.db);
    const { outcome, submission } = await submitAndGrade(h, seed, 'js-agent', CONTROLLER);
    expect(outcome).toMatchObject({
      status: 'succeeded',
      verdict: 'ok',
      scores: { public: 500, private: 500 },
    });
    const s = await getSubmission(h.db, submission.id);
    expect(s).toMatchObject({ status: 'succeeded', scoredAttempt: 1, progressDone: 16, progressTotal: 16 });
    expect(s.startedAt).not.toBeNull();
    expect(s.finishedAt!.getTime()).toBeGreaterThanOrEqual(s.startedAt!.getTime());
    const evals = await submissionEvaluations(h.db, submission.id);
    const rows = evals.map((e) => [e.split, e.n, e.mean, e.std, e.ciLow, e.ciHigh, e.iqm, e.min, e.max]);
    expect(rows.sort()).toEqual([
      ['private', 8, 500, 0, 500, 500, 500, 500, 500],
      ['public', 8, 500, 0, 500, 500, 500, 500, 500],
    ]);
    const episodes = await listEpisodes(h.db, evals.find((e) => e.split === 'private')!.id);
    expect(episodes).toHaveLength(8);
    // Private seeds differ from public ones, and every episode replays from its stored trajectory.
    const publicEpisodes = await listEpisodes(h.db, evals.find((e) => e.split === 'public')!.id);
    expect(new Set([...episodes, ...publicEpisodes].map((e) => e.seed)).size).toBe(16);
    const t = await readJson(episodes[0]!.trajectoryKey!);
    expect(t.seed).toBe(episodes[0]!.seed);
    expect(replayEpisode(t.env, t.seed, t.actions).return).toBe(500);
  });

  it('a random agent scores about 22; a rejudge is a new evaluation with bit-identical scores and keeps the old', async () => {
    const seed = await seedAssignment(h.db, { publicEpisodes: 10, privateEpisodes: 40 });
    const { submission, job } = await submit(h, seed, 'js-agent', RANDOM_AGENT);
    const first = await gradeSubmission(job.payload, { db: h.db, blobs: h.blobs });
    expect(first.status).toBe('succeeded');
    expect(first.scores!.private).toBeGreaterThan(15);
    expect(first.scores!.private).toBeLessThan(30);
    const again = await rejudgeSubmission(h.db, { submissionId: submission.id, actorId: seed.instructor.id });
    const second = await gradeSubmission(again.job.payload, { db: h.db, blobs: h.blobs });
    expect(second.scores).toEqual(first.scores);
    const history = await evaluationHistory(h.db, submission.id);
    expect(history.map((e) => [e.attempt, e.split])).toEqual([
      [2, 'public'],
      [2, 'private'],
      [1, 'public'],
      [1, 'private'],
    ]);
    // The env version is CartPole's dynamics version, not a package version.
    expect(new Set(history.map((e) => e.envVersion))).toEqual(new Set([envVersion('CartPole-v1')]));
    expect(history[0]!.envVersion).toMatch(/^CartPole-v1@dynamics-\d+$/);
    const stats = (e: (typeof history)[number]) => [
      e.n,
      e.mean,
      e.std,
      e.ciLow,
      e.ciHigh,
      e.iqm,
      e.min,
      e.max,
    ];
    expect(stats(history[0]!)).toEqual(stats(history[2]!));
    expect(stats(history[1]!)).toEqual(stats(history[3]!));
    expect((await getSubmission(h.db, submission.id)).scoredAttempt).toBe(2);
  });

  it('a retried job of a finished attempt writes nothing twice; a stale attempt is skipped', async () => {
    const seed = await seedAssignment(h.db, { publicEpisodes: 2, privateEpisodes: 2 });
    const { submission, job } = await submit(h, seed, 'js-agent', CONTROLLER);
    await gradeSubmission(job.payload, { db: h.db, blobs: h.blobs });
    const retry = await gradeSubmission(job.payload, { db: h.db, blobs: h.blobs });
    expect(retry).toMatchObject({ status: 'skipped', message: 'attempt 1 already succeeded' });
    expect(await evaluationHistory(h.db, submission.id)).toHaveLength(2);
    await rejudgeSubmission(h.db, { submissionId: submission.id, actorId: seed.instructor.id });
    const stale = await gradeSubmission(job.payload, { db: h.db, blobs: h.blobs });
    expect(stale).toMatchObject({ status: 'skipped', message: 'attempt 1 is stale (current 2)' });
  });

  it('ONNX and tfjs-layers give the same actions as each other, and the controller as an MLP scores 500', async () => {
    const seed = await seedAssignment(h.db, { publicEpisodes: 6, privateEpisodes: 6 });
    const mlp = randomMlp([4, 64, 64, 2], 11);
    const onnx = await submit(h, seed, 'onnx', onnxBytes(mlp));
    const tfjs = await submit(h, seed, 'tfjs-layers', await tfjsZip(mlp));
    const a = await gradeSubmission(onnx.job.payload, { db: h.db, blobs: h.blobs });
    const b = await gradeSubmission(tfjs.job.payload, { db: h.db, blobs: h.blobs });
    expect(a.status).toBe('succeeded');
    expect(b.scores).toEqual(a.scores);
    const keys = async (id: string) => {
      const evals = await submissionEvaluations(h.db, id);
      const eps = await Promise.all(evals.map((e) => listEpisodes(h.db, e.id)));
      return eps.flat().map((e) => e.trajectoryKey);
    };
    // Content-addressed trajectories: equal keys mean equal actions at every step of every episode.
    expect(await keys(tfjs.submission.id)).toEqual(await keys(onnx.submission.id));
    const controller = await submit(h, seed, 'onnx', onnxBytes(controllerLayer()));
    const c = await gradeSubmission(controller.job.payload, { db: h.db, blobs: h.blobs });
    expect(c.scores).toEqual({ public: 500, private: 500 });
  });

  it('hostile and broken agents get their verdict, and the grader goes on grading', async () => {
    const seed = await seedAssignment(h.db, {
      publicEpisodes: 2,
      privateEpisodes: 2,
      actTimeMs: 1000,
      memoryMb: 128,
    });
    const cases: [string, string, RegExp][] = [
      ['export function act() { for (;;) {} }', 'time_limit', /./],
      ['export function act() { return 7; }', 'invalid_action', /^episode 0 \(seed \d+\), step 0: .*7/],
      ['export function act() { throw new Error("boom in my agent"); }', 'runtime_error', /boom in my agent/],
      ['export function act() { return process.env.DATABASE_URL; }', 'runtime_error', /process/],
      ['export const nothing = 1;', 'invalid_artifact', /act/],
      [
        'const keep: number[][] = []; export function act() { for (;;) keep.push(new Array(1e5).fill(keep.length)); }',
        'memory_limit',
        /./,
      ],
      ['Object.prototype.toString = () => "x"; export function act() { throw 42; }', 'runtime_error', /42/],
    ];
    for (const [source, verdict, message] of cases) {
      const { submission, job } = await submit(h, seed, 'js-agent', source);
      const outcome = await gradeSubmission(job.payload, { db: h.db, blobs: h.blobs });
      expect(outcome.verdict, source).toBe(verdict);
      const s = await getSubmission(h.db, submission.id);
      expect(s.status).toBe('failed');
      expect(s.errorClass).toBe(verdict);
      expect(s.errorMessage).toMatch(message);
      expect(s.countsTowardLimit).toBe(true);
    }
    const ok = await submit(h, seed, 'js-agent', CONTROLLER);
    expect((await gradeSubmission(ok.job.payload, { db: h.db, blobs: h.blobs })).verdict).toBe('ok');
  });

  it('a platform failure (artifact missing from the blob store) is thrown for a retry, not blamed on the student', async () => {
    const seed = await seedAssignment(h.db, { publicEpisodes: 1, privateEpisodes: 1 });
    const { submission, job } = await submit(h, seed, 'js-agent', `${CONTROLLER}\n// unique ${Date.now()}`);
    await h.blobs.delete(submission.artifactSha256);
    await expect(gradeSubmission(job.payload, { db: h.db, blobs: h.blobs })).rejects.toThrow(/not.?found/i);
    const s = await getSubmission(h.db, submission.id);
    expect(s.status).toBe('running');
    expect(s.errorClass).toBeNull();
  });

  it('writes live progress while the episodes run', async () => {
    const seed = await seedAssignment(h.db, { publicEpisodes: 0, privateEpisodes: 20 });
    // Every progress write is recorded by a trigger as it commits: what a status page polling the row
    // could see, without the test racing the grader (no outcome here depends on the machine's speed).
    await h.sql.unsafe(`
      create table if not exists progress_seen (submission_id uuid, done int, status text);
      create or replace function note_progress() returns trigger language plpgsql as $$
        begin insert into progress_seen values (new.id, new.progress_done, new.status::text); return new; end $$;
      drop trigger if exists note_progress on submissions;
      create trigger note_progress after update of progress_done on submissions
        for each row when (new.progress_done is distinct from old.progress_done) execute function note_progress();`);
    // The random agent's episodes end one after another (about 22 steps each, all 20 stepping together).
    const { submission, job } = await submit(
      h,
      seed,
      'js-agent',
      `${RANDOM_AGENT}\n// progress ${Date.now()}`,
    );
    const outcome = await gradeSubmission(job.payload, { db: h.db, blobs: h.blobs, progressIntervalMs: 0 });
    expect(outcome.status).toBe('succeeded');
    const seen = await h.sql<{ done: number; status: string }[]>`
      select done, status from progress_seen where submission_id = ${submission.id}`;
    const live = seen.filter((r) => r.status === 'running' && r.done > 0 && r.done < 20);
    expect(live.length, JSON.stringify(seen)).toBeGreaterThan(0);
    // Written in order: never backwards.
    const dones = seen.map((r) => r.done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
  });

  it('refuses a malformed payload naming the field', async () => {
    await expect(
      gradeSubmission({ submissionId: 'nope', attempt: 1 }, { db: h.db, blobs: h.blobs }),
    ).rejects.toThrow(/field "submissionId"/);
  });
});
