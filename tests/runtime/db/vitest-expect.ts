import * as bunTest from "bun:test";

/**
 * Makes `expect` take what the checkpoint validation suite, written for Vitest, gives it: a
 * function before `.rejects` / `.resolves` (Vitest calls it, Bun wants the promise), and
 * `expect.soft`, for which a hard `expect` is the stricter stand-in.
 *
 * Bun hands `expect` to the modules it loads from "bun:test", so this replaces that module; only
 * modules imported afterwards see it. Returns the function that puts the original back.
 */
export function installVitestExpect(): () => void {
  const { expect } = bunTest;
  const vitestExpect = new Proxy(expect, {
    apply(target, thisArg, args: Parameters<typeof expect>) {
      const [actual] = args;
      const matchers = Reflect.apply(target, thisArg, args);
      if (typeof actual !== "function") return matchers;
      return new Proxy(matchers, {
        get(matchersTarget, property, receiver) {
          return property === "rejects" || property === "resolves"
            ? Reflect.get(target(actual()), property)
            : Reflect.get(matchersTarget, property, receiver);
        },
      });
    },
    get(target, property, receiver) {
      return property === "soft" ? vitestExpect : Reflect.get(target, property, receiver);
    },
  });
  bunTest.mock.module("bun:test", () => ({ ...bunTest, expect: vitestExpect }));
  return () => {
    bunTest.mock.module("bun:test", () => bunTest);
  };
}
