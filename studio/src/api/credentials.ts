/**
 * How the studio calls the runtime: a bearer token (the admin token, or a personal API token),
 * or a signed-in session, whose cookie the browser sends and whose CSRF token goes in a header.
 */
export type Credentials = { kind: "token"; token: string } | { kind: "session"; csrfToken: string };

/** The headers a request carries for the credentials. */
export function credentialHeaders(credentials: Credentials): Record<string, string> {
  return credentials.kind === "token"
    ? { authorization: `Bearer ${credentials.token}` }
    : { "x-csrf-token": credentials.csrfToken };
}
