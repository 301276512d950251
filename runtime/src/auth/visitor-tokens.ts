import { randomBytes, randomUUID } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { jwtVerify, SignJWT } from "jose";

/** Where the generated signing secret of visitor tokens is kept, in the data directory. */
const VISITOR_SECRET_FILE = "visitor-token-secret";

const ISSUER = "switchboard";
const AUDIENCE = "switchboard-visitor";
/** A visitor keeps their chats this long without logging in anywhere. */
const LIFETIME = "365d";

/** Signed tokens that give an anonymous web visitor an identity the server can verify later. */
export interface VisitorTokens {
  /** A new visitor: a fresh user id and the token that proves it. */
  issue(): Promise<{ token: string; userId: string }>;
  /** The visitor's user id, or undefined for a token this server did not sign (or expired). */
  verify(token: string): Promise<string | undefined>;
}

/**
 * The secret visitor tokens are signed with: the configured one (`VISITOR_TOKEN_SECRET`, needed
 * when replicas share no data directory), else the one stored in the data directory, else a new one
 * stored there.
 */
export async function resolveVisitorSecret(
  configured: string | undefined,
  dataDir: string,
): Promise<Uint8Array> {
  if (configured) return new TextEncoder().encode(configured);
  const path = join(dataDir, VISITOR_SECRET_FILE);
  const read = () =>
    readFile(path, "utf8").then(
      (text) => text.trim(),
      () => "",
    );
  let secret = await read();
  if (!secret) {
    await mkdir(dataDir, { recursive: true });
    // `wx`: a replica that stored one a moment ago wins, and both then read the same secret.
    await writeFile(path, `${randomBytes(32).toString("base64url")}\n`, {
      mode: 0o600,
      flag: "wx",
    }).catch(() => {});
    secret = await read();
  }
  return new TextEncoder().encode(secret);
}

/**
 * HS256 JWTs whose `sub` is the visitor's user id (`visitor_<uuid>`).
 *
 * @example
 * const visitors = createVisitorTokens(await resolveVisitorSecret(undefined, "./data"));
 * const { token, userId } = await visitors.issue();
 * await visitors.verify(token) // userId
 */
export function createVisitorTokens(secret: Uint8Array): VisitorTokens {
  return {
    async issue() {
      const userId = `visitor_${randomUUID()}`;
      const token = await new SignJWT()
        .setProtectedHeader({ alg: "HS256" })
        .setSubject(userId)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(LIFETIME)
        .sign(secret);
      return { token, userId };
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, secret, {
          algorithms: ["HS256"],
          issuer: ISSUER,
          audience: AUDIENCE,
          requiredClaims: ["sub", "exp"],
        });
        return payload.sub;
      } catch {
        return undefined;
      }
    },
  };
}
