import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, createApiHarness } from '../../../test/support/harness';

let h: ApiHarness;
beforeAll(async () => {
  h = await createApiHarness();
});
afterAll(async () => {
  await h.close();
});

describe('catalogue and API document', () => {
  it('lists registered envs with JSON-safe spaces', async () => {
    const envs = (await (await h.app.request('/api/envs')).json()) as Record<string, unknown>[];
    const cartpole = envs.find((e) => e.id === 'CartPole-v1');
    expect(cartpole).toMatchObject({
      maxEpisodeSteps: 500,
      rewardThreshold: 475,
      actionSpace: { type: 'Discrete', n: 2 },
    });
    const pendulum = envs.find((e) => e.id === 'Pendulum-v1') as {
      actionSpace: { type: string; low: unknown[] };
    };
    expect(pendulum.actionSpace.type).toBe('Box');
    // JSON has no Infinity: every bound is a number or "inf" / "-inf", never null
    for (const env of envs as { observationSpace: { type: string; low?: unknown[]; high?: unknown[] } }[]) {
      const space = env.observationSpace;
      if (space.type !== 'Box') continue;
      for (const b of [...space.low!, ...space.high!]) {
        expect(typeof b === 'number' || b === 'inf' || b === '-inf', JSON.stringify(b)).toBe(true);
      }
    }
  });

  it('lists the homework catalogue with its checks', async () => {
    const hws = (await (await h.app.request('/api/homeworks')).json()) as {
      id: string;
      checks: { id: string; functionName: string; points: number }[];
    }[];
    expect(hws.map((x) => x.id)).toEqual(['hw1-returns', 'hw2-policy-gradient', 'hw3-ppo']);
    expect(hws[0]!.checks[0]).toMatchObject({ id: 'discounted-return', functionName: expect.any(String) });
  });

  it("documents the accounts group's routes in the OpenAPI document", async () => {
    const doc = (await (await h.app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const expected: [string, string][] = [
      ['/api/auth/signup', 'post'],
      ['/api/auth/signin', 'post'],
      ['/api/auth/signout', 'post'],
      ['/api/me', 'get'],
      ['/api/tokens', 'post'],
      ['/api/tokens', 'get'],
      ['/api/tokens/{tokenId}', 'delete'],
      ['/api/courses', 'post'],
      ['/api/courses/{courseId}', 'get'],
      ['/api/courses/join', 'post'],
      ['/api/courses/{courseId}/roster', 'post'],
      ['/api/courses/{courseId}/members', 'get'],
      ['/api/courses/{courseId}/teams', 'post'],
      ['/api/courses/{courseId}/teams', 'get'],
      ['/api/courses/{courseId}/teams/join', 'post'],
      ['/api/courses/{courseId}/teams/leave', 'post'],
      ['/api/envs', 'get'],
      ['/api/homeworks', 'get'],
      ['/api/courses/{courseId}/assignments', 'post'],
      ['/api/courses/{courseId}/assignments', 'get'],
      ['/api/assignments/{assignmentId}', 'get'],
      ['/api/assignments/{assignmentId}', 'patch'],
      ['/api/courses/{courseId}/audit', 'get'],
    ];
    for (const [path, method] of expected)
      expect(doc.paths[path], `${method} ${path}`).toHaveProperty(method);
  });
});
