import { RE2JS } from "re2js";

/** A regular expression that matches in time linear in the text's length (RE2's guarantee). */
export interface Pattern {
  test(text: string): boolean;
}

export type CompiledPattern = { ok: true; pattern: Pattern } | { ok: false; problem: string };

// Patterns come from flows and simulations, never from user text; the bound is a backstop.
const CACHE_LIMIT = 500;
const cache = new Map<string, CompiledPattern>();

function compile(source: string, ignoreCase: boolean): CompiledPattern {
  try {
    const regex = RE2JS.compile(source, ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
    return { ok: true, pattern: { test: (text) => regex.matcher(text).find() } };
  } catch (error) {
    const reason = (error as Error).message.replace(/^error parsing regexp: /, "");
    return {
      ok: false,
      problem: `invalid regular expression, or one not supported by the linear-time engine (RE2 has no backreferences or lookaround): ${reason}`,
    };
  }
}

/**
 * Compiles a pattern with RE2's syntax (re2js): matching never backtracks, so a pattern such as
 * `^(a+)+$` cannot hold the server's thread whatever the text. Compiled once per pattern.
 *
 * @example
 * const compiled = compilePattern("^[0-9]{5}$");
 * if (compiled.ok) compiled.pattern.test("75001"); // true
 */
export function compilePattern(source: string, { ignoreCase = false } = {}): CompiledPattern {
  const key = `${ignoreCase ? "i" : "-"}${source}`;
  let compiled = cache.get(key);
  if (!compiled) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    compiled = compile(source, ignoreCase);
    cache.set(key, compiled);
  }
  return compiled;
}
