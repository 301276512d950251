/**
 * The client's address: the connecting peer's, or, when the peer is one of the trusted proxies,
 * the last address its `X-Forwarded-For` names that is not itself a trusted proxy. A client can
 * write any `X-Forwarded-For` it likes, so an untrusted peer's header is ignored.
 *
 * @example
 * clientAddress("10.0.0.2", "203.0.113.9, 10.0.0.2", ["10.0.0.2"]) // "203.0.113.9"
 */
export function clientAddress(
  peer: string,
  forwardedFor: string | undefined,
  trustedProxies: readonly string[],
): string {
  if (!forwardedFor || !trustedProxies.includes(peer)) return peer;
  const hops = forwardedFor
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  for (let index = hops.length - 1; index >= 0; index -= 1) {
    const hop = hops[index] as string;
    if (!trustedProxies.includes(hop)) return hop;
  }
  return peer;
}

/** A request's client address, from the server's view of its peer and its `X-Forwarded-For`. */
export function requestAddress(
  request: Request,
  server: { requestIP(request: Request): { address: string } | null } | null,
  trustedProxies: readonly string[],
): string {
  return clientAddress(
    server?.requestIP(request)?.address ?? "unknown",
    request.headers.get("x-forwarded-for") ?? undefined,
    trustedProxies,
  );
}
