/** Options of `waitForHealth`. */
export interface WaitHealthOptions {
  /** Give up after this long. */
  timeoutMs: number;
  /** Time between polls; default 500 ms. */
  intervalMs?: number;
  /** Aborting stops waiting (e.g. the server process exited). */
  signal?: AbortSignal;
}

/**
 * Polls `url` until it answers 200 with `{ ok: true }`; throws naming the URL, the time waited and the
 * last answer or connection error when it does not within the timeout.
 */
export async function waitForHealth(url: string, options: WaitHealthOptions): Promise<void> {
  const end = Date.now() + options.timeoutMs;
  let last = 'no answer yet';
  for (;;) {
    options.signal?.throwIfAborted();
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      const body = (await res.json().catch(() => undefined)) as { ok?: unknown } | undefined;
      if (res.status === 200 && body?.ok === true) return;
      last = `status ${res.status}`;
    } catch (e) {
      last = e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e);
    }
    if (Date.now() >= end)
      throw new Error(`${url} did not become healthy within ${options.timeoutMs} ms (last: ${last})`);
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 500));
  }
}
