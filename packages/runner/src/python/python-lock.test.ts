import { describe, expect, it } from 'vitest';
import { pythonLockSummary, pythonLockVersions } from './python-lock';
import { loadPythonRuntime, pythonRuntimeVersions } from './python-runtime';

describe('the pinned Python runtime', () => {
  it('locks the versions the course needs, exactly', () => {
    const v = pythonLockVersions();
    expect(v).toMatchObject({
      gymnasium: '1.3.0',
      mujoco: '3.14.0',
      'ale-py': '0.12.1',
      torch: '2.13.0+cpu',
      jax: '0.10.2',
      jaxlib: '0.10.2',
    });
    for (const name of ['numpy', 'onnx', 'onnxruntime', 'imageio', 'packaging'])
      expect(v[name]).toMatch(/^\d+\.\d+/);
    expect(pythonLockSummary()).toBe(
      `Python 3.11 · numpy ${v.numpy} · torch 2.13.0+cpu · jax 0.10.2 · gymnasium 1.3.0 · mujoco 3.14.0 · onnxruntime ${v.onnxruntime} · scipy ${v.scipy}`,
    );
  });

  it('is what the built runtime holds (ensure-python installs the lock as is)', () => {
    const rt = loadPythonRuntime();
    const locked = pythonLockVersions();
    for (const [name, version] of Object.entries(locked))
      expect(rt.packages[name.replace(/-/g, '_')] ?? rt.packages[name]).toBe(version);
    expect(rt.pythonVersion).toMatch(/^3\.11\./);
    expect(pythonRuntimeVersions(rt)).toMatch(
      /^python 3\.11\.\d+ \(numpy .*torch 2\.13\.0\+cpu.*gymnasium 1\.3\.0, mujoco 3\.14\.0/,
    );
  });
});
