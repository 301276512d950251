import { createHash, randomBytes } from "node:crypto";

/** A new random token, with a prefix that says what it is (`sb_session_`, `sb_pat_`, …). */
export function newSecretToken(prefix: string): string {
  return `${prefix}${randomBytes(32).toString("base64url")}`;
}

/** What is stored of a token: its SHA-256, so a leaked database holds no usable token. */
export function digestOf(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}
