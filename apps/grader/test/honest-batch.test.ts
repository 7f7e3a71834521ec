import { getSubmission } from '@critic/db';
import { describe, expect, it } from 'vitest';
import { GraderMetrics } from '../src/metrics/grader-metrics';
import { runWorkLoop } from '../src/worker/work-loop';
import { CONTROLLER, RANDOM_AGENT } from './support/agents';
import { seedAssignment, submit, useHarness } from './support/harness';
import { gradeQueueDrained, testLoopOptions, until } from './support/work-loop';

const h = useHarness();

// An honest agent that does a fixed, small amount of work per call (a 4×16×2 MLP with fixed weights):
// well under the 50 ms act limit on any machine, however busy.
const MLP_AGENT = `
const W1 = Array.from({ length: 64 }, (_, i) => Math.sin(i + 1));
const W2 = Array.from({ length: 32 }, (_, i) => Math.cos(i + 1));
export function act(obs: number[]): number {
  const h: number[] = [];
  for (let j = 0; j < 16; j++) {
    let s = 0;
    for (let i = 0; i < 4; i++) s += obs[i]! * W1[i * 16 + j]!;
    h.push(Math.max(0, s));
  }
  let a = 0, b = 0;
  for (let j = 0; j < 16; j++) { a += h[j]! * W2[j]!; b += h[j]! * W2[16 + j]!; }
  // The balancing controller decides; the MLP is the honest per-call work.
  return obs[2]! + 0.5 * obs[3]! + 1e-9 * (a - b) > 0 ? 1 : 0;
}`;

// The loaded run (`npm run test:loaded` at the root: a CPU hog on every core) runs this too: time
// limits are CPU time, so a busy machine grades honest agents exactly as an idle one.
describe('an honest batch', () => {
  it('40 honest submissions under the default limits (50 ms per act): every one graded ok, 0 time_limit', async () => {
    const seed = await seedAssignment(h.db, { publicEpisodes: 2, privateEpisodes: 2 });
    expect(seed.assignment.actTimeMs).toBe(50);
    const agents = [CONTROLLER, RANDOM_AGENT, MLP_AGENT];
    const submissions = [];
    for (let i = 0; i < 40; i++) {
      const source = `${agents[i % agents.length]}\n// honest submission ${i}`;
      submissions.push((await submit(h, seed, 'js-agent', source)).submission);
    }
    const stop = new AbortController();
    const metrics = new GraderMetrics();
    const running = runWorkLoop(
      { db: h.db, blobs: h.blobs },
      testLoopOptions(stop.signal, { workerId: 'honest-batch', graceMs: 30_000, metrics }),
    );
    await until('the queue to drain', () => gradeQueueDrained(h.db), 600_000);
    stop.abort();
    expect(await running).toBe(40);
    expect(metrics.count('time_limit')).toBe(0);
    expect(metrics.count('ok')).toBe(40);
    for (const [i, s] of submissions.entries()) {
      const row = await getSubmission(h.db, s.id);
      expect(row.status, `submission ${i}: ${row.errorClass} ${row.errorMessage}`).toBe('succeeded');
      if (i % agents.length !== 1) expect(row.privateScore).toBe(500);
    }
  }, 600_000);
});
