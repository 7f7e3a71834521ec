import { recordEvaluation } from '@critic/db';
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeGif } from '~/lib/gif/decode';
import { authed, expectJson } from '../../../test/support/accounts';
import {
  type ErrorBody,
  fakeGrade,
  fakeStats,
  gradingWorldPerFile,
  storedSubmission,
} from '../../../test/support/grading';

const t = gradingWorldPerFile();

/** An evaluation of a Python-backed env with one public episode whose trajectory is `actions`. */
async function pythonEvaluation(envId: string, seed: number, actions: (number | number[])[]) {
  const a = await t.w.assignment({ envId, publicEpisodes: 1, privateEpisodes: 0 });
  const submissionId = await storedSubmission(t.h, a, t.w.teams[0]!.members[0]!.user.id);
  const key = (await t.h.deps.blobs.put(strToU8(JSON.stringify({ env: envId, seed, actions })))).sha256;
  const { evaluation } = await recordEvaluation(t.h.deps.db, {
    submissionId,
    attempt: 1,
    split: 'public',
    stats: fakeStats(1, 1),
    graderVersion: 'test',
    envVersion: 'gymnasium 1.3.0, numpy 2.4.6, mujoco 3.14.0',
    episodes: [
      {
        index: 0,
        seed,
        return: 1,
        length: actions.length,
        terminated: false,
        truncated: true,
        trajectoryKey: key,
      },
    ],
  });
  return evaluation.id;
}

describe('replays of Python-backed envs', () => {
  it('renders an InvertedPendulum-v5 episode with MuJoCo (OSMesa) in the sandbox as an animated GIF', async () => {
    const actions = Array.from({ length: 12 }, (_, i) => [i % 2 === 0 ? 0.3 : -0.3]);
    const evaluationId = await pythonEvaluation('InvertedPendulum-v5', 4, actions);
    const res = await authed(
      t.h,
      t.w.instructor.cookie,
      `/api/evaluations/${evaluationId}/episodes/0/replay.gif`,
    );
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/gif');
    const gif = decodeGif(new Uint8Array(await res.arrayBuffer()));
    // The reset frame and one per step (12 steps ≤ 200 frames), 240×240 as rendered.
    expect([gif.width, gif.height, gif.frames.length]).toEqual([240, 240, 13]);
    const last = gif.frames.at(-1)!.screen;
    expect(new Set(last).size).toBeGreaterThan(8); // a rendered scene, not a blank image
    // The pole moves: the first and last frames differ.
    expect(gif.frames[0]!.screen).not.toEqual(last);
  }, 120_000);

  it('renders Atari frames (ALE/Breakout-v5, 210×160) and refuses a TS env episode with 422', async () => {
    const evaluationId = await pythonEvaluation('ALE/Breakout-v5', 2, [1, 2, 2, 3, 0]);
    const res = await authed(
      t.h,
      t.w.instructor.cookie,
      `/api/evaluations/${evaluationId}/episodes/0/replay.gif`,
    );
    expect(res.status).toBe(200);
    const gif = decodeGif(new Uint8Array(await res.arrayBuffer()));
    expect([gif.width, gif.height, gif.frames.length]).toEqual([160, 210, 6]);

    const a = await t.w.assignment();
    const s = await storedSubmission(t.h, a, t.w.teams[0]!.members[0]!.user.id);
    await fakeGrade(t.h, s, { public: 10 });
    const [cartpole] = await expectJson<{ id: string }[]>(
      await authed(t.h, t.w.instructor.cookie, `/api/submissions/${s}/evaluations`),
      200,
    );
    const refused = await expectJson<ErrorBody>(
      await authed(t.h, t.w.instructor.cookie, `/api/evaluations/${cartpole!.id}/episodes/0/replay.gif`),
      422,
    );
    expect(refused.error.message).toMatch(/ran in CartPole-v1, drawn in the browser/);
  }, 120_000);

  it('another team cannot render a private-board team’s episode (same rule as the trajectory)', async () => {
    const evaluationId = await pythonEvaluation('InvertedPendulum-v5', 5, [[0]]);
    const other = t.w.outsider.cookie;
    const res = await authed(t.h, other, `/api/evaluations/${evaluationId}/episodes/0/replay.gif`);
    expect(res.status).toBe(404);
  });
});
