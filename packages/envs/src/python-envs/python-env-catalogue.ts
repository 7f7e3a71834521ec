import { EnvError } from '../errors';
import { type JsonBound, type JsonSpaceSpec, spaceFromSpec } from '../space-spec';
import type { Box, BoxDtype, Discrete } from '../spaces';
import catalogue from './catalogue.generated.json';

/**
 * A Gymnasium space as the Python runtime describes it (packages/runner/python/critic_sandbox/gym_envs.py):
 * a Box keeps its dtype and gives its bounds as one value when all are equal (Atari's 0…255 over
 * 100,800 pixels) or as a flat list; a Discrete keeps its `start`; a Tuple lists its spaces.
 */
export type PythonSpaceJson =
  | {
      type: 'Box';
      shape: number[];
      dtype: BoxDtype;
      low: JsonBound | JsonBound[];
      high: JsonBound | JsonBound[];
    }
  | { type: 'Discrete'; n: number; start: number }
  | { type: 'Tuple'; spaces: PythonSpaceJson[] };

/** A Python-backed env (real Gymnasium in the sandbox) as its runtime describes it. */
export interface PythonEnvDescription {
  /** Gymnasium's id, e.g. `HalfCheetah-v5`, `ALE/Pong-v5`. */
  id: string;
  family: 'mujoco' | 'atari';
  observationSpace: PythonSpaceJson;
  actionSpace: PythonSpaceJson;
  /** Gymnasium's TimeLimit (null: none; Atari ends at 108,000 frames). */
  maxEpisodeSteps: number | null;
  rewardThreshold: number | null;
  /** The package versions that produced the description (and produce the episodes). */
  versions: Record<string, string>;
}

/** A catalogue entry: the env with Gymnasium's defaults, and (Atari) with the usual preprocessing. */
export interface PythonEnvEntry extends PythonEnvDescription {
  /** `AtariPreprocessing` (84×84 grey, frame skip 4, 30 no-ops) + `FrameStackObservation(4)`, over frameskip 1. */
  preprocessed?: PythonEnvDescription;
}

/**
 * The registered Python-backed envs: data written by packages/runner/scripts/gen-python-env-catalogue.ts
 * from the pinned Python runtime (do not edit). JSON types its strings as `string`, so the entries are
 * asserted as PythonEnvEntry: the runner's catalogue test checks them against the runtime's descriptions.
 */
const PYTHON_ENV_CATALOGUE = catalogue as unknown as readonly PythonEnvEntry[];

/** Options of a Python-backed env an assignment may set. */
export interface PythonEnvOptions {
  /** Atari only: the usual preprocessing wrappers (see PythonEnvEntry.preprocessed). */
  atariPreprocessing?: boolean;
}

/** Every Python-backed registered env (static: generated from the runtime, checked against it by a test). */
export function listPythonEnvs(): readonly PythonEnvEntry[] {
  return PYTHON_ENV_CATALOGUE;
}

/** True when `id` names a Python-backed registered env. */
export function isPythonEnvId(id: string): boolean {
  return PYTHON_ENV_CATALOGUE.some((e) => e.id === id);
}

/** The description of a Python-backed env under `options`; EnvError(`unknown_env` | `invalid_argument`). */
export function pythonEnvDescription(id: string, options: PythonEnvOptions = {}): PythonEnvDescription {
  const entry = PYTHON_ENV_CATALOGUE.find((e) => e.id === id);
  if (!entry) {
    throw new EnvError(
      'unknown_env',
      `${id} is not a Python-backed env; known: ${PYTHON_ENV_CATALOGUE.map((e) => e.id).join(', ')}`,
    );
  }
  if (options.atariPreprocessing) {
    if (!entry.preprocessed)
      throw new EnvError('invalid_argument', `atariPreprocessing applies to Atari envs only, not ${id}`);
    return entry.preprocessed;
  }
  const { preprocessed: _, ...plain } = entry;
  return plain;
}

/** A Box or Discrete spec with every bound spelled out (what `spaceFromSpec` and the web's schema take). */
export function expandPythonSpace(space: PythonSpaceJson): JsonSpaceSpec {
  if (space.type === 'Discrete') return { ...space };
  if (space.type === 'Tuple') {
    throw new EnvError(
      'invalid_argument',
      `a Tuple space (${space.spaces.length} spaces) has no flat Box/Discrete form`,
    );
  }
  const size = space.shape.reduce((a, b) => a * b, 1);
  const spell = (b: JsonBound | JsonBound[]): JsonBound[] =>
    Array.isArray(b) ? [...b] : new Array<JsonBound>(size).fill(b);
  return {
    type: 'Box',
    shape: [...space.shape],
    dtype: space.dtype,
    low: spell(space.low),
    high: spell(space.high),
  };
}

/** The TS space of a Python space (Box or Discrete). */
export function pythonSpace(space: PythonSpaceJson): Box | Discrete {
  return spaceFromSpec(expandPythonSpace(space));
}
