/**
 * The engine's own words from a dockerode error: the JSON `message` when there is one, else
 * dockerode's text without its "(HTTP code 500) server error - " prefix.
 */
export function dockerMessage(error: unknown): string {
  const json = (error as { json?: unknown }).json;
  if (json && typeof json === "object" && "message" in json && typeof json.message === "string") {
    return json.message;
  }
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/^\(HTTP code \d+\) [^-]*- /, "").trim();
}

/** The HTTP status of a dockerode error, if the engine answered. */
export function dockerStatus(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === "number" ? status : undefined;
}
