import { describe, expect, it } from 'vitest';
import { RunnerError } from '../verdict';
import { evaluateArtifact } from './evaluate-artifact';
import { publicSeeds } from './public-seeds';

const controller = 'export function act(obs: number[]): number { return obs[2] + 0.5 * obs[3] > 0 ? 1 : 0; }';

describe('evaluateArtifact (what the grader and `critic eval` share)', () => {
  it('opens the artifact for the env, runs the splits and reports progress over all of them', async () => {
    const done: number[] = [];
    const [pub, priv] = await evaluateArtifact(
      { format: 'js-agent', source: controller, filename: 'agent.ts' },
      {
        envId: 'CartPole-v1',
        splits: [
          { split: 'public', seeds: publicSeeds('CartPole-v1', 3) },
          { split: 'private', seeds: [1, 2] },
        ],
        onProgress: (p) => done.push(p.done),
      },
    );
    expect(pub!.stats).toMatchObject({ n: 3, mean: 500, min: 500 });
    expect(priv!.episodes.map((e) => e.seed)).toEqual([1, 2]);
    expect(done.at(-1)).toBe(5);
  });

  it('refuses an agent without act as invalid_artifact before running anything', async () => {
    const e = await evaluateArtifact(
      { format: 'js-agent', source: 'export const x = 1;' },
      { envId: 'CartPole-v1', splits: [{ split: 'public', seeds: [0] }] },
    ).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RunnerError);
    expect((e as RunnerError).verdict).toBe('invalid_artifact');
  });
});
