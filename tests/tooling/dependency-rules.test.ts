import { afterAll, beforeAll, describe, expect, it } from "bun:test";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const ROOT = join(import.meta.dir, "..", "..");
const CRUISER = join(ROOT, "node_modules", "dependency-cruiser", "bin", "dependency-cruiser.mjs");

/** A small repository laid out like ours, each file breaking (or keeping) one rule. */
const FILES: Record<string, string> = {
  "tsconfig.json": JSON.stringify({
    compilerOptions: { allowImportingTsExtensions: true, noEmit: true, module: "Preserve" },
  }),
  "engine/src/index.ts": "export const compileGraph = () => 1;\nexport type TurnInput = string;\n",
  "engine/src/schema/index.ts": "export type Flow = { id: string };\n",
  "engine/src/compile/compile-graph.ts": "export const wrap = 1;\n",
  "engine/src/reads-repository.ts":
    'import { store } from "../../runtime/src/db/store.ts";\nexport const a = store;\n',
  "engine/src/serves-http.ts":
    'import { Elysia } from "elysia";\nexport const app = new Elysia();\n',
  "engine/src/opens-sqlite.ts":
    'import { Database } from "bun:sqlite";\nexport const db = new Database();\n',
  "runtime/src/db/store.ts": "export const store = 1;\nexport type Row = { id: number };\n",
  "runtime/src/api-types.ts": 'export type { Row } from "./db/store.ts";\n',
  "runtime/src/conversations/turn-store.ts": "export const storeTurn = 1;\n",
  "runtime/src/conversations/index.ts": 'export { storeTurn } from "./turn-store.ts";\n',
  "runtime/src/whatsapp/reaches-internals.ts":
    'import { storeTurn } from "../conversations/turn-store.ts";\nexport const e = storeTurn;\n',
  "runtime/src/whatsapp/keeps-the-rules.ts": [
    'import { storeTurn } from "../conversations/index.ts";',
    'import { e } from "./reaches-internals.ts";',
    "export const f = [storeTurn, e];",
    "",
  ].join("\n"),
  "studio/src/reads-repository.ts":
    'import type { Row } from "../../runtime/src/db/store.ts";\nexport type A = Row;\n',
  "studio/src/runs-engine.ts":
    'import { compileGraph } from "../../engine/src/index.ts";\nexport const b = compileGraph;\n',
  "studio/src/reaches-engine-internals.ts":
    'import { wrap } from "../../engine/src/compile/compile-graph.ts";\nexport const c = wrap;\n',
  "studio/src/keeps-the-rules.ts": [
    'import type { TurnInput } from "../../engine/src/index.ts";',
    'import type { Flow } from "../../engine/src/schema/index.ts";',
    'import type { Row } from "../../runtime/src/api-types.ts";',
    "export type D = [TurnInput, Flow, Row];",
    "",
  ].join("\n"),
};

let folder = "";
let output = "";
let exitCode: number | null = null;

/** The `rule: from → to` lines the cruiser reports as errors. */
function violations(): string[] {
  return output.split("\n").filter((line) => line.includes("error "));
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "dependency-rules-"));
  for (const [path, text] of Object.entries(FILES)) {
    await mkdir(dirname(join(folder, path)), { recursive: true });
    await writeFile(join(folder, path), text);
  }
  const cruise = Bun.spawn(
    [
      process.execPath,
      "--bun",
      CRUISER,
      "engine/src",
      "studio/src",
      "runtime/src",
      "--config",
      join(ROOT, ".dependency-cruiser.cjs"),
    ],
    { cwd: folder, stdout: "pipe", stderr: "pipe" },
  );
  output = (await new Response(cruise.stdout).text()) + (await new Response(cruise.stderr).text());
  exitCode = await cruise.exited;
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe("bun run deps (dependency-cruiser with .dependency-cruiser.cjs)", () => {
  it("fails when a rule is broken", () => {
    expect(exitCode).not.toBe(0);
  });

  const broken: [rule: string, file: string, target: string][] = [
    ["engine-imports-no-app-code", "engine/src/reads-repository.ts", "runtime/src/db/store.ts"],
    ["engine-imports-no-server-or-database", "engine/src/serves-http.ts", "elysia"],
    ["engine-imports-no-server-or-database", "engine/src/opens-sqlite.ts", "bun:sqlite"],
    [
      "studio-imports-runtime-api-types-only",
      "studio/src/reads-repository.ts",
      "runtime/src/db/store.ts",
    ],
    [
      "studio-imports-only-types-from-engine-main",
      "studio/src/runs-engine.ts",
      "engine/src/index.ts",
    ],
    [
      "studio-imports-browser-safe-engine-entries",
      "studio/src/reaches-engine-internals.ts",
      "engine/src/compile/compile-graph.ts",
    ],
    [
      "runtime-feature-internals",
      "runtime/src/whatsapp/reaches-internals.ts",
      "runtime/src/conversations/turn-store.ts",
    ],
  ];
  for (const [rule, file, target] of broken) {
    it(`names ${rule} for ${file} → ${target}`, () => {
      const line = violations().find((text) => text.includes(`${rule}: ${file}`));
      expect(line).toContain(target);
    });
  }

  it("lets the studio import the engine's types and browser-safe entries and the runtime's API types, and a feature another's index.ts and its own files", () => {
    expect(violations().filter((line) => line.includes("keeps-the-rules"))).toEqual([]);
    expect(violations()).toHaveLength(broken.length);
  });
});
