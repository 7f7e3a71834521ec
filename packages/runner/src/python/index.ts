export type { FrameValue, NdArray, NdDtype } from './framing';
export { encodeFrame, FrameDecoder, FrameError, isNdArray, ndF32, ndF64 } from './framing';
export { GPU_ADDRESS_SPACE_MB, gpuDeviceArgs, nvidiaDevices, pythonGpuEnabled } from './gpu-devices';
export type {
  HomeworkArgKind,
  OpenPythonChecksOptions,
  PythonCheckCallResult,
  PythonChecksArtifact,
  PythonChecksModule,
  PythonHomeworkValue,
} from './open-python-checks';
export { openPythonChecks, PYTHON_CALL_FLOOR_MS } from './open-python-checks';
export type { OpenPythonPolicyOptions } from './open-python-policy';
export { openPythonPolicy } from './open-python-policy';
export type { PreparePythonChecksOptions } from './prepare-python-checks';
export { preparePythonChecks } from './prepare-python-checks';
export type { PreparedPythonAgent, PythonRunOptions } from './python-agent';
export { preparePythonAgent, pythonAgentFiles, validatePythonSubmission } from './python-agent';
export type { PythonLimits } from './python-limits';
export { DEFAULT_PYTHON_LIMITS } from './python-limits';
export { pythonLockSummary, pythonLockVersions } from './python-lock';
export type { PythonRuntime, PythonRuntimeVariant } from './python-runtime';
export {
  ENSURE_PYTHON_SCRIPT,
  loadPythonRuntime,
  PYTHON_CHILD_DIR,
  PYTHON_LOCK_FILE,
  PythonUnavailableError,
  pythonRuntimeDir,
  pythonRuntimeVersions,
  requireBwrap,
} from './python-runtime';
export type { PythonCallBudget, PythonReply, PythonSandboxOptions } from './python-sandbox';
export { PythonSandbox } from './python-sandbox';
export type { SubmissionDir } from './submission-dir';
export { writeSubmissionDir } from './submission-dir';
