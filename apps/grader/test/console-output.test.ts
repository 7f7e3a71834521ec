import { getSubmission } from '@critic/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradeSubmission } from '../src/grading/grade-submission';
import { type Harness, openHarness, seedAssignment, submit } from './support/harness';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h?.close();
});

// The balancing controller, chatty: one line per episode start and a 1 KiB line per step.
const CHATTY = `
let step = 0;
export function reset() { console.log('episode starts'); }
export function act(obs: number[]): number {
  console.log('step ' + step++ + ' ' + 'x'.repeat(1024));
  return obs[2] + 0.5 * obs[3] > 0 ? 1 : 0;
}`;

describe("the student's console output is stored with the attempt", () => {
  it('a js-agent that logs a lot: graded as usual, its output kept and bounded to 64 KiB', async () => {
    const seed = await seedAssignment(h.db, { publicEpisodes: 1, privateEpisodes: 1 });
    const { submission, job } = await submit(h, seed, 'js-agent', CHATTY);
    const o = await gradeSubmission(job.payload, { db: h.db, blobs: h.blobs });
    expect(o).toMatchObject({ status: 'succeeded', verdict: 'ok', scores: { public: 500 } });
    const out = (await getSubmission(h.db, submission.id)).consoleOutput ?? '';
    expect(out).toMatch(/^episode starts\n/);
    expect(out).toContain(`step 0 ${'x'.repeat(1024)}\n`);
    expect(out).toMatch(/console output truncated/);
    expect(Buffer.byteLength(out, 'utf8')).toBeLessThanOrEqual(65_536);
    expect(Buffer.byteLength(out, 'utf8')).toBeGreaterThan(60_000);
  });

  it('is kept when the attempt fails too (a js-agent that logs, then throws)', async () => {
    const seed = await seedAssignment(h.db, { publicEpisodes: 1, privateEpisodes: 1 });
    const { submission, job } = await submit(
      h,
      seed,
      'js-agent',
      'export function act(obs: number[]): number { console.log("obs", obs.length); throw new Error("broken"); }',
    );
    const o = await gradeSubmission(job.payload, { db: h.db, blobs: h.blobs });
    expect(o).toMatchObject({ status: 'failed', verdict: 'runtime_error' });
    const s = await getSubmission(h.db, submission.id);
    expect(s.status).toBe('failed');
    expect(s.consoleOutput).toMatch(/obs 4/);
  });

  it('a homework module that logs has its output stored; a quiet one stores none', async () => {
    const checks = {
      kind: 'checks' as const,
      envId: undefined,
      publicEpisodes: 0,
      privateEpisodes: 0,
      checks: [{ name: 'discountedReturn', cases: 3, visibleCases: 1, points: 3 }],
    };
    const seed = await seedAssignment(h.db, checks);
    const body = `const out = new Array(r.length).fill(0); let g = 0;
  for (let t = r.length - 1; t >= 0; t--) { g = r[t] + gamma * g * (1 - d[t]); out[t] = g; }
  return out;`;
    const logs = await submit(
      h,
      seed,
      'checks',
      `export function discountedReturn(r: number[], d: number[], gamma: number): number[] {
  console.log('len', r.length); ${body} }`,
    );
    expect(await gradeSubmission(logs.job.payload, { db: h.db, blobs: h.blobs })).toMatchObject({
      verdict: 'ok',
    });
    const logged = (await getSubmission(h.db, logs.submission.id)).consoleOutput ?? '';
    expect(logged.match(/^len \d+$/gm)).toHaveLength(3);
    const quiet = await submit(
      h,
      seed,
      'checks',
      `export function discountedReturn(r: number[], d: number[], gamma: number): number[] { ${body} }`,
    );
    expect(await gradeSubmission(quiet.job.payload, { db: h.db, blobs: h.blobs })).toMatchObject({
      verdict: 'ok',
    });
    expect((await getSubmission(h.db, quiet.submission.id)).consoleOutput).toBeNull();
  });

  it('keeps what private episodes print apart from the public part (an agent that logs each first observation)', async () => {
    const seed = await seedAssignment(h.db, { publicEpisodes: 2, privateEpisodes: 3 });
    const { submission, job } = await submit(h, seed, 'js-agent', FIRST_OBSERVATION);
    const o = await gradeSubmission(job.payload, { db: h.db, blobs: h.blobs });
    expect(o).toMatchObject({ status: 'succeeded', verdict: 'ok' });
    const s = await getSubmission(h.db, submission.id);
    expect(s.consoleOutput?.match(/^first \[/gm)).toHaveLength(2);
    expect(s.privateConsoleOutput?.match(/^first \[/gm)).toHaveLength(3);
    expect(s.errorInPrivate).toBe(false);
    // The private episodes' starting states are only in the private part.
    const privateStarts = (s.privateConsoleOutput ?? '').split('\n').filter(Boolean);
    for (const line of privateStarts) expect(s.consoleOutput).not.toContain(line);
  });

  it('marks a failure during a private episode, and keeps its output private', async () => {
    const seed = await seedAssignment(h.db, { publicEpisodes: 1, privateEpisodes: 1 });
    const { submission, job } = await submit(h, seed, 'js-agent', THROWS_IN_SECOND_EPISODE);
    const o = await gradeSubmission(job.payload, { db: h.db, blobs: h.blobs });
    expect(o).toMatchObject({ status: 'failed', verdict: 'runtime_error' });
    const s = await getSubmission(h.db, submission.id);
    expect(s.errorInPrivate).toBe(true);
    expect(s.errorMessage).toMatch(/secret \[/);
    expect(s.consoleOutput).toMatch(/^first \[/);
    expect(s.consoleOutput).not.toMatch(/second/);
    expect(s.privateConsoleOutput).toMatch(/^second \[/);
  });

  it('a failure before any private episode is not marked private', async () => {
    const seed = await seedAssignment(h.db, { publicEpisodes: 1, privateEpisodes: 1 });
    const { submission, job } = await submit(
      h,
      seed,
      'js-agent',
      'export function act(obs: number[]): number { throw new Error("at once"); }',
    );
    expect(await gradeSubmission(job.payload, { db: h.db, blobs: h.blobs })).toMatchObject({
      status: 'failed',
    });
    const s = await getSubmission(h.db, submission.id);
    expect(s.errorInPrivate).toBe(false);
    expect(s.privateConsoleOutput).toBeNull();
  });
});

// Logs the first observation of every episode (its starting state), then balances.
const FIRST_OBSERVATION = `
let fresh = true;
export function reset() { fresh = true; }
export function act(obs: number[]): number {
  if (fresh) { console.log('first ' + JSON.stringify(Array.from(obs))); fresh = false; }
  return obs[2] + 0.5 * obs[3] > 0 ? 1 : 0;
}`;

// Plays one episode, then throws at the start of the next (with one public and one private episode
// and one instance, the second episode is the private one).
const THROWS_IN_SECOND_EPISODE = `
let fresh = true;
let episodes = 0;
export function reset() { fresh = true; }
export function act(obs: number[]): number {
  if (fresh) {
    fresh = false;
    episodes += 1;
    if (episodes >= 2) { console.log('second ' + JSON.stringify(Array.from(obs))); throw new Error('secret ' + JSON.stringify(Array.from(obs))); }
    console.log('first ' + JSON.stringify(Array.from(obs)));
  }
  return obs[2] + 0.5 * obs[3] > 0 ? 1 : 0;
}`;
