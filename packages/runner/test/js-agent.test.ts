import { describe, expect, it } from 'vitest';
import { openPolicy, type Policy, type PolicySpec, RunnerError } from '../src/index';

const cartPole: PolicySpec = { envId: 'CartPole-v1', observationSize: 4, action: { type: 'discrete', n: 2 } };
const pendulum: PolicySpec = { observationSize: 3, action: { type: 'box', size: 1, low: [-2], high: [2] } };
const obs2 = new Float32Array([0, 0, 0.1, 0, 0, 0, -0.1, 0]);

async function withAgent<T>(
  source: string,
  run: (p: Policy) => Promise<T>,
  opts: { spec?: PolicySpec; batchSize?: number; limits?: object } = {},
) {
  const p = await openPolicy({ format: 'js-agent', source, filename: 'agent.ts' }, opts.spec ?? cartPole, {
    batchSize: opts.batchSize ?? 2,
    limits: { callTimeoutMs: 200, wallTimeMs: 20_000, ...opts.limits },
  });
  try {
    return await run(p);
  } finally {
    await p.close();
  }
}

async function verdictOf(promise: Promise<unknown>): Promise<RunnerError> {
  const e = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof RunnerError)) throw new Error(`expected a RunnerError, got ${String(e)}`);
  return e;
}

describe('js-agent: a well-behaved CartPole controller', () => {
  it('returns the balancing controller’s action for every row of the batch', async () => {
    const source = 'export function act(obs: number[]): number { return obs[2] + 0.5 * obs[3] > 0 ? 1 : 0; }';
    await withAgent(
      source,
      async (p) => {
        expect(p.obsSize).toBe(4);
        expect(p.actionSize).toBe(1);
        expect(p.output).toBe('action');
        const rows = [
          [0, 0, 0.1, 0],
          [0, 0, -0.1, 0],
          [0, 0, 0.05, -0.2],
          [0.3, -1, -0.01, 0.1],
        ];
        const out = await p.actBatch(new Float32Array(rows.flat()), 4);
        expect(Array.from(out)).toEqual(rows.map((o) => (o[2]! + 0.5 * o[3]! > 0 ? 1 : 0)));
      },
      { batchSize: 4 },
    );
  });

  it('gives each episode its own module instance, and reset() reaches the chosen rows', async () => {
    const source = `let steps = 0;
      export function act() { steps += 1; return steps % 2; }
      export function reset() { steps = 0; }`;
    await withAgent(source, async (p) => {
      expect(Array.from(await p.actBatch(obs2, 2))).toEqual([1, 1]);
      expect(Array.from(await p.actBatch(obs2.subarray(0, 4), 1))).toEqual([0]); // row 0 is at step 2 now, row 1 still at 1
      await p.reset([0]);
      expect(Array.from(await p.actBatch(obs2, 2))).toEqual([1, 0]);
    });
  });

  it('captures console output, bounded with a truncation marker', async () => {
    const source = `export function act(obs) { console.log('obs', obs); console.warn('x'.repeat(300)); return 0; }`;
    await withAgent(
      source,
      async (p) => {
        await p.actBatch(obs2, 2);
        expect(p.consoleOutput()).toContain('obs [0, 0, 0.10000000149011612, 0]');
        for (let i = 0; i < 5; i++) await p.actBatch(obs2, 2);
        const out = p.consoleOutput();
        expect(out).toContain('[console output truncated at 1024 bytes]');
        expect(out.length).toBeLessThan(1200);
      },
      { limits: { consoleBytes: 1024 } },
    );
  });
});

describe('js-agent: hostile submissions get a verdict and the host survives', () => {
  it('infinite loop in act → time_limit', async () => {
    const e = await verdictOf(withAgent('export function act() { for (;;) {} }', (p) => p.actBatch(obs2, 2)));
    expect(e.verdict).toBe('time_limit');
  });

  it('infinite loop at the top level → time_limit while loading', async () => {
    const e = await verdictOf(
      withAgent('while (true) {}\nexport function act() { return 0 }', async () => {}, {
        limits: { initTimeoutMs: 300 },
      }),
    );
    expect(e.verdict).toBe('time_limit');
    expect(e.message).toMatch(/top-level code/);
  });

  it('unbounded allocation → memory_limit', async () => {
    const source =
      'export function act() { const keep = []; for (;;) keep.push(new Array(10000).fill(Math.random())); }';
    const e = await verdictOf(
      withAgent(source, (p) => p.actBatch(obs2, 2), {
        limits: { isolateMemoryMb: 32, callTimeoutMs: 10_000 },
      }),
    );
    expect(e.verdict).toBe('memory_limit');
  });

  it('deep recursion → runtime_error with the student’s own stack, no grader frames or paths', async () => {
    const source =
      'function dive(n: number): number { return dive(n + 1) + 1; }\nexport function act() { return dive(0); }';
    const e = await verdictOf(withAgent(source, (p) => p.actBatch(obs2, 2)));
    expect(e.verdict).toBe('runtime_error');
    expect(e.message).toMatch(/Maximum call stack size exceeded/);
    expect(e.studentStack).toMatch(/at dive \(agent\.ts:1:\d+\)/);
    expect(e.studentStack).not.toMatch(/critic-sandbox|node_modules|\/work\/|packages\/runner/);
  });

  it('a thrown Error keeps the student’s stack; throw 42 and throw null are reported as values', async () => {
    const thrown = await verdictOf(
      withAgent(
        'function check(o) { if (o[2] > 0) throw new TypeError("pole too far"); return 0 }\nexport function act(o) { return check(o) }',
        (p) => p.actBatch(obs2, 2),
      ),
    );
    expect(thrown.verdict).toBe('runtime_error');
    expect(thrown.message).toBe('in act() (episode 0): TypeError: pole too far');
    // Positions point at the student's own source lines (mapped back through the transpiler's source map).
    expect(thrown.studentStack).toMatch(
      /TypeError: pole too far\n\s+at check \(agent\.ts:1:\d+\)\n\s+at Object\.act \(agent\.ts:2:\d+\)$/,
    );
    for (const [value, shown] of [
      ['42', '42'],
      ['null', 'null'],
      ['undefined', 'undefined'],
      ['"oops"', '"oops"'],
      ['{ get message() { throw new Error("gotcha") } }', 'an object'],
    ]) {
      const e = await verdictOf(
        withAgent(`export function act() { throw ${value}; }`, (p) => p.actBatch(obs2, 2)),
      );
      expect(e.verdict).toBe('runtime_error');
      expect(e.message).toBe(`in act() (episode 0): threw a non-Error value: ${shown}`);
    }
  });

  it('require / process / fetch / import() are not reachable', async () => {
    const refused = await verdictOf(
      withAgent('import fs from "node:fs";\nexport function act() { return 0 }', async () => {}),
    );
    expect(refused.verdict).toBe('invalid_artifact');
    expect(refused.message).toMatch(/import of "node:fs" is not allowed/);
    const req = await verdictOf(withAgent('export function act() { return require("fs") }', async () => {}));
    expect(req.verdict).toBe('invalid_artifact');
    expect(req.message).toMatch(/require\(\) of "fs" is not allowed/);
    const dyn = await verdictOf(
      withAgent('export async function act() { await import("fs"); return 0 }', async () => {}),
    );
    expect(dyn.message).toMatch(/import\(\) of "fs" is not allowed/);
    // Reached through computed names, everything is simply absent.
    const probe = `export function act() {
      const g = globalThis as any;
      const names = ['require', 'process', 'fetch', 'module', 'Buffer', 'setTimeout', 'XMLHttpRequest', 'WebAssembly', 'SharedArrayBuffer', 'Atomics'];
      const found = names.filter((n) => typeof g[n] !== 'undefined');
      let dynamicImport = 'blocked';
      try { (0, eval)('import("fs")').catch(() => {}); } catch (e) { dynamicImport = 'threw'; }
      const ctor = (function () {}).constructor;
      const viaFunction = ctor('return typeof process + typeof require')();
      if (found.length || viaFunction !== 'undefinedundefined') throw new Error('reachable: ' + found.join(',') + viaFunction);
      return 0;
    }`;
    await withAgent(probe, async (p) => {
      expect(Array.from(await p.actBatch(obs2, 2))).toEqual([0, 0]);
    });
  });

  it('no secret of the parent is reachable (DATABASE_URL set in the grader)', async () => {
    process.env.DATABASE_URL = 'postgres://grader:hunter2@db/critic';
    const source = `export function act() {
      const seen = JSON.stringify(Object.getOwnPropertyNames(globalThis)) + String((globalThis as any).process?.env?.DATABASE_URL);
      console.log(seen);
      return seen.includes('hunter2') ? 1 : 0;
    }`;
    await withAgent(source, async (p) => {
      expect(Array.from(await p.actBatch(obs2, 2))).toEqual([0, 0]);
      expect(p.consoleOutput()).not.toContain('hunter2');
    });
    delete process.env.DATABASE_URL;
  });

  it('tampering with globals and prototypes stays inside that evaluation', async () => {
    const tamper = `Array.prototype.push = () => { throw new Error('tampered'); };
      Object.prototype.polluted = 'yes';
      (globalThis as any).JSON = { stringify: () => 'x' };
      Math.random = () => 0.5;
      Object.defineProperty(Object.prototype, 'status', { get() { return 'invalid'; }, configurable: true });
      Object.defineProperty(Float64Array.prototype, 'length', { get() { return 0; } });
      globalThis.console = undefined as any;
      export function act() { return 1; }`;
    // One instance: the pollution above would also break esbuild's export helper in a second instance
    // of the same (shared-global) evaluation, which is the student's own doing.
    await withAgent(
      tamper,
      async (p) => {
        expect(Array.from(await p.actBatch(obs2.subarray(0, 4), 1))).toEqual([1]);
      },
      { batchSize: 1 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const check = `export function act() {
      const clean = typeof ({} as any).polluted === 'undefined' && JSON.stringify([1]) === '[1]' && [].push(1) === 1;
      return clean ? 1 : 0;
    }`;
    await withAgent(check, async (p) => {
      expect(Array.from(await p.actBatch(obs2, 2))).toEqual([1, 1]);
    });
  });

  it('NaN, wrong lengths, huge arrays and out-of-space actions → invalid_action', async () => {
    const cases: [string, RegExp][] = [
      ['return NaN', /action NaN is not in the action space Discrete\(2\)/],
      ['return 2', /action 2 is not in the action space Discrete\(2\)/],
      ['return 0.5', /action 0.5 is not/],
      ['return "1"', /act returned string, expected a number/],
      ['return [0, 1]', /array of length 2/],
      ['return new Array(5e7)', /array of length 50000000/],
      ['return { length: 1, 0: 1 }', /act returned object/],
    ];
    for (const [body, message] of cases) {
      const e = await verdictOf(withAgent(`export function act() { ${body}; }`, (p) => p.actBatch(obs2, 2)));
      expect(e.verdict, body).toBe('invalid_action');
      expect(e.message, body).toMatch(message);
    }
    const box = await verdictOf(
      withAgent('export function act() { return [3]; }', (p) => p.actBatch(new Float32Array(3), 1), {
        spec: pendulum,
        batchSize: 1,
      }),
    );
    expect(box.verdict).toBe('invalid_action');
    expect(box.message).toMatch(/action\[0\] = 3 is outside the action space \[-2, 2\]/);
    await withAgent(
      'export function act(o) { return [o[0] * 2]; }',
      async (p) => expect(Array.from(await p.actBatch(new Float32Array([0.25, 0, 0]), 1))).toEqual([0.5]),
      { spec: pendulum, batchSize: 1 },
    );
  });

  it('a microtask flood → time_limit or memory_limit; a Promise is not an action; a giant buffer is refused by the isolate', async () => {
    const flood = await verdictOf(
      withAgent(
        'export function act() { const f = (): Promise<void> => Promise.resolve().then(f); f(); return 0; }',
        (p) => p.actBatch(obs2, 2),
      ),
    );
    // Each `.then` allocates a promise, so the flood ends at the time limit or the isolate's heap limit,
    // whichever a machine reaches first; both are the right verdict, neither may hang or crash the host.
    expect(['time_limit', 'memory_limit']).toContain(flood.verdict);
    expect(flood.message).toMatch(/time|memory/i);
    const promise = await verdictOf(
      withAgent('export async function act() { return 1; }', (p) => p.actBatch(obs2, 2)),
    );
    expect(promise.verdict).toBe('invalid_action');
    expect(promise.message).toMatch(/act returned object, expected a number/);
    const giant = await verdictOf(
      withAgent('export function act() { return new Float64Array(1e9)[0]; }', (p) => p.actBatch(obs2, 2)),
    );
    expect(['memory_limit', 'runtime_error']).toContain(giant.verdict);
    expect(giant.message).toMatch(/memory|allocation failed/i);
  });

  it('a child that will not return is ended when it has used its CPU budget → time_limit', async () => {
    const e = await verdictOf(
      withAgent('export function act() { for (;;) {} }', (p) => p.actBatch(obs2, 2), {
        limits: { callTimeoutMs: 60_000, totalCpuMs: 800, wallTimeMs: 60_000 },
      }),
    );
    expect(e.verdict).toBe('time_limit');
    expect(e.message).toMatch(/total CPU budget of 800 ms/);
  });

  it('a total CPU budget across calls → time_limit', async () => {
    const source = 'export function act() { const t = Date.now(); while (Date.now() - t < 40) {} return 0; }';
    const e = await verdictOf(
      withAgent(
        source,
        async (p) => {
          // Each call spins up to 40 ms of wall time (less CPU on a busy machine): call until the budget is spent.
          for (let i = 0; i < 2_000; i++) await p.actBatch(obs2.subarray(0, 4), 1);
        },
        { limits: { totalCpuMs: 300 } },
      ),
    );
    expect(e.verdict).toBe('time_limit');
    expect(e.message).toMatch(/total CPU budget of 300 ms/);
  });
});
