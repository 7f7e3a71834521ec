import { make } from '../src/registry';
import type { VectorEnv } from '../src/vector/types';

/** One vector step as the tests compare it: observations per sub-env, rewards, ends, and finished episodes. */
export type Row = {
  obs: number[][];
  rewards: number[];
  term: boolean[];
  trunc: boolean[];
  episodes: string[];
};
/** A closed-loop policy: the action of sub-env i at step t given its last observation. */
export type Policy = (t: number, i: number, obs: number[]) => number;

/**
 * Runs N single envs from `make(id)` by hand with Gymnasium's next-step autoreset and the same
 * closed-loop policy as `runVector`, recording every output.
 */
export function runSingles(
  id: string,
  n: number,
  seed: number,
  steps: number,
  policy: Policy,
  continuous: boolean,
) {
  const envs = Array.from({ length: n }, () => make<Float32Array, number | Float32Array>(id));
  let last = envs.map((e, i) => Array.from(e.reset({ seed: seed + i }).obs));
  const initial = last;
  const done = new Array<boolean>(n).fill(false);
  const returns = new Array<number>(n).fill(0);
  const lengths = new Array<number>(n).fill(0);
  const rows: Row[] = [];
  for (let t = 0; t < steps; t++) {
    const row: Row = { obs: [], rewards: [], term: [], trunc: [], episodes: [] };
    envs.forEach((e, i) => {
      if (done[i]) {
        row.obs.push(Array.from(e.reset().obs));
        row.rewards.push(0);
        row.term.push(false);
        row.trunc.push(false);
        done[i] = false;
        returns[i] = 0;
        lengths[i] = 0;
        return;
      }
      const a = policy(t, i, last[i]!);
      const r = e.step(continuous ? Float32Array.of(a) : a);
      row.obs.push(Array.from(r.obs));
      row.rewards.push(r.reward);
      row.term.push(r.terminated);
      row.trunc.push(r.truncated);
      returns[i]! += r.reward;
      lengths[i]!++;
      done[i] = r.terminated || r.truncated;
      if (done[i]) row.episodes.push(`${i}:${returns[i]}:${lengths[i]}`);
    });
    last = row.obs;
    rows.push(row);
  }
  return { initial, rows };
}

/** The same run through a vector env. */
export function runVector(vec: VectorEnv, seed: number, steps: number, policy: Policy) {
  const n = vec.numEnvs;
  const k = vec.obsSize;
  const split = (buf: Float32Array) =>
    Array.from({ length: n }, (_, i) => Array.from(buf.subarray(i * k, i * k + k)));
  let last = split(vec.reset({ seed }).obs);
  const initial = last;
  const rows: Row[] = [];
  const actions = new Float64Array(n);
  const done = new Uint8Array(n);
  for (let t = 0; t < steps; t++) {
    // a sub-env that ended at the last step ignores its action (next-step autoreset): no policy draw
    for (let i = 0; i < n; i++) actions[i] = done[i] ? 0 : policy(t, i, last[i]!);
    const r = vec.step(actions);
    for (let i = 0; i < n; i++) done[i] = r.terminated[i]! | r.truncated[i]!;
    last = split(r.obs);
    rows.push({
      obs: last,
      rewards: Array.from(r.rewards),
      term: Array.from(r.terminated, Boolean),
      trunc: Array.from(r.truncated, Boolean),
      episodes: r.episodes.map((e) => `${e.env}:${e.return}:${e.length}`),
    });
  }
  return { initial, rows };
}

/** How many sub-env steps of `rows` terminated (`term`) or were truncated (`trunc`). */
export const count = (rows: Row[], key: 'term' | 'trunc') =>
  rows.reduce((s, r) => s + r[key].filter(Boolean).length, 0);
