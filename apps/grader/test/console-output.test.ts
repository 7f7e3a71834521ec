import { describe, expect, it } from 'vitest';
import { checksAssignment, seedAssignment, submitAndGrade, useHarness } from './support/harness';

const h = useHarness();

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
    const { outcome, submission } = await submitAndGrade(h, seed, 'js-agent', CHATTY);
    expect(outcome).toMatchObject({ status: 'succeeded', verdict: 'ok', scores: { public: 500 } });
    const out = submission.consoleOutput ?? '';
    expect(out).toMatch(/^episode starts\n/);
    expect(out).toContain(`step 0 ${'x'.repeat(1024)}\n`);
    expect(out).toMatch(/console output truncated/);
    expect(Buffer.byteLength(out, 'utf8')).toBeLessThanOrEqual(65_536);
    expect(Buffer.byteLength(out, 'utf8')).toBeGreaterThan(60_000);
  });

  it('is kept when the attempt fails too (a js-agent that logs, then throws)', async () => {
    const seed = await seedAssignment(h.db, { publicEpisodes: 1, privateEpisodes: 1 });
    const { outcome, submission: s } = await submitAndGrade(
      h,
      seed,
      'js-agent',
      'export function act(obs: number[]): number { console.log("obs", obs.length); throw new Error("broken"); }',
    );
    expect(outcome).toMatchObject({ status: 'failed', verdict: 'runtime_error' });
    expect(s.status).toBe('failed');
    expect(s.consoleOutput).toMatch(/obs 4/);
  });

  it('a homework module that logs has its output stored; a quiet one stores none', async () => {
    const seed = await seedAssignment(
      h.db,
      checksAssignment([{ name: 'discountedReturn', cases: 3, visibleCases: 1, points: 3 }]),
    );
    const body = `const out = new Array(r.length).fill(0); let g = 0;
  for (let t = r.length - 1; t >= 0; t--) { g = r[t] + gamma * g * (1 - d[t]); out[t] = g; }
  return out;`;
    const logs = await submitAndGrade(
      h,
      seed,
      'checks',
      `export function discountedReturn(r: number[], d: number[], gamma: number): number[] {
  console.log('len', r.length); ${body} }`,
    );
    expect(logs.outcome).toMatchObject({ verdict: 'ok' });
    expect((logs.submission.consoleOutput ?? '').match(/^len \d+$/gm)).toHaveLength(3);
    const quiet = await submitAndGrade(
      h,
      seed,
      'checks',
      `export function discountedReturn(r: number[], d: number[], gamma: number): number[] { ${body} }`,
    );
    expect(quiet.outcome).toMatchObject({ verdict: 'ok' });
    expect(quiet.submission.consoleOutput).toBeNull();
  });

  it('keeps what private episodes print apart from the public part (an agent that logs each first observation)', async () => {
    const seed = await seedAssignment(h.db, { publicEpisodes: 2, privateEpisodes: 3 });
    const { outcome, submission: s } = await submitAndGrade(h, seed, 'js-agent', FIRST_OBSERVATION);
    expect(outcome).toMatchObject({ status: 'succeeded', verdict: 'ok' });
    expect(s.consoleOutput?.match(/^first \[/gm)).toHaveLength(2);
    expect(s.privateConsoleOutput?.match(/^first \[/gm)).toHaveLength(3);
    expect(s.errorInPrivate).toBe(false);
    // The private episodes' starting states are only in the private part.
    const privateStarts = (s.privateConsoleOutput ?? '').split('\n').filter(Boolean);
    for (const line of privateStarts) expect(s.consoleOutput).not.toContain(line);
  });

  it('marks a failure during a private episode, and keeps its output private', async () => {
    const seed = await seedAssignment(h.db, { publicEpisodes: 1, privateEpisodes: 1 });
    const { outcome, submission: s } = await submitAndGrade(h, seed, 'js-agent', THROWS_IN_SECOND_EPISODE);
    expect(outcome).toMatchObject({ status: 'failed', verdict: 'runtime_error' });
    expect(s.errorInPrivate).toBe(true);
    expect(s.errorMessage).toMatch(/secret \[/);
    expect(s.consoleOutput).toMatch(/^first \[/);
    expect(s.consoleOutput).not.toMatch(/second/);
    expect(s.privateConsoleOutput).toMatch(/^second \[/);
  });

  it('a failure before any private episode is not marked private', async () => {
    const seed = await seedAssignment(h.db, { publicEpisodes: 1, privateEpisodes: 1 });
    const { outcome, submission: s } = await submitAndGrade(
      h,
      seed,
      'js-agent',
      'export function act(obs: number[]): number { throw new Error("at once"); }',
    );
    expect(outcome).toMatchObject({ status: 'failed' });
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
