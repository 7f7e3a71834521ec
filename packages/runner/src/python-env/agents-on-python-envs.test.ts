import { describe, expect, it } from 'vitest';
import { makeMlpFromLayers } from '../../test/fixtures/mlp';
import type { PolicyArtifact } from '../artifact/policy-artifact';
import { evaluateInPool } from './fixtures/evaluate-in-pool';

const enc = (s: string) => new TextEncoder().encode(s);
/** A linear controller that balances InvertedPendulum-v5: force = k · [x, θ, ẋ, θ̇], clipped to [−3, 3]. */
const K = [0.5, 6, 0.5, 1];

const scores = (envId: string, artifact: PolicyArtifact, seeds: number[]) =>
  evaluateInPool(envId, artifact, seeds, { processes: 2 });

describe('agents of every format graded on Python-backed envs', () => {
  const seeds = [1, 2, 3];
  it('InvertedPendulum-v5: the same linear controller as ONNX, tfjs, JS and Python balances 1000 steps', async () => {
    const mlp = await makeMlpFromLayers([
      {
        inSize: 4,
        outSize: 1,
        weight: Float32Array.from(K),
        bias: new Float32Array(1),
        activation: 'linear',
      },
    ]);
    const artifacts: [string, PolicyArtifact][] = [
      ['onnx', { format: 'onnx', model: mlp.onnx }],
      ['tfjs', { format: 'tfjs-layers', files: mlp.tfjsFiles }],
      [
        'js',
        {
          format: 'js-agent',
          filename: 'agent.js',
          source: `export function act(o) { const f = ${K[0]} * o[0] + ${K[1]} * o[1] + ${K[2]} * o[2] + ${K[3]} * o[3]; return [Math.max(-3, Math.min(3, f))]; }`,
        },
      ],
      [
        'python',
        {
          format: 'python-agent',
          files: {
            'agent.py': enc(
              `import numpy as np\nK = np.array(${JSON.stringify(K)})\ndef act(obs):\n    return np.clip(obs @ K, -3, 3).reshape(1)\ndef act_batch(obs):\n    return np.clip(obs @ K, -3, 3).reshape(-1, 1)\n`,
            ),
          },
        },
      ],
    ];
    for (const [name, artifact] of artifacts) {
      const r = await scores('InvertedPendulum-v5', artifact, seeds);
      expect({ name, returns: r.episodes.map((e) => e.return) }).toEqual({
        name,
        returns: [1000, 1000, 1000],
      });
      expect(r.episodes.every((e) => e.truncated && !e.terminated && e.length === 1000)).toBe(true);
    }
    // A controller pushing the wrong way drops the pole within a few steps.
    const wrong = await scores(
      'InvertedPendulum-v5',
      {
        format: 'js-agent',
        filename: 'agent.js',
        source: 'export function act(o) { return [o[1] > 0 ? -3 : 3]; }',
      },
      seeds,
    );
    expect(wrong.episodes.every((e) => e.terminated && e.length < 50)).toBe(true);
  }, 300_000);

  it('ALE/Pong-v5: a JS agent acts on 210×160×3 pixels; seeds give different, reproducible episodes', async () => {
    const agent: PolicyArtifact = {
      format: 'js-agent',
      filename: 'agent.js',
      // Up, down, stay in turns of 7 steps (sticky actions then make each seed's episode its own);
      // it throws unless it gets the whole frame.
      source:
        'let t = 0; export function reset() { t = 0; } export function act(o) { if (o.length !== 100800) throw new Error("frame of " + o.length); t++; return [2, 3, 0][Math.floor(t / 7) % 3]; }',
    };
    const a = await scores('ALE/Pong-v5', agent, [5, 6]);
    const b = await scores('ALE/Pong-v5', agent, [5]);
    expect(a.episodes[0]!.return).toBe(b.episodes[0]!.return);
    expect(a.episodes[0]!.actions).toEqual(b.episodes[0]!.actions);
    for (const e of a.episodes) {
      expect(e.terminated).toBe(true); // a game ends when one side reaches 21
      expect(e.return).toBeGreaterThanOrEqual(-21);
      expect(e.return).toBeLessThan(0);
    }
    // The same actions, different seeds: sticky actions (repeat_action_probability 0.25) differ.
    expect([a.episodes[0]!.length, a.episodes[0]!.return]).not.toEqual([
      a.episodes[1]!.length,
      a.episodes[1]!.return,
    ]);
  }, 600_000);
});
