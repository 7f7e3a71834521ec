import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { DYNAMICS_VERSIONS, envVersion } from '../src/dynamics-version';
import { listEnvs, make } from '../src/registry';
import { Rng } from '../src/rng';

/**
 * The golden digests of a seeded trajectory per env, recorded with the dynamics version they belong
 * to. After an intended change to an env's dynamics: bump its entry in DYNAMICS_VERSIONS, then
 * re-record with `CRITIC_RECORD_DYNAMICS=1 npx vitest run test/dynamics-version.test.ts`.
 * Recording refuses a changed digest under an unchanged version.
 */
const GOLDEN_PATH = new URL('./dynamics-digests.json', import.meta.url);
type Golden = Record<string, { version: number; digest: string }>;

const STEPS = 600;

/** SHA-256 of reset({ seed: 1 }) and STEPS random steps (Rng(2) actions), resetting unseeded on done. */
function trajectoryDigest(id: string): string {
  const env = make(id);
  const rng = new Rng(2);
  const hash = createHash('sha256');
  const put = (x: unknown) =>
    hash.update(
      `${JSON.stringify(x, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float32Array) : v))}\n`,
    );
  put(env.reset({ seed: 1 }).obs);
  for (let t = 0; t < STEPS; t++) {
    const r = env.step(env.actionSpace.sample(rng) as never);
    put([r.obs, String(r.reward), r.terminated, r.truncated]);
    if (r.terminated || r.truncated) put(env.reset().obs);
  }
  env.close();
  return hash.digest('hex');
}

const ids = listEnvs().map((s) => s.id);

describe('env dynamics versions', () => {
  test('every registered env has a dynamics version, and it is what an evaluation records', () => {
    expect(Object.keys(DYNAMICS_VERSIONS).sort()).toEqual([...ids].sort());
    expect(envVersion('CartPole-v1')).toBe(`CartPole-v1@dynamics-${DYNAMICS_VERSIONS['CartPole-v1']}`);
    expect(() => envVersion('CartPole-v9')).toThrow(/Unknown env id/);
  });

  if (process.env.CRITIC_RECORD_DYNAMICS === '1') {
    test('records the golden digests', () => {
      let old: Golden = {};
      try {
        old = JSON.parse(readFileSync(GOLDEN_PATH, 'utf8')) as Golden;
      } catch {}
      const golden: Golden = {};
      for (const id of ids) {
        const digest = trajectoryDigest(id);
        const version = DYNAMICS_VERSIONS[id]!;
        const prev = old[id];
        if (prev && prev.digest !== digest && prev.version === version)
          throw new Error(`${id}: the dynamics changed; bump DYNAMICS_VERSIONS['${id}'] before re-recording`);
        golden[id] = { version, digest };
      }
      writeFileSync(GOLDEN_PATH, `${JSON.stringify(golden, null, 2)}\n`);
    });
    return;
  }

  const golden = JSON.parse(readFileSync(GOLDEN_PATH, 'utf8')) as Golden;
  test.each(ids)('%s plays the seeded trajectory its version was recorded with', (id) => {
    const recorded = golden[id];
    expect(recorded, `${id} has no golden digest: record it (see the top of this file)`).toBeDefined();
    expect(
      recorded!.version,
      `DYNAMICS_VERSIONS['${id}'] is ${DYNAMICS_VERSIONS[id]} but the digest was recorded at ${recorded!.version}: re-record`,
    ).toBe(DYNAMICS_VERSIONS[id]);
    expect(
      trajectoryDigest(id),
      `the dynamics of ${id} changed: bump DYNAMICS_VERSIONS['${id}'] (evaluations record it) and re-record the digest`,
    ).toBe(recorded!.digest);
  });
});
