import { describe, expect, it } from 'vitest';
import { TtlCache } from './ttl-cache';

describe('TtlCache', () => {
  it('serves a value while its age is at most the TTL, then loads again', async () => {
    let now = 1000;
    let loads = 0;
    const cache = new TtlCache<string, number>({ ttlMs: 100, now: () => now });
    const load = async () => ++loads;
    expect(await cache.get('a', load)).toBe(1);
    now = 1100;
    expect(await cache.get('a', load)).toBe(1);
    now = 1101;
    expect(await cache.get('a', load)).toBe(2);
  });

  it('shares one load among concurrent misses', async () => {
    let loads = 0;
    const cache = new TtlCache<string, number>({ ttlMs: 1000 });
    const values = await Promise.all(
      Array.from({ length: 50 }, () =>
        cache.get('board', async () => {
          loads++;
          await new Promise((r) => setTimeout(r, 5));
          return 42;
        }),
      ),
    );
    expect(loads).toBe(1);
    expect(new Set(values)).toEqual(new Set([42]));
  });

  it('keeps neither failures nor values `keep` refuses, and forgets on delete', async () => {
    const cache = new TtlCache<string, number | undefined>({ ttlMs: 1000 });
    await expect(cache.get('x', async () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(await cache.get('x', async () => 1)).toBe(1);
    await cache.get(
      'neg',
      async () => undefined,
      (v) => v !== undefined,
    );
    await Promise.resolve();
    expect(await cache.get('neg', async () => 7)).toBe(7);
    cache.delete('x');
    expect(await cache.get('x', async () => 2)).toBe(2);
    cache.deleteWhere((k) => k.startsWith('n'));
    expect(await cache.get('neg', async () => 8)).toBe(8);
  });

  it('with a TTL of 0 always loads, and evicts the oldest beyond maxEntries', async () => {
    let loads = 0;
    const off = new TtlCache<string, number>({ ttlMs: 0 });
    await off.get('a', async () => ++loads);
    await off.get('a', async () => ++loads);
    expect(loads).toBe(2);
    const small = new TtlCache<number, number>({ ttlMs: 1000, maxEntries: 2 });
    for (const k of [1, 2, 3]) await small.get(k, async () => k);
    expect(small.size).toBe(2);
    expect(await small.get(1, async () => -1)).toBe(-1);
  });
});
