import { describe, expect, it } from 'vitest';
import { openPolicy, type Policy, type PolicySpec, RunnerError, SandboxFaultError } from '../src/index';

// Time limits are judged by the CPU time the student's code used, never by the wall clock: a machine
// that starves the sandbox (simulated here by stopping the child with SIGSTOP, as a busy scheduler
// would) must not turn honest code into time_limit, and a wall-clock backstop that fires before the
// code used its CPU time is the platform's fault (SandboxFaultError, retried by the grader).

const cartPole: PolicySpec = { envId: 'CartPole-v1', observationSize: 4, action: { type: 'discrete', n: 2 } };
const obs = (n: number) =>
  new Float32Array(Array.from({ length: n }, (_, i) => [0, 0, i % 2 ? 0.1 : -0.1, 0]).flat());

async function open(source: string, limits: object, batchSize = 2): Promise<Policy> {
  return openPolicy({ format: 'js-agent', source, filename: 'agent.js' }, cartPole, { batchSize, limits });
}

/** SIGSTOP/SIGCONT the process in a cycle (stopped most of the time) until `stop()` is called. */
function stutter(pid: number, stoppedMs: number, runningMs: number): { stop(): void; cycles(): number } {
  let running = true;
  let cycles = 0;
  let timer: NodeJS.Timeout | undefined;
  const pause = () => {
    if (!running) return;
    process.kill(pid, 'SIGSTOP');
    timer = setTimeout(resume, stoppedMs);
  };
  const resume = () => {
    process.kill(pid, 'SIGCONT');
    cycles++;
    if (running) timer = setTimeout(pause, runningMs);
  };
  pause();
  return {
    stop() {
      running = false;
      clearTimeout(timer);
      process.kill(pid, 'SIGCONT');
    },
    cycles: () => cycles,
  };
}

describe('time limits are CPU time', () => {
  it('an honest agent on a starved machine (its sandbox stopped 60 ms of every 65) is never time_limit', async () => {
    // A fixed amount of work per call (a few ms of CPU at most), far under the 50 ms limit.
    const source = `export function act(o) { let x = 0; for (let i = 0; i < 20000; i++) x += Math.sqrt(i); return x > 0 && o[2] > 0 ? 1 : 0; }`;
    const p = await open(source, { callTimeoutMs: 50, wallTimeMs: 120_000 }, 8);
    try {
      const pid = p.usage().pid;
      expect(pid).toBeGreaterThan(0);
      const s = stutter(pid!, 60, 5);
      let slowest = 0;
      try {
        for (let step = 0; step < 40; step++) {
          const t0 = performance.now();
          const out = await p.actBatch(obs(8), 8);
          slowest = Math.max(slowest, performance.now() - t0);
          expect(Array.from(out)).toEqual([0, 1, 0, 1, 0, 1, 0, 1]);
        }
      } finally {
        s.stop();
      }
      // The wall clock saw calls far slower than the limit; the CPU clock did not.
      expect(s.cycles()).toBeGreaterThan(5);
      expect(slowest).toBeGreaterThan(50);
    } finally {
      await p.close();
    }
  });

  it('a deliberately slow agent (a fixed, large amount of work per call) still gets time_limit, with its CPU time', async () => {
    const source = `export function act() { let x = 0; for (let i = 0; i < 1e9; i++) x += Math.sqrt(i); return x > 0 ? 1 : 0; }`;
    const p = await open(source, { callTimeoutMs: 50, wallTimeMs: 120_000 });
    try {
      const e = await p.actBatch(obs(2), 2).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(RunnerError);
      expect((e as RunnerError).verdict).toBe('time_limit');
      const m = /^act\(\) used (\d+) ms of CPU time for episode 0; the limit per call is 50 ms$/.exec(
        (e as RunnerError).message,
      );
      expect(m, (e as RunnerError).message).not.toBeNull();
      expect(Number(m![1])).toBeGreaterThanOrEqual(50);
    } finally {
      await p.close();
    }
  });

  it('the wall-clock backstop firing while the CPU time is under its budget is a platform fault, not a verdict', async () => {
    const source = 'export function act(o) { return o[2] > 0 ? 1 : 0; }';
    const p = await open(source, { wallTimeMs: 1_500, totalCpuMs: 60_000 });
    try {
      expect(Array.from(await p.actBatch(obs(2), 2))).toEqual([0, 1]);
      // The machine stops scheduling the sandbox: its wall-clock backstop fires with ~0 ms of CPU used.
      process.kill(p.usage().pid!, 'SIGSTOP');
      const e = await p.actBatch(obs(2), 2).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(SandboxFaultError);
      expect(e).not.toBeInstanceOf(RunnerError);
      expect((e as SandboxFaultError).reason).toBe('wall_backstop');
      expect((e as Error).message).toMatch(
        /wall-clock backstop of 1500 ms having used only \d+ ms of its 60000 ms CPU budget/,
      );
    } finally {
      await p.close();
    }
  });

  it('a sandbox child killed by a signal the runner did not send (SIGKILL, SIGTERM) is a platform fault', async () => {
    for (const signal of ['SIGKILL', 'SIGTERM'] as const) {
      const p = await open('export function act() { for (;;) {} }', { callTimeoutMs: 5_000 });
      try {
        const pending = p.actBatch(obs(2), 2).then(
          () => undefined,
          (err: unknown) => err,
        );
        await new Promise((r) => setTimeout(r, 200));
        process.kill(p.usage().pid!, signal);
        const e = await pending;
        expect(e, signal).toBeInstanceOf(SandboxFaultError);
        expect((e as SandboxFaultError).reason).toBe('killed');
        expect((e as Error).message).toContain(signal);
      } finally {
        await p.close();
      }
    }
  });
});
