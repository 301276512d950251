import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";

/** A site's login server, as far as a chat runtime sees it: public keys served as a JWKS. */
export interface JwksServer {
  /** The JWKS's URL, on 127.0.0.1. */
  readonly url: string;
  /** How many times the keys were fetched. */
  readonly fetches: number;
  /** A token for `sub`, signed with the site's RS256 or ES256 key. */
  sign(sub: string, alg: "RS256" | "ES256", expires?: string): Promise<string>;
  stop(): void;
}

/** @example const site = await startJwksServer(); const token = await site.sign("ann", "ES256"); */
export async function startJwksServer(): Promise<JwksServer> {
  const pairs = {
    RS256: await generateKeyPair("RS256"),
    ES256: await generateKeyPair("ES256"),
  };
  const keys: JWK[] = await Promise.all(
    Object.entries(pairs).map(async ([alg, pair]) => ({
      ...(await exportJWK(pair.publicKey)),
      kid: alg,
      alg,
      use: "sig",
    })),
  );
  let fetches = 0;
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch() {
      fetches += 1;
      return Response.json({ keys });
    },
  });
  return {
    url: `http://127.0.0.1:${server.port}/.well-known/jwks.json`,
    get fetches() {
      return fetches;
    },
    sign: (sub, alg, expires = "1h") =>
      new SignJWT()
        .setProtectedHeader({ alg, kid: alg })
        .setSubject(sub)
        .setIssuedAt()
        .setExpirationTime(expires)
        .sign(pairs[alg].privateKey),
    stop: () => server.stop(true),
  };
}
