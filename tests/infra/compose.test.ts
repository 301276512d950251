import { describe, expect, it } from "bun:test";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

const root = join(import.meta.dir, "..", "..");
const composeText = readFileSync(join(root, "infra", "compose.yaml"), "utf8");
const compose = parse(composeText, { merge: true }) as {
  services: Record<string, { profiles?: string[]; healthcheck?: { test: unknown } }>;
};
const envExample = readFileSync(join(root, "infra", ".env.example"), "utf8");
const documented = new Set(
  [...envExample.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1] as string),
);

/** Every source file of a folder, recursively. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === "node_modules") return [];
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}

/** Upper-case constants in the sources that are error codes or markers, not settings. */
const NOT_SETTINGS = new Set([
  "EAI_AGAIN",
  "EVENT_RECEIVED",
  "NOT_FOUND",
  "NO_ANSWER",
  "SQLITE_BUSY",
  "UND_ERR_SOCKET",
]);

/**
 * The environment variables the product reads: `env.NAME`, `env["NAME"]`, `env: "NAME"` and
 * names passed around as constants such as `value("WHATSAPP_FLOW")`.
 */
function variablesReadBy(dirs: string[]): Set<string> {
  const names = new Set<string>();
  for (const file of dirs.flatMap((dir) => sourceFiles(join(root, dir)))) {
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(
      /\benv(?:\.|\[")([A-Z][A-Z0-9_]+)|"([A-Z][A-Z0-9]+_[A-Z0-9_]+)"/g,
    )) {
      const name = (match[1] ?? match[2]) as string;
      if (!NOT_SETTINGS.has(name)) names.add(name);
    }
  }
  return names;
}

describe("infra/compose.yaml", () => {
  it("offers the sqlite, postgres, langfuse and vllm profiles", () => {
    const profiles = new Set(Object.values(compose.services).flatMap((s) => s.profiles ?? []));
    expect([...profiles].sort()).toEqual(["langfuse", "postgres", "sqlite", "vllm"]);
  });

  it("gives every service a healthcheck", () => {
    const without = Object.entries(compose.services)
      .filter(([, service]) => !service.healthcheck?.test)
      .map(([name]) => name);
    expect(without).toEqual([]);
  });

  it("documents in .env.example every variable it interpolates", () => {
    const used = [...composeText.matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map((m) => m[1] as string);
    expect([...new Set(used)].filter((name) => !documented.has(name))).toEqual([]);
  });

  it("commits no secret: every secret comes from the env file", () => {
    for (const key of ["PASSWORD", "SECRET", "SALT", "ENCRYPTION_KEY", "REDIS_AUTH"]) {
      const literal = new RegExp(`${key}[A-Z_]*: (?!\\$\\{)\\S+`);
      expect(composeText).not.toMatch(literal);
    }
    expect(envExample).not.toMatch(/^[A-Z_]*(PASSWORD|SECRET|TOKEN|KEY)[A-Z_]*=\S+/m);
  });
});

describe("infra/.env.example", () => {
  it("lists every setting the runtime, engine and infra read from the environment", () => {
    const read = variablesReadBy(["runtime/src", "engine/src", "infra/src"]);
    expect([...read].filter((name) => !documented.has(name)).sort()).toEqual([]);
  });
});

describe("infra/Dockerfile", () => {
  const dockerfile = readFileSync(join(root, "infra", "Dockerfile"), "utf8");

  it("runs the runtime on Bun's official image as a non-root user", () => {
    expect(dockerfile).toMatch(/^FROM oven\/bun:\$\{BUN_VERSION\}-slim AS runtime$/m);
    expect(dockerfile).toMatch(/^USER bun$/m);
    expect(dockerfile).toMatch(/^CMD \["bun", "runtime\/src\/cli.ts", "serve"\]$/m);
  });

  it("installs only production dependencies, checks /health and keeps data in a volume", () => {
    expect(dockerfile).toContain("bun install --frozen-lockfile --production");
    expect(dockerfile).toMatch(/HEALTHCHECK[\s\S]*\/health/);
    expect(dockerfile).toMatch(/^VOLUME \["\/data"\]$/m);
  });
});
