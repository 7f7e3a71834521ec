import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EcsAgentStub, startEcsAgentStub } from '../../test/support/ecs-agent-stub';
import { ecsTaskProtection } from './scale-in-protection';

let agent: EcsAgentStub;
beforeAll(async () => {
  agent = await startEcsAgentStub();
});
afterAll(async () => {
  await agent?.close();
});

describe('ecsTaskProtection (against a local HTTP server standing in for the ECS agent)', () => {
  it('protects the task while any job runs and lifts it when the last one ends', async () => {
    agent.requests.length = 0;
    const protection = ecsTaskProtection({ agentUri: agent.uri, expiresInMinutes: 30 });
    const first = await protection.hold();
    expect(agent.protected()).toBe(true);
    expect(agent.requests).toEqual([{ ProtectionEnabled: true, ExpiresInMinutes: 30 }]);
    const second = await protection.hold();
    await first();
    expect(agent.protected()).toBe(true); // one job still runs
    await first(); // releasing twice changes nothing
    expect(agent.protected()).toBe(true);
    await second();
    expect(agent.protected()).toBe(false);
    expect(agent.requests).toEqual([
      { ProtectionEnabled: true, ExpiresInMinutes: 30 },
      { ProtectionEnabled: false },
    ]);
  });

  it('a refused or unreachable agent is logged, never fatal to the job', async () => {
    const warnings: string[] = [];
    const logger = {
      info: () => {},
      error: () => {},
      warn: (m: string, f?: object) => warnings.push(`${m} ${JSON.stringify(f)}`),
    };
    agent.failWith(400);
    try {
      const release = await ecsTaskProtection({ agentUri: agent.uri, expiresInMinutes: 5, logger }).hold();
      await release();
    } finally {
      agent.failWith(undefined);
    }
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/not authorized/);
    const gone = await ecsTaskProtection({
      agentUri: 'http://127.0.0.1:9/none',
      expiresInMinutes: 5,
      logger,
    }).hold();
    await gone();
    expect(warnings.length).toBe(4);
  });
});
