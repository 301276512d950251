/**
 * How the expression language reads values. Conversions never throw: a value that has no
 * sensible meaning for an operation yields `undefined`, and comparisons with it are false.
 */

/** A number, a numeric string or a boolean as a finite number; otherwise undefined. */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "string" && value.trim() !== "") return finite(Number(value));
  if (typeof value === "number") return finite(value);
  return undefined;
}

/** NaN and infinities become undefined so they never leak into variables. */
export function finite(value: number): number | undefined {
  return Number.isFinite(value) ? value : undefined;
}

/** A value as text for concatenation and string functions; missing values are empty. */
export function toText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

const FORBIDDEN_KEYS = new Set(["constructor", "__proto__", "prototype"]);

/** Whether a property name could reach an object's prototype machinery. */
export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN_KEYS.has(key);
}

/**
 * Reads `object[key]` from data only: own properties of objects, array items and string
 * characters (plus `length`), never anything inherited, so no prototype is reachable.
 */
export function readMember(object: unknown, key: unknown): unknown {
  if (typeof key !== "string" && typeof key !== "number") return undefined;
  const name = String(key);
  if (isForbiddenKey(name)) return undefined;
  if (typeof object === "string" || Array.isArray(object)) {
    if (name === "length") return object.length;
    return /^\d+$/.test(name) ? object[Number(name)] : undefined;
  }
  if (object !== null && typeof object === "object" && Object.hasOwn(object, name)) {
    return (object as Record<string, unknown>)[name];
  }
  return undefined;
}
