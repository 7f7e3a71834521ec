import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ENSURE_PYTHON_SCRIPT,
  loadPythonRuntime,
  PYTHON_LOCK_FILE,
  PythonUnavailableError,
  pythonRuntimeVersions,
} from './python-runtime';

/** The requirements ensure-python installs for `variant` (it builds nothing with --print-lock). */
function printedLock(variant: string) {
  return spawnSync(process.execPath, [ENSURE_PYTHON_SCRIPT, '--print-lock'], {
    encoding: 'utf8',
    env: { ...process.env, CRITIC_PYTHON_VARIANT: variant },
  });
}

/** A runtime folder as ensure-python leaves it (hash + versions), for the variant check alone. */
function runtimeFolder(variant: string | undefined): string {
  const dir = mkdtempSync(join(tmpdir(), 'critic-runtime-'));
  writeFileSync(join(dir, 'critic-lock.sha256'), 'x\n');
  const versions = {
    ...(variant === undefined ? {} : { variant }),
    python: '3.11.2',
    basePrefix: '/usr',
    packages: { numpy: '2.4.6', torch: variant === 'cuda' ? '2.13.0' : '2.13.0+cpu' },
  };
  writeFileSync(join(dir, 'critic-versions.json'), JSON.stringify(versions));
  return dir;
}

describe("the runtime's builds: cpu (default) and cuda (the GPU workers' image)", () => {
  const saved = process.env.CRITIC_PYTHON_VARIANT;
  const folders: string[] = [];
  afterEach(() => {
    if (saved === undefined) delete process.env.CRITIC_PYTHON_VARIANT;
    else process.env.CRITIC_PYTHON_VARIANT = saved;
    for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
  });

  it('cpu installs the lock as is; cuda swaps only torch and onnxruntime, at the locked versions', () => {
    const lock = readFileSync(PYTHON_LOCK_FILE, 'utf8');
    expect(printedLock('cpu').stdout).toBe(lock);
    const cuda = printedLock('cuda');
    expect(cuda.status).toBe(0);
    const before = lock.split('\n');
    const after = cuda.stdout.split('\n');
    expect(after).toHaveLength(before.length);
    const changed = before.flatMap((line, i) => (line === after[i] ? [] : [[line, after[i]]]));
    const torch = /^torch==(\S+)\+cpu$/m.exec(lock)?.[1];
    const ort = /^onnxruntime==(\S+)$/m.exec(lock)?.[1];
    expect(changed).toEqual([
      [`onnxruntime==${ort}`, `onnxruntime-gpu==${ort}`],
      [`torch==${torch}+cpu`, `torch==${torch}`],
    ]);
  });

  it('an unknown build is refused by name', () => {
    const r = printedLock('rocm');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('CRITIC_PYTHON_VARIANT: expected one of cpu, cuda, found "rocm"');
  });

  it('a worker set for cuda refuses a cpu build (agents would run on the CPU unnoticed) and names the fix', () => {
    const cpu = runtimeFolder(undefined);
    const cuda = runtimeFolder('cuda');
    folders.push(cpu, cuda);
    process.env.CRITIC_PYTHON_VARIANT = 'cuda';
    expect(() => loadPythonRuntime(cpu)).toThrow(PythonUnavailableError);
    expect(() => loadPythonRuntime(cpu)).toThrow(
      /is the cpu build, but this worker is set for cuda.*CRITIC_PYTHON_VARIANT=cuda node/,
    );
    const rt = loadPythonRuntime(cuda);
    expect(rt.variant).toBe('cuda');
    expect(pythonRuntimeVersions(rt)).toBe('python 3.11.2 cuda (numpy 2.4.6, torch 2.13.0)');
    delete process.env.CRITIC_PYTHON_VARIANT;
    expect(loadPythonRuntime(cpu).variant).toBe('cpu');
    expect(pythonRuntimeVersions(loadPythonRuntime(cpu))).toBe(
      'python 3.11.2 (numpy 2.4.6, torch 2.13.0+cpu)',
    );
  });
});
