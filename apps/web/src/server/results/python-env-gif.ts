import type { PythonEnvOptions } from '@critic/envs';
import { CUSTOM_PYTHON_ENV_LIMITS, PythonEnvProcess, pythonEnvFiles } from '@critic/runner';
import { GifEncoder } from '~/lib/gif/encode';
import { gifDelayCs } from '~/lib/gif/frames-gif';

/** Most frames a replay GIF holds: longer episodes keep every k-th step (and the last). */
export const PYTHON_REPLAY_MAX_FRAMES = 200;

/** Frames per second of the replayed episode (MuJoCo's and ALE's envs render at ~15-60; a GIF needs one rate). */
const REPLAY_FPS = 30;

/** One recorded episode of a Python-backed env. */
export interface PythonEpisode {
  envId: string;
  options: PythonEnvOptions;
  seed: number;
  actions: readonly (number | readonly number[])[];
  /** A group's env.py (or zip with assets) instead of a registered env. */
  custom?: { bytes: Uint8Array; maxEpisodeSteps: number };
}

/**
 * Replays a Python-backed env's episode in the sandbox with `render_mode="rgb_array"` (MuJoCo through
 * OSMesa, ALE's own screen) and encodes the frames as an animated GIF: the reset frame, then every
 * k-th step's so that at most PYTHON_REPLAY_MAX_FRAMES are kept, each shown k steps long.
 */
export async function pythonEpisodeGif(e: PythonEpisode): Promise<Uint8Array> {
  const steps = e.actions.length;
  const width = steps === 0 ? 1 : typeof e.actions[0] === 'number' ? 1 : (e.actions[0] as number[]).length;
  const flat = new Float64Array(steps * width);
  e.actions.forEach((a, t) => {
    if (typeof a === 'number') flat[t] = a;
    else flat.set(a, t * width);
  });
  const every = Math.max(1, Math.ceil(steps / (PYTHON_REPLAY_MAX_FRAMES - 1)));
  const env = await PythonEnvProcess.open(e.envId, {
    numEnvs: 1,
    options: e.options,
    ...(e.custom
      ? {
          files: pythonEnvFiles(e.custom.bytes),
          custom: { maxEpisodeSteps: e.custom.maxEpisodeSteps },
          limits: CUSTOM_PYTHON_ENV_LIMITS,
        }
      : {}),
  });
  let frames: Awaited<ReturnType<PythonEnvProcess['frames']>>;
  try {
    frames = await env.frames(e.seed, flat, steps, every);
  } finally {
    await env.close();
  }
  const [count, height, w] = frames.shape as [number, number, number, number];
  const rgb = frames.data as Uint8Array;
  const encoder = new GifEncoder({ width: w, height, loop: 0 });
  const delayCs = gifDelayCs(REPLAY_FPS / every);
  const rgba = new Uint8Array(w * height * 4);
  for (let f = 0; f < count; f++) {
    const base = f * w * height * 3;
    for (let p = 0; p < w * height; p++) {
      rgba[p * 4] = rgb[base + p * 3]!;
      rgba[p * 4 + 1] = rgb[base + p * 3 + 1]!;
      rgba[p * 4 + 2] = rgb[base + p * 3 + 2]!;
      rgba[p * 4 + 3] = 255;
    }
    encoder.addFrame(rgba, delayCs);
  }
  return encoder.finish();
}
