/** A JSON request as an API client sends it: a bearer token when given, a JSON body when given. */
export function jsonRequest(
  url: string,
  { method = "GET", token, body }: { method?: string; token?: string | null; body?: unknown } = {},
): Request {
  return new Request(url, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** A response's status, headers and body: parsed JSON, or the text when it is not JSON. */
export async function readResponse(
  response: Response,
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: response.status, body, headers: response.headers };
}
