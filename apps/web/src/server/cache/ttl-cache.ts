/**
 * A small in-process cache of promises with a time-to-live: concurrent misses of one key share one
 * load (no stampede when 200 clients ask for the same board at once), failed loads are not kept, and
 * the oldest entries go first once `maxEntries` is reached. A TTL of 0 disables caching.
 */
export class TtlCache<K, V> {
  readonly #entries = new Map<K, { value: Promise<V>; expiresAt: number }>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(opts: { ttlMs: number; maxEntries?: number; now?: () => number }) {
    this.#ttlMs = opts.ttlMs;
    this.#maxEntries = opts.maxEntries ?? 10_000;
    this.#now = opts.now ?? Date.now;
  }

  /** The cached value of `key`, or `load()`'s (stored unless `keep` says no, e.g. for negative answers). */
  async get(key: K, load: () => Promise<V>, keep: (value: V) => boolean = () => true): Promise<V> {
    if (this.#ttlMs <= 0) return load();
    const now = this.#now();
    const hit = this.#entries.get(key);
    if (hit !== undefined && hit.expiresAt > now) return hit.value;
    const value = load();
    this.#entries.delete(key);
    if (this.#entries.size >= this.#maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) this.#entries.delete(oldest.value);
    }
    const entry = { value, expiresAt: now + this.#ttlMs };
    this.#entries.set(key, entry);
    value.then(
      (v) => {
        if (!keep(v) && this.#entries.get(key) === entry) this.#entries.delete(key);
      },
      () => {
        if (this.#entries.get(key) === entry) this.#entries.delete(key);
      },
    );
    return value;
  }

  /** Forgets `key` (after a write this process made). */
  delete(key: K): void {
    this.#entries.delete(key);
  }

  /** Forgets every key that `match` accepts. */
  deleteWhere(match: (key: K) => boolean): void {
    for (const key of [...this.#entries.keys()]) if (match(key)) this.#entries.delete(key);
  }

  /** Entries held (expired ones included until they are asked for again). */
  get size(): number {
    return this.#entries.size;
  }
}
