import { type GraphApiError, graphApiError, networkError } from "./graph-api-error.ts";
import type { GraphMessage, GraphReadReceipt } from "./graph-message.ts";
import { arrayAt, isObject, stringAt } from "./json-fields.ts";

/** How failed requests are retried. */
interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  /** The first wait after a transient failure; it doubles with each further one. */
  backoffMs: number;
  /**
   * The first wait after a rate limit. Meta lets a business send one user about one message
   * every six seconds, hence the default.
   */
  rateLimitBackoffMs: number;
  maxBackoffMs: number;
}

const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 5,
  backoffMs: 500,
  rateLimitBackoffMs: 6_000,
  maxBackoffMs: 60_000,
};

export interface GraphApiClientOptions {
  baseUrl: string;
  version: string;
  phoneNumberId: string;
  accessToken: string;
  retry?: Partial<RetryPolicy>;
  /** How long one request may take before it counts as a network error. */
  timeoutMs?: number;
  fetch?: (request: Request) => Promise<Response>;
  sleep?: (ms: number) => Promise<void>;
}

/** Told of each failed try that will be retried, so it can be recorded on the message. */
type RetryListener = (error: GraphApiError, attempt: number, waitMs: number) => void;

export interface GraphApiClient {
  /**
   * Sends a message; resolves with the id WhatsApp gave it.
   * @throws GraphApiError with the last failure, once retrying can't help or tries ran out.
   */
  send(message: GraphMessage, onRetry?: RetryListener): Promise<{ id: string; attempts: number }>;
  /** Marks an incoming message as read. @throws GraphApiError as `send` does. */
  markAsRead(messageId: string, onRetry?: RetryListener): Promise<{ attempts: number }>;
}

/**
 * The Graph API's `POST {baseUrl}/{version}/{phone-number-id}/messages`, with the access token,
 * retried with exponential backoff (and jitter) on rate limits, server errors and network
 * errors, and never on permanent errors such as 131047 (outside the 24-hour window).
 *
 * @example
 * const graph = createGraphApiClient({ baseUrl, version: "v26.0", phoneNumberId, accessToken });
 * const { id } = await graph.send({ messaging_product: "whatsapp", recipient_type: "individual",
 *   to: "16505551234", type: "text", text: { preview_url: false, body: "Hello" } });
 */
export function createGraphApiClient({
  baseUrl,
  version,
  phoneNumberId,
  accessToken,
  retry,
  timeoutMs = 15_000,
  fetch = globalThis.fetch,
  sleep = Bun.sleep,
}: GraphApiClientOptions): GraphApiClient {
  const policy = { ...DEFAULT_RETRY_POLICY, ...retry };
  const url = `${baseUrl.replace(/\/+$/, "")}/${version}/${phoneNumberId}/messages`;

  /** One try: the decoded answer, or a GraphApiError. */
  const post = async (body: GraphMessage | GraphReadReceipt): Promise<unknown> => {
    let response: Response;
    try {
      response = await fetch(
        new Request(url, {
          method: "POST",
          headers: {
            authorization: `Bearer ${accessToken}`,
            "content-type": "application/json",
          },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
        }),
      );
    } catch (error) {
      throw networkError(error);
    }
    let decoded: unknown;
    try {
      const text = await response.text();
      decoded = text === "" ? undefined : JSON.parse(text);
    } catch (error) {
      // A success whose answer was cut off names no message id: sending again is the only way
      // to be sure the user gets it. A failure is classified by its status alone.
      if (response.ok) throw networkError(error);
    }
    if (!response.ok) throw graphApiError(response.status, decoded, response.headers);
    return decoded;
  };

  const withRetries = async <T>(
    attempt: () => Promise<T>,
    onRetry: RetryListener | undefined,
  ): Promise<{ value: T; attempts: number }> => {
    for (let tries = 1; ; tries++) {
      try {
        return { value: await attempt(), attempts: tries };
      } catch (error) {
        const failure = error as GraphApiError;
        failure.attempts = tries;
        if (failure.kind === "permanent" || tries >= policy.attempts) throw failure;
        const wait = backoff(policy, failure, tries);
        onRetry?.(failure, tries, wait);
        await sleep(wait);
      }
    }
  };

  return {
    async send(message, onRetry) {
      const { value, attempts } = await withRetries(() => post(message), onRetry);
      const first = isObject(value) ? arrayAt(value, "messages")[0] : undefined;
      const id = isObject(first) ? stringAt(first, "id") : undefined;
      if (!id) throw graphApiError(200, { error: { message: "The answer named no message id." } });
      return { id, attempts };
    },
    async markAsRead(messageId, onRetry) {
      const receipt: GraphReadReceipt = {
        messaging_product: "whatsapp",
        status: "read",
        message_id: messageId,
      };
      return { attempts: (await withRetries(() => post(receipt), onRetry)).attempts };
    },
  };
}

/** The wait before try `tries + 1`: doubling from the kind's base, at least what Meta asked. */
function backoff(policy: RetryPolicy, error: GraphApiError, tries: number): number {
  const base = error.kind === "rate_limited" ? policy.rateLimitBackoffMs : policy.backoffMs;
  const full = Math.min(policy.maxBackoffMs, base * 2 ** (tries - 1));
  // Half fixed, half random, so many phones' retries don't all land at once.
  const jittered = full / 2 + (Math.random() * full) / 2;
  return Math.round(Math.max(jittered, error.retryAfterMs ?? 0));
}
