/**
 * What makes a string unfit to be stored as an id, a key or a user's text, in words, or
 * undefined when it is fine: PostgreSQL refuses NUL characters, and a lone surrogate would be
 * stored as U+FFFD, so the stored id would no longer be the one its creator holds.
 *
 * @example
 * textProblem("a\u0000b") // "contains a NUL character"
 */
export function textProblem(text: string): string | undefined {
  if (text.includes("\u0000")) return "contains a NUL character";
  if (!text.isWellFormed()) return "is not well-formed Unicode (it has a lone surrogate)";
  return undefined;
}

/** A schema pattern that matches exactly the strings `textProblem` finds nothing wrong with. */
export const CLEAN_TEXT_PATTERN =
  "^(?:[^\\u0000\\uD800-\\uDFFF]|[\\uD800-\\uDBFF][\\uDC00-\\uDFFF])*$";
