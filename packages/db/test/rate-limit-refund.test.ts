import { describe, expect, it } from 'vitest';
import { refundRateLimit } from '../src/queries/rate-limit-refund';
import { hitRateLimit } from '../src/queries/rate-limits';
import { useTestDatabase } from '../src/testing';

const t = useTestDatabase();

describe('refundRateLimit', () => {
  it('takes back one hit of the same window, never below zero, and leaves other windows alone', async () => {
    const limit = { key: 'signin:test', limit: 2, windowMs: 60_000 };
    const now = new Date('2026-11-24T10:00:30Z');
    await hitRateLimit(t.db, { ...limit, now });
    await hitRateLimit(t.db, { ...limit, now });
    await refundRateLimit(t.db, { key: limit.key, windowMs: limit.windowMs, now });
    expect(await hitRateLimit(t.db, { ...limit, now })).toMatchObject({ hits: 2, allowed: true });
    // a refund in the next window does not touch this one
    await refundRateLimit(t.db, {
      key: limit.key,
      windowMs: limit.windowMs,
      now: new Date('2026-11-24T10:01:05Z'),
    });
    expect(await hitRateLimit(t.db, { ...limit, now })).toMatchObject({ hits: 3, allowed: false });
    for (let i = 0; i < 5; i++)
      await refundRateLimit(t.db, { key: limit.key, windowMs: limit.windowMs, now });
    expect(await hitRateLimit(t.db, { ...limit, now })).toMatchObject({ hits: 1, allowed: true });
  });
});
