import { createHash, timingSafeEqual } from "node:crypto";

/** The query Meta sends to `GET /webhook/whatsapp` when the webhook is set up in the app dashboard. */
export interface SubscriptionQuery {
  "hub.mode"?: string;
  "hub.verify_token"?: string;
  "hub.challenge"?: string;
}

/**
 * The verification handshake: the challenge to echo when Meta asks to subscribe with the
 * configured verify token, or undefined (answer 403).
 *
 * @example
 * const challenge = verifySubscription(query, settings.verifyToken);
 * return challenge === undefined ? forbidden() : new Response(challenge);
 */
export function verifySubscription(
  query: SubscriptionQuery,
  verifyToken: string,
): string | undefined {
  const token = query["hub.verify_token"];
  const challenge = query["hub.challenge"];
  if (query["hub.mode"] !== "subscribe" || token === undefined || challenge === undefined)
    return undefined;
  return sameSecret(token, verifyToken) ? challenge : undefined;
}

/**
 * Compares in constant time; hashing first gives both sides one length, so the comparison
 * doesn't stop early on a length mismatch and reveal the token's length either.
 */
function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return expected !== "" && timingSafeEqual(digest(given), digest(expected));
}
