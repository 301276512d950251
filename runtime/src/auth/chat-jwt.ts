import { createRemoteJWKSet, decodeProtectedHeader, type JWTVerifyGetKey, jwtVerify } from "jose";

/** Verifies the tokens a site with its own login gives its users. */
export interface ChatJwtVerifier {
  /** The token's `sub` when its signature, algorithm and expiry check out; else undefined. */
  verify(token: string): Promise<string | undefined>;
}

export interface ChatJwtSettings {
  /** `CHAT_JWT_SECRET`: the site signs with HS256 and this shared secret. */
  secret?: string;
  /** `CHAT_JWKS_URL`: the site signs with RS256 or ES256; its public keys are served here. */
  jwksUrl?: string;
}

/**
 * A verifier for the configured modes, or undefined when neither is configured. Tokens must carry
 * `sub` and `exp`; an HS256 token is checked against the secret, any other against the JWKS.
 *
 * @example
 * const jwt = createChatJwtVerifier({ secret: process.env.CHAT_JWT_SECRET });
 * const userId = await jwt?.verify(bearer);
 */
export function createChatJwtVerifier({
  secret,
  jwksUrl,
}: ChatJwtSettings): ChatJwtVerifier | undefined {
  if (!secret && !jwksUrl) return undefined;
  const key = secret ? new TextEncoder().encode(secret) : undefined;
  const jwks: JWTVerifyGetKey | undefined = jwksUrl
    ? createRemoteJWKSet(new URL(jwksUrl))
    : undefined;
  return {
    async verify(token) {
      try {
        const { alg } = decodeProtectedHeader(token);
        const options = { requiredClaims: ["sub", "exp"] };
        if (alg === "HS256") {
          if (!key) return undefined;
          return (await jwtVerify(token, key, { ...options, algorithms: ["HS256"] })).payload.sub;
        }
        if (!jwks) return undefined;
        return (await jwtVerify(token, jwks, { ...options, algorithms: ["RS256", "ES256"] }))
          .payload.sub;
      } catch {
        return undefined;
      }
    },
  };
}
