import { describe, expect, it } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { envName, ServerConfig } from "../../runtime/src/config/server-config.ts";

const RUNTIME_DOC = readFileSync(join(import.meta.dir, "../../docs/runtime.md"), "utf8");

describe("docs/runtime.md", () => {
  const keys = Object.keys(ServerConfig.properties) as (keyof ServerConfig)[];

  it.each(keys)("documents the server setting %s with its variable and default", (key) => {
    const row = RUNTIME_DOC.split("\n").find((line) =>
      line.startsWith(`| \`${envName(key)}\` (\`${key}\`) |`),
    );
    expect(row, `no settings row for ${envName(key)} (${key})`).toBeDefined();
    const fallback = (ServerConfig.properties[key] as { default?: unknown }).default;
    if (typeof fallback === "string" || typeof fallback === "number")
      expect(row?.split("|")[2]?.trim()).toBe(`\`${fallback}\``);
  });
});
