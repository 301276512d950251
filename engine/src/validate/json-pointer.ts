/** Escapes one segment of a JSON pointer (RFC 6901). */
export function pointerSegment(key: string | number): string {
  return String(key).replaceAll("~", "~0").replaceAll("/", "~1");
}

/** Every string inside a value with its JSON pointer, in document order. */
export function stringPointers(value: unknown, pointer: string): [string, string][] {
  if (typeof value === "string") return [[pointer, value]];
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, child]) =>
    stringPointers(child, `${pointer}/${pointerSegment(key)}`),
  );
}
