/** What one `GET /v1/models` said about the served model. */
export type ModelsProbe =
  | { kind: "ready" }
  | { kind: "down"; reason: string }
  | { kind: "other-models"; ids: string[] };

/**
 * Asks the OpenAI-compatible API at `baseUrl` (without `/v1`) whether it lists `servedModelName`,
 * with the key the server was started with (`--api-key`), if any.
 */
export async function probeVllmModels(
  baseUrl: string,
  servedModelName: string,
  options: { serverArgs: string[]; timeoutMs?: number },
): Promise<ModelsProbe> {
  const apiKey = serverApiKey(options.serverArgs);
  let response: Response;
  try {
    response = await fetch(`${baseUrl}/v1/models`, {
      headers: apiKey ? { Authorization: `Bearer ${apiKey}` } : {},
      signal: AbortSignal.timeout(options.timeoutMs ?? 2000),
    });
  } catch (error) {
    return { kind: "down", reason: (error as Error).message };
  }
  if (!response.ok) return { kind: "down", reason: `HTTP ${response.status}` };
  const body = (await response.json().catch(() => undefined)) as
    | { data?: { id?: unknown }[] }
    | undefined;
  const ids = (body?.data ?? []).map((model) => String(model.id));
  return ids.includes(servedModelName) ? { kind: "ready" } : { kind: "other-models", ids };
}

/** The value of `--api-key` among vLLM's arguments, as `--api-key KEY` or `--api-key=KEY`. */
function serverApiKey(args: string[]): string | undefined {
  const index = args.indexOf("--api-key");
  if (index >= 0) return args[index + 1];
  return args.find((arg) => arg.startsWith("--api-key="))?.slice("--api-key=".length);
}
