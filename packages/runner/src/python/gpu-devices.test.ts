import { afterEach, describe, expect, it } from 'vitest';
import { gpuDeviceArgs, nvidiaDevices, pythonGpuEnabled } from './gpu-devices';

describe('the GPU worker variant of the Python sandbox', () => {
  const saved = process.env.CRITIC_PYTHON_GPU;
  afterEach(() => {
    if (saved === undefined) delete process.env.CRITIC_PYTHON_GPU;
    else process.env.CRITIC_PYTHON_GPU = saved;
  });

  it('binds exactly the NVIDIA device nodes when the setting is on and a GPU is present, nothing otherwise', () => {
    delete process.env.CRITIC_PYTHON_GPU;
    expect(pythonGpuEnabled()).toBe(false);
    expect(gpuDeviceArgs()).toEqual([]);
    process.env.CRITIC_PYTHON_GPU = '1';
    const devices = nvidiaDevices();
    // This machine may or may not have a GPU: the arguments follow what /dev holds.
    expect(pythonGpuEnabled()).toBe(devices.length > 0);
    expect(gpuDeviceArgs()).toEqual(devices.flatMap((d) => ['--dev-bind', d, d]));
    for (const d of devices) expect(d).toMatch(/^\/dev\/nvidia/);
  });
});
