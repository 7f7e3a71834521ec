import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openPolicy, type Policy, type PolicySpec, RunnerError } from '../src/index';

// The isolate's heap limit does not see memory outside the V8 heap (ICU objects behind Intl, for one),
// and one huge allocation aborts the whole child. The sandbox process as a whole is capped (RLIMIT_DATA
// through prlimit, plus a watchdog on its resident size), and hitting the cap is memory_limit.

const cartPole: PolicySpec = { envId: 'CartPole-v1', observationSize: 4, action: { type: 'discrete', n: 2 } };
const CAP_MB = 320;
const limits = {
  isolateMemoryMb: 32,
  childHeapMb: 128,
  processMemoryMb: CAP_MB,
  callTimeoutMs: 60_000,
  totalCpuMs: 120_000,
  wallTimeMs: 120_000,
};

async function endOf(source: string): Promise<{ error: unknown; policy: Policy; dataLimit: string }> {
  const policy = await openPolicy({ format: 'js-agent', source, filename: 'agent.js' }, cartPole, {
    batchSize: 1,
    limits,
  });
  const pid = policy.usage().pid!;
  const dataLimit = /^Max data size\s+(\S+)\s+(\S+)/m.exec(readFileSync(`/proc/${pid}/limits`, 'utf8'));
  const error = await policy.actBatch(new Float32Array(4), 1).then(
    () => undefined,
    (e: unknown) => e,
  );
  return { error, policy, dataLimit: dataLimit ? `${dataLimit[1]} ${dataLimit[2]}` : 'none' };
}

describe.runIf(process.platform === 'linux')('the whole sandbox process is memory-capped', () => {
  it('a loop creating Intl.Collator objects (memory outside the V8 heap) ends memory_limit within the cap', async () => {
    const { error, policy, dataLimit } = await endOf(
      `const keep = []; export function act() { for (;;) keep.push(new Intl.Collator('en', { sensitivity: 'base' })); }`,
    );
    try {
      // The kernel enforces the cap on the child itself (soft and hard).
      expect(dataLimit).toBe(`${CAP_MB * 1024 * 1024} ${CAP_MB * 1024 * 1024}`);
      expect(error).toBeInstanceOf(RunnerError);
      expect((error as RunnerError).verdict).toBe('memory_limit');
      expect((error as RunnerError).message).toMatch(/320 MiB/);
      const usage = policy.usage();
      expect(usage.kernelCapped).toBe(true);
      // It did grow well past the isolate's 32 MiB, and never past the process cap.
      expect(usage.peakRssMb).toBeGreaterThan(100);
      expect(usage.peakRssMb).toBeLessThanOrEqual(CAP_MB);
    } finally {
      await policy.close();
    }
  });

  it('one huge array (the child aborts with CALL_AND_RETRY_LAST) ends memory_limit, not "stopped unexpectedly"', async () => {
    const { error, policy } = await endOf(
      'export function act() { const a = new Array(2 ** 28).fill(1.5); return a.length > 0 ? 1 : 0; }',
    );
    try {
      expect(error).toBeInstanceOf(RunnerError);
      expect((error as RunnerError).verdict).toBe('memory_limit');
      expect((error as RunnerError).message).not.toMatch(/unexpectedly/);
      expect(policy.usage().peakRssMb).toBeLessThanOrEqual(CAP_MB);
    } finally {
      await policy.close();
    }
  });

  it('typed arrays beyond the cap end memory_limit; a model-sized agent well under it runs', async () => {
    const hog = await endOf(
      'const keep = []; export function act() { for (;;) keep.push(new Float64Array(1 << 20)); }',
    );
    try {
      expect((hog.error as RunnerError).verdict).toBe('memory_limit');
      expect(hog.policy.usage().peakRssMb).toBeLessThanOrEqual(CAP_MB);
    } finally {
      await hog.policy.close();
    }
    const fine = await endOf(
      'const table = new Float64Array(1 << 20).fill(1); export function act() { return table[7] > 0 ? 1 : 0; }',
    );
    try {
      expect(fine.error).toBeUndefined();
    } finally {
      await fine.policy.close();
    }
  });
});
