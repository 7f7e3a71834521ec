import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  evaluateSplits,
  loadPythonRuntime,
  openPolicy,
  type PolicySpec,
  type PythonLimits,
  RunnerError,
  type SandboxLimits,
} from '../src/index';

// Hostile Python agents: each ends with a verdict, nothing leaves the sandbox, and this process lives on.
// Limits are CPU times (and an idle time for sleeping), so no outcome depends on this machine's speed.

const enc = (s: string) => new TextEncoder().encode(s);
const cartPole: PolicySpec = { envId: 'CartPole-v1', observationSize: 4, action: { type: 'discrete', n: 2 } };
const SECRET = `critic-test-secret-${process.pid}-${Date.now()}`;

interface Run {
  error: RunnerError | undefined;
  console: string;
  actions: number[];
}

/** Opens the agent and calls actBatch (2 rows) up to `steps` times or until it fails. */
async function run(
  source: string,
  opts: {
    files?: Record<string, Uint8Array>;
    steps?: number;
    limits?: Partial<SandboxLimits>;
    python?: Partial<PythonLimits>;
  } = {},
): Promise<Run> {
  let policy: Awaited<ReturnType<typeof openPolicy>> | undefined;
  let consoleText = '';
  const actions: number[] = [];
  try {
    policy = await openPolicy(
      { format: 'python-agent', files: { 'agent.py': enc(source), ...opts.files } },
      cartPole,
      {
        batchSize: 2,
        limits: { totalCpuMs: 20_000, ...opts.limits },
        python: { pythonLimits: { importCpuMs: 15_000, importIdleMs: 3_000, idleMs: 1_500, ...opts.python } },
      },
    );
    const obs = Float32Array.from([0, 0, 0.05, 0, 0, 0, -0.05, 0]);
    for (let i = 0; i < (opts.steps ?? 1); i++) actions.push(...(await policy.actBatch(obs, 2)));
    // The console is read after close, as the grader reads it: its pipe is then read to the end.
    const opened = policy;
    policy = undefined;
    await opened.close();
    return { error: undefined, console: opened.consoleOutput(), actions };
  } catch (e) {
    if (!(e instanceof RunnerError)) throw e;
    const opened = policy;
    policy = undefined;
    await opened?.close();
    consoleText = opened?.consoleOutput() ?? '';
    return { error: e, console: consoleText, actions };
  } finally {
    await policy?.close();
  }
}

function expectVerdict(r: Run, verdict: RunnerError['verdict'], message?: RegExp): void {
  expect(r.error, `expected ${verdict}; console: ${r.console.slice(0, 500)}`).toBeInstanceOf(RunnerError);
  expect(r.error!.verdict, r.error!.message).toBe(verdict);
  if (message) expect(r.error!.message).toMatch(message);
}

describe('hostile Python agents get a verdict and the grader survives', () => {
  it('infinite loops in act and at import: time_limit by CPU time', async () => {
    expectVerdict(
      await run('def act(obs):\n    while True:\n        pass\n'),
      'time_limit',
      /act\(\) used more than its CPU time limit of 200 ms/,
    );
    expectVerdict(
      await run('while True:\n    pass\ndef act(obs):\n    return 0\n', { python: { importCpuMs: 2_000 } }),
      'time_limit',
      /top-level code used more than its CPU time limit of 2000 ms/,
    );
  }, 120_000);

  it('a loop with every signal ignored or blocked is still stopped', async () => {
    const source = `
import signal
for s in (signal.SIGTERM, signal.SIGINT, signal.SIGXCPU, signal.SIGALRM, signal.SIGHUP, signal.SIGUSR1):
    signal.signal(s, signal.SIG_IGN)
signal.pthread_sigmask(signal.SIG_BLOCK, set(signal.Signals) - {signal.SIGKILL, signal.SIGSTOP})

def act(obs):
    while True:
        pass
`;
    expectVerdict(await run(source), 'time_limit', /CPU time limit/);
  }, 60_000);

  it('sleeping in act or at import: time_limit for waiting', async () => {
    expectVerdict(
      await run('import time\ndef act(obs):\n    time.sleep(3600)\n    return 0\n'),
      'time_limit',
      /act\(\) slept or waited for more than 1.5 s/,
    );
    expectVerdict(
      await run('import time\ntime.sleep(3600)\ndef act(obs):\n    return 0\n'),
      'time_limit',
      /top-level code slept or waited for more than 3 s/,
    );
  }, 120_000);

  it('memory bombs (a list, numpy, growing bytearrays): memory_limit', async () => {
    const bombs = [
      'def act(obs):\n    x = [0] * (10 ** 10)\n    return 0\n',
      'import numpy as np\ndef act(obs):\n    x = np.ones((100_000, 100_000))\n    return 0\n',
      'x = []\nwhile True:\n    x.append(bytearray(10 ** 7))\ndef act(obs):\n    return 0\n',
    ];
    for (const source of bombs) {
      expectVerdict(
        await run(source, { python: { addressSpaceMb: 1024 } }),
        'memory_limit',
        /ran out of memory \(the sandbox allows 1024 MiB/,
      );
    }
  }, 120_000);

  it('a fork bomb hits the process limit', async () => {
    const r = await run('import os\ndef act(obs):\n    while True:\n        os.fork()\n');
    expectVerdict(r, 'runtime_error', /BlockingIOError|Resource temporarily unavailable/);
  }, 60_000);

  it('subprocess and os.system find no program to run', async () => {
    const source = `
import os, subprocess
def act(obs):
    rc = os.system("echo pwned-by-system")
    print("system returned", rc)
    subprocess.run(["sh", "-c", "echo pwned-by-subprocess"])
    return 0
`;
    const r = await run(source);
    expectVerdict(r, 'runtime_error', /FileNotFoundError/);
    expect(r.error!.studentStack).toMatch(/File "agent\.py", line 6, in act/);
    expect(r.console).toMatch(/system returned [1-9]/);
    expect(r.console).not.toMatch(/pwned/);
  }, 60_000);

  describe('network', () => {
    let server: Server;
    let port = 0;
    let connections = 0;
    beforeAll(async () => {
      server = createServer((s) => {
        connections++;
        s.end('hello');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as { port: number }).port;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('sockets to the database and the web port are refused (own empty network namespace)', async () => {
      const source = `
import socket
def act(obs):
    results = []
    for port in (5432, ${port}):
        s = socket.socket()
        try:
            s.connect(("127.0.0.1", port))
            results.append(f"{port}:connected")
        except OSError as e:
            results.append(f"{port}:{type(e).__name__}")
    try:
        socket.create_connection(("1.1.1.1", 80), timeout=2)
        results.append("internet:connected")
    except OSError as e:
        results.append(f"internet:{type(e).__name__}")
    print(results)
    return 0
`;
      const r = await run(source);
      expect(r.error).toBeUndefined();
      expect(r.console).toContain("'5432:ConnectionRefusedError'");
      expect(r.console).toContain(`'${port}:ConnectionRefusedError'`);
      expect(r.console).not.toMatch(/connected'/);
      expect(connections).toBe(0);
    }, 60_000);
  });

  it('sees no secret: not in os.environ, /proc/self/environ, /proc/1/environ; no /etc/passwd', async () => {
    process.env.CRITIC_TEST_SECRET = SECRET;
    try {
      const source = `
import os
def act(obs):
    print("ENV", dict(os.environ))
    for path in ("/proc/self/environ", "/proc/1/environ", "/proc/1/cmdline", "/etc/passwd", "/etc/shadow"):
        try:
            with open(path, "rb") as f:
                print(path, f.read())
        except OSError as e:
            print(path, type(e).__name__)
    print("uid", os.getuid())
    return 0
`;
      const r = await run(source);
      expect(r.error).toBeUndefined();
      expect(r.console).toMatch(/^ENV \{/m);
      expect(r.console).not.toContain(SECRET);
      expect(r.console).not.toMatch(/DATABASE_URL|postgres:\/\//);
      expect(r.console).toMatch(/\/etc\/passwd FileNotFoundError/);
      expect(r.console).not.toMatch(/root:x:0:0/);
    } finally {
      delete process.env.CRITIC_TEST_SECRET;
    }
  }, 60_000);

  it('writes land only in its private tmpfs: the submission, the runtime and the host are read-only or absent', async () => {
    const hostMarker = join(tmpdir(), `critic-escape-${process.pid}-${Date.now()}`);
    const source = `
def act(obs):
    for path in ("/submission/agent.py", "agent.py", "/critic/python/pwned", "/critic/runtime/child.py",
                 "/usr/lib/pwned", ${JSON.stringify(hostMarker)}, "/sandbox/notes.txt", "notes2.txt"):
        try:
            with open(path, "w") as f:
                f.write("pwned")
            print("WROTE", path)
        except OSError as e:
            print("REFUSED", path, type(e).__name__)
    return 0
`;
    const r = await run(source);
    expect(r.error).toBeUndefined();
    for (const p of [
      '/submission/agent.py',
      'agent.py',
      '/critic/python/pwned',
      '/critic/runtime/child.py',
      '/usr/lib/pwned',
    ]) {
      expect(r.console).toContain(`REFUSED ${p}`);
    }
    expect(r.console).toContain('WROTE /sandbox/notes.txt');
    expect(r.console).toContain('WROTE notes2.txt');
    // The host's /tmp is not the sandbox's: the marker never appears on the host.
    expect(existsSync(hostMarker)).toBe(false);
    const childPy = readFileSync(
      join(loadPythonRuntime().dir, '..', '..', 'packages', 'runner', 'python', 'child.py'),
      'utf8',
    );
    expect(childPy).not.toContain('pwned');
  }, 60_000);

  it('crashes and exits: ctypes segfault, os._exit, sys.exit, SystemExit at import', async () => {
    expectVerdict(
      await run('import ctypes\ndef act(obs):\n    ctypes.string_at(0)\n    return 0\n'),
      'runtime_error',
      /crashed \(SIGSEGV\)/,
    );
    expectVerdict(
      await run('import os\ndef act(obs):\n    os._exit(3)\n'),
      'runtime_error',
      /ended the Python process \(exit code 3\)/,
    );
    expectVerdict(
      await run('import sys\ndef act(obs):\n    sys.exit(1)\n'),
      'runtime_error',
      /act\(\) called sys\.exit\(1\)/,
    );
    expectVerdict(
      await run('raise SystemExit\ndef act(obs):\n    return 0\n'),
      'runtime_error',
      /top-level code\) called sys\.exit\(None\)|called sys\.exit\(None\)/,
    );
  }, 120_000);

  it('a thread that outlives act and spins is charged to the submission', async () => {
    const source = `
import threading
def spin():
    while True:
        pass
started = False
def act(obs):
    global started
    if not started:
        threading.Thread(target=spin, daemon=True).start()
        started = True
    return 0
`;
    const r = await run(source, {
      steps: 100_000,
      limits: { totalCpuMs: 2_000 },
      python: { importCpuMs: 3_000 },
    });
    expectVerdict(r, 'time_limit', /CPU/);
  }, 120_000);

  it('an output flood is cut at the console limit and ends by CPU time', async () => {
    const r = await run('def act(obs):\n    while True:\n        print("x" * 10000)\n', {
      limits: { consoleBytes: 20_000 },
    });
    expectVerdict(r, 'time_limit', /CPU time limit/);
    expect(r.console.length).toBeLessThan(20_200);
    expect(r.console).toMatch(/console output truncated at 20000 bytes/);
  }, 60_000);

  it('wrong return types and shapes: invalid_action naming what was expected', async () => {
    const cases: [string, RegExp][] = [
      [
        'def act(obs):\n    return "left"\n',
        /act\(obs\) returned a str; expected an int for the action space Discrete\(2\)/,
      ],
      ['def act(obs):\n    return None\n', /returned a NoneType/],
      [
        'def act(obs):\n    return [0, 1]\n',
        /episode 0: act\(obs\) returned shape \(2,\); expected one number/,
      ],
      ['def act(obs):\n    return 5\n', /action 5 is not in the action space Discrete\(2\)/],
      ['def act(obs):\n    return 0.5\n', /action 0.5 is not in the action space/],
      [
        'import numpy as np\ndef act(obs):\n    return 0\ndef act_batch(b):\n    return np.zeros((3, 2))\n',
        /act_batch\(obs\) returned shape \(3, 2\) for 2 observations; expected \(2,\)/,
      ],
      [
        'import torch\ndef act(obs):\n    return torch.tensor([float("nan")])\n',
        /action NaN is not in the action space/,
      ],
    ];
    for (const [source, message] of cases) expectVerdict(await run(source), 'invalid_action', message);
  }, 120_000);

  describe('a malicious pickle in weights.pt', () => {
    let evil: Uint8Array;
    beforeAll(() => {
      const dir = mkdtempSync(join(tmpdir(), 'critic-pickle-'));
      const gen = `
import os, sys, torch
class Evil:
    def __reduce__(self):
        return (os.system, ("echo pwned-by-pickle",))
torch.save({"w": torch.zeros(2), "evil": Evil()}, sys.argv[1])
`;
      writeFileSync(join(dir, 'gen.py'), gen);
      execFileSync(loadPythonRuntime().python, ['-I', join(dir, 'gen.py'), join(dir, 'weights.pt')], {
        env: {},
      });
      evil = new Uint8Array(readFileSync(join(dir, 'weights.pt')));
      rmSync(dir, { recursive: true, force: true });
    }, 60_000);

    it('torch.load(..., weights_only=True) refuses it: runtime_error at import, nothing executed', async () => {
      const source =
        'import torch\nstate = torch.load("weights.pt", weights_only=True)\ndef act(obs):\n    return 0\n';
      const r = await run(source, { files: { 'weights.pt': evil } });
      expectVerdict(r, 'runtime_error', /UnpicklingError|weights_only/);
      expect(r.error!.studentStack).toMatch(/File "agent\.py", line 2, in <module>/);
      expect(r.error!.studentStack).not.toMatch(/site-packages|critic_sandbox|child\.py/);
      expect(r.console).not.toContain('pwned-by-pickle');
    }, 60_000);
  });

  it('stack inspection finds no seed: only observations reach the child', async () => {
    const source = `
import gc, sys
calls = 0
def act(obs):
    global calls
    calls += 1
    if calls == 1:
        seen = []
        f = sys._getframe()
        while f is not None:
            seen.append(repr(f.f_code.co_filename) + repr(f.f_locals) + repr(f.f_globals))
            f = f.f_back
        for o in gc.get_objects():
            try:
                seen.append(repr(o)[:300])
            except Exception:
                pass
        text = "\\n".join(seen)
        # The seeds' digits are computed only now, so the search itself leaves no trace to find.
        found = [s for s in (str(int("987654320") + 1), str(int("123456788") + 1)) if s in text]
        print("FOUND-SEED" if found else "NO-SEED", len(seen))
    return 1 if obs[2] + 0.5 * obs[3] > 0 else 0
`;
    const policy = await openPolicy(
      { format: 'python-agent', files: { 'agent.py': enc(source) } },
      cartPole,
      {
        batchSize: 2,
        limits: { callTimeoutMs: 10_000 },
      },
    );
    try {
      const [split] = await evaluateSplits(policy, {
        envId: 'CartPole-v1',
        splits: [{ split: 'private', seeds: [987654321, 123456789] }],
      });
      expect(split!.episodes.map((e) => e.return)).toEqual([500, 500]);
      expect(policy.consoleOutput()).toMatch(/^NO-SEED \d+/m);
    } finally {
      await policy.close();
    }
  }, 120_000);
});
