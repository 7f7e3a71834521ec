// Test support (`@critic/runner/testing`): fixtures (custom envs, a tfjs-layers model's files) shared by
// the runner's, the grader's and the web app's tests, so that no test reaches into this package's files
// by relative path.

export { tfjsLayersFiles } from './artifact/fixtures/tfjs-layers-files';
export { BROKEN_ENVS, LINE_WALK, LINE_WALK_TS } from './custom-env/fixtures/envs';
export {
  WALK_ENV_PY,
  walkEnvFiles,
  walkEnvPyStepping,
  walkEnvPyWith,
  walkEnvZip,
} from './python-env/fixtures/walk-env';
