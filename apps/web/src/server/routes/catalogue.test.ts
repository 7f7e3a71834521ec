import { describe, expect, it } from 'vitest';
import { apiHarnessPerFile } from '../../../test/support/harness';

const h = apiHarnessPerFile();

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

  it('lists the Python-backed envs (real Gymnasium) with their spaces, limits and versions, without starting Python', async () => {
    const envs = (await (await h.app.request('/api/envs')).json()) as Record<string, unknown>[];
    expect(envs.find((e) => e.id === 'CartPole-v1')).toMatchObject({ backend: 'typescript', versions: null });
    expect(envs.find((e) => e.id === 'HalfCheetah-v5')).toMatchObject({
      backend: 'python',
      maxEpisodeSteps: 1000,
      observationSpace: { type: 'Box', shape: [17], dtype: 'float64' },
      actionSpace: { type: 'Box', shape: [6], dtype: 'float32' },
      versions: { gymnasium: '1.3.0', mujoco: '3.14.0' },
    });
    expect(envs.find((e) => e.id === 'ALE/Pong-v5')).toMatchObject({
      backend: 'python',
      maxEpisodeSteps: null,
      observationSpace: { type: 'Box', shape: [210, 160, 3], dtype: 'uint8' },
      actionSpace: { type: 'Discrete', n: 6, start: 0 },
      versions: { gymnasium: '1.3.0', 'ale-py': '0.12.1' },
    });
    const ids = envs.map((e) => e.id);
    for (const id of [
      'InvertedPendulum-v5',
      'Reacher-v5',
      'Swimmer-v5',
      'Hopper-v5',
      'Walker2d-v5',
      'Ant-v5',
    ])
      expect(ids).toContain(id);
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

  it('describes every error answer of every route with the one Error schema and what its status means', async () => {
    type Answer = { description: string; content?: { 'application/json'?: { schema?: { $ref?: string } } } };
    const doc = (await (await h.app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, Answer> }>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    expect(doc.components.schemas.Error?.properties).toHaveProperty('error');
    let errors = 0;
    for (const [path, methods] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(methods))
        for (const [status, answer] of Object.entries(op.responses)) {
          if (Number(status) < 400) continue;
          errors += 1;
          const where = `${method} ${path} ${status}`;
          expect(answer.content?.['application/json']?.schema?.$ref, where).toBe(
            '#/components/schemas/Error',
          );
          expect(answer.description, where).not.toBe('Error');
        }
    expect(errors).toBeGreaterThan(100);
  });
});
