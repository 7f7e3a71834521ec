import { describe, expect, it } from 'vitest';
import type { PolicyArtifact } from '../artifact/policy-artifact';
import { RunnerError } from '../verdict';
import { checkPythonEnv } from './check-python-env';
import { evaluateInPool } from './fixtures/evaluate-in-pool';
import { walkEnvFiles, walkEnvPyStepping, walkEnvPyWith } from './fixtures/walk-env';

/** The walk fixture (env.py + goal.json) to the goal at 10, with `envPy` for its env.py when given. */
const files = (envPy?: string) => walkEnvFiles(10, envPy);

const right: PolicyArtifact = {
  format: 'js-agent',
  filename: 'agent.js',
  source: 'export function act() { return 1; }',
};

function grade(envPy: string | undefined, seeds: number[], agent = right) {
  return evaluateInPool('custom/walk', agent, seeds, {
    files: files(envPy),
    custom: { maxEpisodeSteps: 50 },
    limits: { stepCpuMs: 2_000, addressSpaceMb: 2048 },
  });
}

describe("a group's own Python env (env.py + assets)", () => {
  it('a check_env-clean env passes, reports its spaces, and agents are graded in it (reproducibly)', async () => {
    const report = await checkPythonEnv(files());
    expect(report).toMatchObject({
      passed: true,
      failures: [],
      observationSpace: { type: 'Box', shape: [1], dtype: 'float32', low: 0, high: 10 },
      actionSpace: { type: 'Discrete', n: 2, start: 0 },
    });
    const a = await grade(undefined, [1, 2, 3]);
    // Walking right from x0 takes 10 − x0 steps, −1 each but the last, which pays 10; starts differ by seed.
    for (const e of a.episodes) {
      expect(e.terminated).toBe(true);
      expect(e.return).toBe(11 - e.length);
    }
    expect(new Set(a.episodes.map((e) => e.length)).size).toBeGreaterThan(1);
    const b = await grade(undefined, [1, 2, 3]);
    expect(b.episodes.map((e) => e.return)).toEqual(a.episodes.map((e) => e.return));
    // Walking left never arrives: truncated at the registered 50 steps.
    const left = await grade(undefined, [4], {
      format: 'js-agent',
      filename: 'agent.js',
      source: 'export function act() { return 0; }',
    });
    expect(left.episodes[0]).toMatchObject({ truncated: true, terminated: false, length: 50, return: -50 });
  }, 300_000);

  it('broken envs are refused with check_env’s own message', async () => {
    const cases: [string, string, RegExp][] = [
      [
        'wrong dtype',
        walkEnvPyWith('np.array([self.x], dtype=np.float32), {}', 'np.array([self.x], dtype=np.float64), {}'),
        /not within the observation space/,
      ],
      [
        'wrong shape',
        walkEnvPyWith(
          'return np.array([self.x], dtype=np.float32), 10.0',
          'return np.zeros(3, dtype=np.float32), 10.0',
        ),
        /not within the observation space/,
      ],
      [
        'non-deterministic under a seed',
        // Each reset starts one cell further on, whatever the seed: state that ignores the seed.
        walkEnvPyWith(
          'self.x = int(self.np_random.integers(0, GOAL // 2))',
          'self.x = next(STARTS) % (GOAL // 2)',
        ).replace('class Walk', 'import itertools\nSTARTS = itertools.count()\n\nclass Walk'),
        /not equivalent for the same seed/,
      ],
      ['old 4-tuple step', walkEnvPyWith('done, False, {}', 'done, {}'), /old step API|expected 5/],
      [
        'no env class',
        'x = 1\n',
        /must define make_env\(\) or exactly one gymnasium.Env subclass; found none/,
      ],
    ];
    for (const [name, source, message] of cases) {
      const report = await checkPythonEnv(files(source));
      expect({ name, passed: report.passed }).toEqual({ name, passed: false });
      expect(report.failures.join('\n'), name).toMatch(message);
    }
  }, 300_000);

  it('a hostile env gets a verdict blamed on the env, and the next grading goes on', async () => {
    const infinite = walkEnvPyStepping('        while True:\n            pass');
    const report = await checkPythonEnv(files(infinite), { limits: { openCpuMs: 3_000 } });
    expect(report.passed).toBe(false);
    expect(report.failures[0]).toMatch(/^time_limit: /);
    let thrown: unknown;
    try {
      await grade(infinite, [1]);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(RunnerError);
    expect((thrown as RunnerError).message).toMatch(
      /the environment custom\/walk failed \(a fault of the environment, not of the agent\): .*env\.step\(\)/,
    );
    const bomb = walkEnvPyStepping('        hog = [bytearray(1 << 20) for _ in range(100_000)]');
    const bombed = await checkPythonEnv(files(bomb));
    expect(bombed.passed).toBe(false);
    expect(bombed.failures.join('\n')).toMatch(/MemoryError|memory_limit/);
    const network = walkEnvPyStepping(
      '        import socket\n        socket.create_connection(("127.0.0.1", 5432), timeout=1)',
    );
    const offline = await checkPythonEnv(files(network));
    expect(offline.passed).toBe(false);
    expect(offline.failures.join('\n')).toMatch(
      /Connection refused|Network is unreachable|OSError|ConnectionRefusedError/,
    );
    // The grader goes on: the clean env grades as before.
    const after = await grade(undefined, [1]);
    expect(after.episodes[0]!.terminated).toBe(true);
  }, 300_000);
});
