import { describe, expect, it } from "bun:test";
import { join } from "node:path";

const ROOT = join(import.meta.dir, "..", "..", "..");
/** Packages that must never reach the studio's bundle: they are server-side and heavy. */
const SERVER_ONLY = /@langchain|langgraph|@aws-sdk|@smithy|openai|minisearch|kysely|elysia\//;

/** Every module a browser bundle of `entry` pulls in. */
async function bundledModules(entry: string): Promise<string[]> {
  const result = await Bun.build({
    entrypoints: [join(ROOT, entry)],
    target: "browser",
    metafile: true,
    throw: false,
  });
  if (!result.success) throw new AggregateError(result.logs, `${entry} does not bundle`);
  return Object.keys(result.metafile?.inputs ?? {});
}

describe("the engine entry points the studio imports", () => {
  for (const entry of ["engine/src/schema/index.ts", "engine/src/validate/index.ts"]) {
    it(`keeps ${entry} free of LangChain and other server-side packages`, async () => {
      const modules = await bundledModules(entry);
      expect(modules.length).toBeGreaterThan(0);
      expect(modules.filter((path) => SERVER_ONLY.test(path))).toEqual([]);
    });
  }
});

describe("the studio's bundle", () => {
  for (const entry of ["studio/src/app/main.tsx", "studio/src/editor/validation-worker.ts"]) {
    it(`keeps ${entry} free of LangChain and other server-side packages`, async () => {
      const modules = await bundledModules(entry);
      expect(modules.some((path) => path.includes("@xyflow") || path.includes("validate"))).toBe(
        true,
      );
      expect(modules.filter((path) => SERVER_ONLY.test(path))).toEqual([]);
    });
  }
});
