export type { CheckCustomEnvOptions } from './check-custom-env';
export { checkCustomEnv } from './check-custom-env';
export type { GradingEnv } from './env-vector';
export { customEnvPolicySpec, customEnvVector, envFault, openGradingEnv } from './env-vector';
export type { CustomEnvOptions, CustomEnvSource } from './open-custom-env';
export {
  CUSTOM_ENV_EXPORT,
  openCustomEnv,
  prepareCustomEnv,
  renderTrajectory,
  SandboxedEnv,
} from './open-custom-env';
export type { CustomEnvCheck, CustomEnvReport, CustomEnvSpaces, EnvStepBatch } from './protocol';
export type { SandboxedEnvSyncOptions } from './sandboxed-env-sync';
export { openSandboxedEnvSync } from './sandboxed-env-sync';
