/**
 * What a deployment lets `http` nodes do: the flow decides what to call, the deployment where
 * it may go. The runtime builds it from `HTTP_ALLOWED_HOSTS`.
 */
export interface HttpPolicy {
  /**
   * The hosts http nodes may call. Unset or empty: any host whose addresses are all public. Each
   * entry is a host name (`api.example.com`), every subdomain of one (`*.example.com`), an IP
   * address or range (`10.0.0.7`, `10.0.0.0/8`), or `*` for any public host. A host listed by
   * name or address may be private (loopback, link-local, private ranges): that is how an
   * internal service is allowed.
   */
  allowedHosts?: readonly string[];
  /** The largest response body read, in bytes; a larger one fails the node. Default 1 MiB. */
  maxResponseBytes?: number;
  /** Resolves a host name to its addresses; default the system's resolver. */
  lookup?: (hostname: string) => Promise<string[]>;
}

export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
