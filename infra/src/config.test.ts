import { describe, expect, it } from 'vitest';
import { InfraConfigError, readInfraConfig } from './config';

const from = (context: Record<string, unknown>) => (key: string) => context[key];

describe('readInfraConfig', () => {
  it('fills every setting with a default when the context is empty', () => {
    const c = readInfraConfig(from({}));
    expect(c.region).toBe('us-east-1');
    expect(c.gpuInstanceType).toBeUndefined();
    expect(c.pushMode).toBe(false);
    expect(c.dbMinAcu).toBe(0.5);
    expect(c.account).toBeUndefined();
  });

  it('parses strings given with -c into numbers and booleans', () => {
    const c = readInfraConfig(
      from({ maxWorkers: '40', pushMode: 'true', dbMaxAcu: '16', gpuInstanceType: 'g5.xlarge' }),
    );
    expect(c.maxWorkers).toBe(40);
    expect(c.pushMode).toBe(true);
    expect(c.dbMaxAcu).toBe(16);
    expect(c.gpuInstanceType).toBe('g5.xlarge');
  });

  it('takes the account from CDK_DEFAULT_ACCOUNT when the context has none', () => {
    expect(readInfraConfig(from({}), { CDK_DEFAULT_ACCOUNT: '123456789012' }).account).toBe('123456789012');
  });

  it('names the key, the expectation and the value when a setting is malformed', () => {
    expect(() => readInfraConfig(from({ maxWorkers: 'many' }))).toThrow(
      'invalid context "maxWorkers": expected an integer in [1, 500], found "many"',
    );
    expect(() => readInfraConfig(from({ certificateArn: 'arn:aws:iam::1:role/x' }))).toThrow(
      InfraConfigError,
    );
    expect(() => readInfraConfig(from({ pushMode: 'yes' }))).toThrow(/"pushMode": expected true or false/);
    expect(() => readInfraConfig(from({ logRetentionDays: '10' }))).toThrow(
      /"logRetentionDays": expected one of 1, 3/,
    );
  });

  it('refuses inconsistent settings', () => {
    expect(() => readInfraConfig(from({ dbMinAcu: '4', dbMaxAcu: '2' }))).toThrow(
      /"dbMaxAcu": expected a number >= dbMinAcu/,
    );
    expect(() => readInfraConfig(from({ minWorkers: '5', maxWorkers: '4' }))).toThrow(
      /"minWorkers": expected an integer <= maxWorkers \(4\), found 5/,
    );
    expect(() => readInfraConfig(from({ webHealthPath: 'health' }))).toThrow(
      /"webHealthPath": expected a URL path/,
    );
    expect(() => readInfraConfig(from({ gpuQueue: 'grade' }))).toThrow(
      /"gpuQueue": expected a name other than cpuQueue/,
    );
  });
});
