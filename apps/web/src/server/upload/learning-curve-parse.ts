import type { LearningCurvePoint } from '@critic/db';
import { records } from '../accounts/roster-csv';
import { ApiError } from '../api-error';

/** Most points kept; longer curves are averaged down to this many. */
export const CURVE_POINTS = 2000;

/** Column names of the step, most specific first (CleanRL/`critic train`, SB3, TensorBoard CSV…). */
const STEP_KEYS = [
  'step',
  'global_step',
  'timestep',
  'timesteps',
  'time/total_timesteps',
  'total_timesteps',
  'env_steps',
  'steps',
  'frames',
];
/** Column names of the return, most specific first. */
const RETURN_KEYS = [
  'charts/episodic_return',
  'episodic_return',
  'episode_return',
  'return',
  'returns',
  'ep_return',
  'rollout/ep_rew_mean',
  'ep_rew_mean',
  'mean_reward',
  'reward',
  'value',
  'r',
];

const norm = (k: string) => k.trim().toLowerCase();

function findKey(keys: string[], wanted: readonly string[]): string | undefined {
  const byNorm = new Map(keys.map((k) => [norm(k), k]));
  for (const w of wanted) {
    const k = byNorm.get(w);
    if (k !== undefined) return k;
  }
  return undefined;
}

function bad(message: string): ApiError {
  return new ApiError(400, 'invalid', `learning curve: ${message}`, { field: 'body' });
}

function toNumber(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
}

function fromJsonLines(lines: string[]): LearningCurvePoint[] {
  const points: LearningCurvePoint[] = [];
  lines.forEach((line, i) => {
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch (e) {
      throw bad(`line ${i + 1} is not JSON: ${(e as Error).message}`);
    }
    if (typeof row !== 'object' || row === null || Array.isArray(row))
      throw bad(`line ${i + 1} is not a JSON object`);
    const keys = Object.keys(row);
    const sk = findKey(keys, STEP_KEYS);
    const rk = findKey(keys, RETURN_KEYS);
    // Lines without a return (losses, learning rate…) are other metrics of the same log.
    if (sk === undefined || rk === undefined) return;
    const step = toNumber((row as Record<string, unknown>)[sk]);
    const ret = toNumber((row as Record<string, unknown>)[rk]);
    if (step !== undefined && ret !== undefined) points.push({ step, return: ret });
  });
  return points;
}

function fromCsv(text: string): LearningCurvePoint[] {
  const parsed = records(text);
  if (parsed.error !== undefined) throw bad(parsed.error);
  // Stable-Baselines3's monitor.csv starts with a `#{...}` comment line.
  const [head, ...rows] = parsed.records.filter((r) => !r.fields[0]?.startsWith('#'));
  const header = head?.fields ?? [];
  const rk = findKey(header, RETURN_KEYS);
  const sk = findKey(header, STEP_KEYS);
  // monitor.csv has per-episode `r` (return) and `l` (length): the step is the running sum of lengths.
  const lengthCol = sk === undefined ? header.findIndex((h) => norm(h) === 'l') : -1;
  if (rk === undefined || (sk === undefined && lengthCol < 0)) {
    throw bad(
      `the CSV header (${header.join(', ')}) needs a step column (${STEP_KEYS.slice(0, 4).join(', ')}…) and a return column (${RETURN_KEYS.slice(0, 4).join(', ')}…)`,
    );
  }
  const ri = header.indexOf(rk);
  const si = sk === undefined ? -1 : header.indexOf(sk);
  const points: LearningCurvePoint[] = [];
  let steps = 0;
  for (const { line, fields } of rows) {
    const ret = toNumber(fields[ri]);
    if (si < 0) steps += toNumber(fields[lengthCol]) ?? 0;
    const step = si >= 0 ? toNumber(fields[si]) : steps;
    if (ret === undefined || step === undefined) {
      throw bad(
        `CSV line ${line} has no number in its step or return column: ${fields.join(',').slice(0, 80)}`,
      );
    }
    points.push({ step, return: ret });
  }
  return points;
}

/**
 * Averages consecutive points into at most `max` buckets (bucket mean of step and return), which keeps
 * the curve's shape and smooths its noise, unlike keeping every k-th point.
 */
export function downsampleCurve(points: LearningCurvePoint[], max = CURVE_POINTS): LearningCurvePoint[] {
  if (points.length <= max) return points;
  const out: LearningCurvePoint[] = [];
  for (let b = 0; b < max; b++) {
    const from = Math.floor((b * points.length) / max);
    const to = Math.floor(((b + 1) * points.length) / max);
    let step = 0;
    let ret = 0;
    for (let i = from; i < to; i++) {
      step += points[i]!.step;
      ret += points[i]!.return;
    }
    out.push({ step: step / (to - from), return: ret / (to - from) });
  }
  return out;
}

/**
 * Parses a training log into a learning curve: JSON lines (`critic train`'s metrics.jsonl, one object per
 * line with `step` and `charts/episodic_return`) or CSV with a header (step/global_step/Step and
 * return/episode_return/Value…, or SB3's monitor.csv). Sorted by step, at most 2,000 points.
 */
export function parseLearningCurve(text: string): LearningCurvePoint[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  if (lines.length === 0)
    throw bad('the body is empty; send metrics.jsonl or a CSV with step and return columns');
  const points = lines[0]!.trim().startsWith('{') ? fromJsonLines(lines) : fromCsv(text);
  if (points.length === 0) {
    throw bad(
      `no line has both a step (${STEP_KEYS.slice(0, 3).join(', ')}…) and a return (${RETURN_KEYS.slice(0, 4).join(', ')}…)`,
    );
  }
  points.sort((a, b) => a.step - b.step);
  return downsampleCurve(points);
}
