// Test support (`@critic/runner/testing`): custom-env fixtures shared by the runner's, the grader's
// and the web app's tests, so that no test reaches into this package's files by relative path.
export { BROKEN_ENVS, LINE_WALK, LINE_WALK_TS } from './custom-env/fixtures/envs';
export {
  WALK_ENV_PY,
  walkEnvFiles,
  walkEnvPyStepping,
  walkEnvPyWith,
  walkEnvZip,
} from './python-env/fixtures/walk-env';
