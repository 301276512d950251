/**
 * A probe whose answer is kept for `ttlMs`, with one probe in flight shared by every caller: the
 * public `/models` and `/ready` are called by anyone, and each call must not become an outbound
 * request to every model server.
 *
 * @example
 * const models = cachedProbe(() => probeCatalog(catalog), 5000);
 * await models(); await models(); // one probe
 */
export function cachedProbe<T>(
  probe: () => Promise<T>,
  ttlMs: number,
  now = () => Date.now(),
): () => Promise<T> {
  let latest: { value: Promise<T>; at: number } | undefined;
  return () => {
    const at = now();
    if (latest && at - latest.at < ttlMs) return latest.value;
    const value = probe();
    const entry = { value, at };
    latest = entry;
    // A failed probe is not kept: the next caller probes again.
    value.catch(() => {
      if (latest === entry) latest = undefined;
    });
    return value;
  };
}
