/** The segments of a JSON pointer: `/config/intents/0` → `["config", "intents", "0"]`. */
function pointerSegments(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~"));
}

/**
 * A copy of `value` with `next` at `pointer`, sharing every untouched branch. `undefined`
 * removes an object's property (an optional field cleared); missing containers are created.
 *
 * @example
 * setIn({ a: { b: 1 } }, "/a/c", 2) // { a: { b: 1, c: 2 } }
 */
export function setIn<T>(value: T, pointer: string, next: unknown): T {
  return setSegments(value, pointerSegments(pointer), next) as T;
}

function setSegments(value: unknown, segments: string[], next: unknown): unknown {
  const [head, ...rest] = segments;
  if (head === undefined) return next;
  if (Array.isArray(value)) {
    const index = Number(head);
    const copy = [...value];
    copy[index] = setSegments(value[index], rest, next);
    return copy;
  }
  const record =
    value !== null && typeof value === "object" ? (value as Record<string, unknown>) : {};
  const child = setSegments(record[head], rest, next);
  if (child === undefined) {
    const { [head]: _, ...others } = record;
    return others;
  }
  return { ...record, [head]: child };
}
