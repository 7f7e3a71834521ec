import { describe, expect, it } from 'vitest';
import { readGraderEnv } from './env';

describe('readGraderEnv', () => {
  it('fills defaults from an empty environment (push disabled)', () => {
    expect(readGraderEnv({})).toEqual({
      secret: undefined,
      queue: 'grade',
      concurrency: 2,
      baselineSlots: 1,
      leaseMs: 30_000,
      pollMs: 500,
      shutdownGraceMs: 90_000,
      port: 8080,
      // Loopback unless configured: the listener is not reachable from other machines by default.
      host: '127.0.0.1',
      metricsPort: undefined,
      version: undefined,
      ecsAgentUri: undefined,
      protectionMinutes: 60,
    });
  });

  it('reads the ECS agent endpoint of task protection, refusing what is not an http(s) URL', () => {
    expect(
      readGraderEnv({
        ECS_AGENT_URI: 'http://169.254.170.2/api/abc-123',
        CRITIC_GRADER_PROTECTION_MINUTES: '30',
      }),
    ).toMatchObject({ ecsAgentUri: 'http://169.254.170.2/api/abc-123', protectionMinutes: 30 });
    expect(() => readGraderEnv({ ECS_AGENT_URI: 'not a url' })).toThrow(/ECS_AGENT_URI/);
    expect(() => readGraderEnv({ CRITIC_GRADER_PROTECTION_MINUTES: '3000' })).toThrow(
      /CRITIC_GRADER_PROTECTION_MINUTES/,
    );
  });

  it('reads numbers and the secret, and names every bad variable at once', () => {
    const env = readGraderEnv({
      CRITIC_GRADER_SECRET: 'x'.repeat(20),
      CRITIC_GRADER_CONCURRENCY: '4',
      CRITIC_GRADER_BASELINE_SLOTS: '0',
      PORT: '9000',
    });
    expect(env).toMatchObject({ secret: 'x'.repeat(20), concurrency: 4, baselineSlots: 0, port: 9000 });
    expect(() =>
      readGraderEnv({
        CRITIC_GRADER_SECRET: 'short',
        CRITIC_GRADER_CONCURRENCY: '0',
        CRITIC_GRADER_QUEUE: 'Bad Queue',
      }),
    ).toThrow(
      /CRITIC_GRADER_SECRET: must be at least 16 characters[\s\S]*CRITIC_GRADER_QUEUE[\s\S]*CRITIC_GRADER_CONCURRENCY/,
    );
  });
});
