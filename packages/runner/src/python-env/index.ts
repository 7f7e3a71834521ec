export type { PythonEnvCheckReport } from './check-python-env';
export { CUSTOM_PYTHON_ENV_LIMITS, checkPythonEnv } from './check-python-env';
export { pythonEnvCustomReport, pythonEnvFiles } from './python-env-files';
export type { PythonEnvPoolOptions, PythonEpisodeVectorEnv } from './python-env-pool';
export { openPythonEnvPool, PythonEnvPool } from './python-env-pool';
export type { PythonEnvBatch, PythonEnvLimits, PythonEnvProcessOptions } from './python-env-process';
export { DEFAULT_PYTHON_ENV_LIMITS, describePythonEnvs, PythonEnvProcess } from './python-env-process';
export type { PythonSyncVectorEnv, PythonVectorEnvSyncOptions } from './python-env-sync';
export { openPythonVectorEnvSync } from './python-env-sync';
