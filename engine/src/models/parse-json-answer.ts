/**
 * Reads a JSON object out of a model's answer, tolerating code fences and prose around it.
 * Returns null when there is none, so a malformed answer never crashes a turn.
 *
 * @example
 * parseJsonAnswer('Sure! ```json\n{"intent":"faq"}\n```') // { intent: "faq" }
 */
export function parseJsonAnswer(text: string): Record<string, unknown> | null {
  const start = text.indexOf("{");
  const end = text.lastIndexOf("}");
  if (start < 0 || end <= start) return null;
  try {
    const value: unknown = JSON.parse(text.slice(start, end + 1));
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
