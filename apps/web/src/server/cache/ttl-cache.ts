import { LRUCache } from 'lru-cache';

/**
 * A small in-process cache of promises with a time-to-live, on `lru-cache`: concurrent misses of one
 * key share one load (the promise is what is cached: no stampede when 200 clients ask for the same
 * board at once), failed loads are not kept, nor values `keep` refuses (negative answers), and the
 * least recently used entries go first once `maxEntries` is reached. A TTL of 0 disables caching.
 * An entry is fresh while its age is at most `ttlMs`.
 */
export class TtlCache<K extends {}, V> {
  readonly #entries: LRUCache<K, Promise<V>> | undefined;

  constructor(opts: { ttlMs: number; maxEntries?: number; now?: () => number }) {
    this.#entries =
      opts.ttlMs > 0
        ? new LRUCache<K, Promise<V>>({
            max: opts.maxEntries ?? 10_000,
            ttl: opts.ttlMs,
            // Read the clock on every look-up (the default memoises it for 1 ms behind a timer).
            ttlResolution: 0,
            perf: { now: opts.now ?? Date.now },
          })
        : undefined;
  }

  /** The cached value of `key`, or `load()`'s (stored unless `keep` says no, e.g. for negative answers). */
  async get(key: K, load: () => Promise<V>, keep: (value: V) => boolean = () => true): Promise<V> {
    const entries = this.#entries;
    if (entries === undefined) return load();
    const hit = entries.get(key);
    if (hit !== undefined) return hit;
    const value = load();
    entries.set(key, value);
    const forget = () => {
      if (entries.peek(key) === value) entries.delete(key);
    };
    value.then((v) => {
      if (!keep(v)) forget();
    }, forget);
    return value;
  }

  /** Forgets `key` (after a write this process made). */
  delete(key: K): void {
    this.#entries?.delete(key);
  }

  /** Forgets every key that `match` accepts. */
  deleteWhere(match: (key: K) => boolean): void {
    if (this.#entries === undefined) return;
    for (const key of [...this.#entries.keys()]) if (match(key)) this.#entries.delete(key);
  }

  /** Entries held (expired ones included until they are asked for again). */
  get size(): number {
    return this.#entries?.size ?? 0;
  }
}
