import { ApiError } from '../api-error';
import { readMultipartForm } from '../upload/multipart';

/** An uploaded custom env module and its form fields. */
export interface EnvUpload {
  /** The module's file name (`.js`/`.ts`, or `env.py` / a `.zip` of env.py and its assets; no directories). */
  filename: string;
  /** The JS/TS module's source (empty for a Python env). */
  source: string;
  /** `js`: a createEnv module; `python`: a gymnasium.Env in env.py (the bytes are env.py or the zip). */
  language: 'js' | 'python';
  /** The uploaded file's bytes as stored. */
  bytes: Uint8Array;
  /** The env's name: `custom/<name>` (the prefix is added when missing). */
  envId: string;
  /** Episode step limit (DEFAULT_MAX_EPISODE_STEPS when the form leaves it out). */
  maxEpisodeSteps: number;
}

/** Step limit of a custom env uploaded without one: graded episodes always end. */
export const DEFAULT_MAX_EPISODE_STEPS = 1000;

/** Parses a size-checked multipart body: one `file` part, a `name` field and an optional `maxEpisodeSteps`. */
export async function parseEnvUpload(body: Uint8Array, contentType: string | undefined): Promise<EnvUpload> {
  const form = await readMultipartForm(
    body,
    contentType,
    'the env as multipart/form-data with a "file" part and a "name" field',
  );
  const files = form.getAll('file');
  const file = files[0];
  if (files.length !== 1 || file === undefined || typeof file === 'string') {
    throw new ApiError(
      400,
      'invalid',
      `file: expected exactly one "file" part (the env module), found ${files.length}`,
      {
        field: 'file',
      },
    );
  }
  const rawName = form.get('name');
  const name = typeof rawName === 'string' ? rawName.trim().replace(/^custom\//, '') : '';
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(name)) {
    throw new ApiError(
      400,
      'invalid',
      `name: expected 1-64 letters, digits, "_", "." or "-" (e.g. gridworld-v0), found ${JSON.stringify(rawName ?? null)}`,
      { field: 'name' },
    );
  }
  const rawSteps = form.get('maxEpisodeSteps');
  let maxEpisodeSteps = DEFAULT_MAX_EPISODE_STEPS;
  if (typeof rawSteps === 'string' && rawSteps.trim() !== '') {
    maxEpisodeSteps = Number(rawSteps);
    if (!Number.isInteger(maxEpisodeSteps) || maxEpisodeSteps < 1 || maxEpisodeSteps > 1_000_000) {
      throw new ApiError(
        400,
        'invalid',
        `maxEpisodeSteps: expected an integer in [1, 1000000], found ${rawSteps}`,
        {
          field: 'maxEpisodeSteps',
        },
      );
    }
  }
  const filename = (file.name || 'env.js').split(/[\\/]/).pop() ?? 'env.js';
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (/\.(py|zip)$/i.test(filename)) {
    if (/\.py$/i.test(filename) && filename !== 'env.py') {
      throw new ApiError(400, 'invalid', `file: a Python env must be named env.py, found "${filename}"`, {
        field: 'file',
      });
    }
    return { filename, source: '', language: 'python', bytes, envId: `custom/${name}`, maxEpisodeSteps };
  }
  if (!/\.(js|mjs|ts|mts)$/i.test(filename)) {
    throw new ApiError(
      415,
      'unsupported_media_type',
      `file: expected a .js or .ts module, env.py, or a .zip of env.py and its assets, found "${filename}"`,
      {
        field: 'file',
      },
    );
  }
  const source = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  return { filename, source, language: 'js', bytes, envId: `custom/${name}`, maxEpisodeSteps };
}
