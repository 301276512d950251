import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** Where a generated admin token is kept, in the data directory. */
const ADMIN_TOKEN_FILE = "admin-token";

/**
 * The admin tokens: those configured (`ADMIN_TOKEN`), else the one stored in the data directory,
 * else a new one, stored there and printed once through `announce` so the operator can copy it.
 */
export async function resolveAdminTokens(
  configured: string[],
  dataDir: string,
  announce: (message: string) => void = console.log,
): Promise<string[]> {
  if (configured.length > 0) return configured;
  const path = join(dataDir, ADMIN_TOKEN_FILE);
  const stored = await readFile(path, "utf8").then(
    (text) => text.trim(),
    () => "",
  );
  if (stored) return [stored];
  const token = `sb_admin_${randomBytes(24).toString("base64url")}`;
  await mkdir(dataDir, { recursive: true });
  // `wx`: never overwrite a token another process stored a moment ago.
  await writeFile(path, `${token}\n`, { mode: 0o600, flag: "wx" });
  announce(
    `No ADMIN_TOKEN configured: generated an admin token and stored it in ${path}. It is shown only this once:\n\n  ${token}\n`,
  );
  return [token];
}

/**
 * Who a request's bearer token makes it: an admin, a trusted backend (an API token), a chat
 * client, or nobody.
 */
export type Access = "admin" | "api" | "client" | "none";

/** Checks tokens in constant time against the configured ones. */
export interface TokenChecker {
  accessOf(token: string | undefined): Access;
}

/**
 * @param clientToken when undefined, chat clients need no token.
 * @param apiTokens trusted backends' tokens (`API_TOKENS`).
 * @example
 * const tokens = createTokenChecker(["s3cret-admin-token"], undefined);
 * tokens.accessOf(undefined) // "client"
 */
export function createTokenChecker(
  adminTokens: string[],
  clientToken: string | undefined,
  apiTokens: string[] = [],
): TokenChecker {
  // Comparing digests keeps the comparison constant-time whatever the lengths.
  const digest = (token: string) => createHash("sha256").update(token).digest();
  const admins = adminTokens.map(digest);
  const apis = apiTokens.map(digest);
  const client = clientToken === undefined ? undefined : digest(clientToken);
  return {
    accessOf(token) {
      if (token) {
        const given = digest(token);
        if (admins.some((admin) => timingSafeEqual(admin, given))) return "admin";
        if (apis.some((api) => timingSafeEqual(api, given))) return "api";
        if (client && timingSafeEqual(client, given)) return "client";
      }
      return client ? "none" : "client";
    },
  };
}
