export type { CriticManifest, PolicyHead } from './artifact/critic-manifest';
export { defaultManifest, parseCriticManifest } from './artifact/critic-manifest';
export type { ModuleRequirements, PreparedModule } from './artifact/js-module';
export { prepareModule } from './artifact/js-module';
export { validateOnnxPolicy } from './artifact/onnx-validate';
export type { PolicyArtifact, PreparedPolicy } from './artifact/policy-artifact';
export { preparePolicy } from './artifact/policy-artifact';
export { validateTfjsLayers } from './artifact/tfjs-validate';
export { unzipArtifact } from './artifact/zip';
export * from './custom-env/index';
export * from './evaluation/index';
export type { ChecksArtifact, ChecksModule, OpenChecksOptions } from './host/open-checks';
export { openChecks, prepareChecks } from './host/open-checks';
export type { OpenPolicyOptions, Policy } from './host/open-policy';
export { openPolicy } from './host/open-policy';
export type { SandboxUsage } from './host/sandbox-process';
export type { ArtifactLimits, SandboxLimits } from './limits';
export {
  artifactLimitsForSize,
  callWallBackstopMs,
  DEFAULT_ARTIFACT_LIMITS,
  DEFAULT_SANDBOX_LIMITS,
} from './limits';
export type { RunnerLogger } from './logger';
export { silentRunnerLogger } from './logger';
export type { OnnxDim, OnnxSignature, OnnxValueInfo } from './onnx/onnx-model';
export { readOnnxSignature } from './onnx/onnx-model';
export type { DenseLayer } from './onnx/onnx-writer';
export { encodeOnnxMlp } from './onnx/onnx-writer';
export type { CheckCall, CheckCallResult, TfjsModelParts } from './protocol';
export * from './python/index';
export * from './python-env/index';
export type { SandboxFaultReason } from './sandbox-fault';
export { isSandboxFault, SandboxFaultError } from './sandbox-fault';
export type { ActionSpaceLike, ActionSpec, ObservationSpaceLike, PolicySpec } from './spec';
export { policySpecFromSpaces } from './spec';
export type { ArtifactLocation, FailureReport, Verdict } from './verdict';
export { InvalidArtifactError, isRunnerError, RunnerError, VERDICTS } from './verdict';
