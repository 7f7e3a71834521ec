import { readdirSync } from 'node:fs';

/**
 * The GPU worker variant (`CRITIC_PYTHON_GPU=1`, set by infra's GPU task definition): Python agents'
 * PyTorch and ONNX models may use CUDA. The sandbox then sees the NVIDIA device nodes (and the driver
 * libraries, which the NVIDIA container runtime puts under /usr, already bound read-only); without a
 * GPU (or the setting) nothing changes and the same code runs on the CPU.
 */
export function pythonGpuEnabled(): boolean {
  return process.env.CRITIC_PYTHON_GPU === '1' && nvidiaDevices().length > 0;
}

/** /dev/nvidia* device nodes present on this machine. */
export function nvidiaDevices(): string[] {
  try {
    return readdirSync('/dev')
      .filter((d) => d.startsWith('nvidia'))
      .map((d) => `/dev/${d}`);
  } catch {
    return [];
  }
}

/** bubblewrap arguments that expose the GPU to the sandbox (none unless pythonGpuEnabled()). */
export function gpuDeviceArgs(): string[] {
  if (!pythonGpuEnabled()) return [];
  return nvidiaDevices().flatMap((d) => ['--dev-bind', d, d]);
}

/**
 * CUDA reserves tens of GiB of virtual address space at initialization, so under RLIMIT_AS a CUDA
 * context cannot be created: with a GPU the address-space limit is raised to this (memory is then
 * bounded by the worker's container limit, one evaluation per GPU worker).
 */
export const GPU_ADDRESS_SPACE_MB = 256 * 1024;
