/**
 * Dependency rules for `bun run deps` (part of `bun run lint`): what each package may import.
 * `tests/tooling/dependency-rules.test.ts` shows that each rule fails a file that breaks it.
 * @type {import('dependency-cruiser').IConfiguration}
 */

/** Server frameworks, database drivers, tracing backends and container clients. */
const SERVER_PACKAGES = [
  "elysia",
  // Eden is the browser client for Elysia: the studio uses it.
  "@elysiajs/(?!eden/)[^/]+",
  "kysely",
  "pg",
  "pg-[^/]+",
  "postgres",
  "better-sqlite3",
  "mysql2",
  "@langfuse/",
  "dockerode",
  "hono",
  "express",
  "fastify",
  "ws",
];
/** A package in node_modules, or its bare name when it is not installed (still forbidden). */
const SERVER_PACKAGE_PATH = `(^|(^|/)node_modules/)(${SERVER_PACKAGES.join("|")})(/|$)`;
/** Bun's and Node's server and database built-ins (a built-in's path is its name). */
const SERVER_BUILTINS =
  "^(bun:sqlite|bun|node:http|node:https|node:http2|node:net|node:tls|node:dgram|node:child_process|node:cluster|http|https|http2|net|tls|dgram|child_process|cluster)$";

/**
 * A runtime folder's public surface is its `index.ts`: what it re-exports is what other folders may
 * use; every other file in it is internal. The composition root (the files directly in
 * runtime/src: `services.ts`, `app.ts`, `cli.ts`, `api-types.ts`…) wires the features and is exempt;
 * so is `db/tables.ts`, which reads each feature's table types to type the database.
 */
const RUNTIME_FEATURE_INTERNALS = {
  name: "runtime-feature-internals",
  comment:
    "A runtime folder imports another folder only through that folder's index.ts, never its internal files.",
  severity: "error",
  from: { path: "^runtime/src/([^/]+)/", pathNot: "^runtime/src/db/tables\\.ts$" },
  to: {
    path: "^runtime/src/[^/]+/",
    pathNot: ["^runtime/src/$1/", "^runtime/src/[^/]+/index\\.ts$"],
  },
};

module.exports = {
  forbidden: [
    {
      name: "engine-imports-no-app-code",
      comment:
        "The engine is a library: it imports no runtime, studio or infra code (they import it).",
      severity: "error",
      from: { path: "^engine/" },
      to: { path: "^(runtime|studio|infra)/" },
    },
    {
      name: "engine-imports-no-server-or-database",
      comment:
        "The engine runs in any host: no HTTP server, database driver, tracing backend or container client; the caller passes the checkpointer, the models and the fetch.",
      severity: "error",
      from: { path: "^engine/" },
      to: { path: [SERVER_PACKAGE_PATH, SERVER_BUILTINS] },
    },
    {
      name: "studio-imports-browser-safe-engine-entries",
      comment:
        "The studio imports the engine through its browser-safe entries (@switchboard/engine/schema, /validate) and types from its main entry, nothing else.",
      severity: "error",
      from: { path: "^studio/" },
      to: {
        path: "^engine/",
        pathNot: "^engine/src/(schema/index|validate/index|index)\\.ts$",
      },
    },
    {
      name: "studio-imports-only-types-from-engine-main",
      comment:
        "@switchboard/engine's main entry pulls in LangChain: the studio may only import types from it (`import type`).",
      severity: "error",
      from: { path: "^studio/" },
      to: { path: "^engine/src/index\\.ts$", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "studio-imports-runtime-api-types-only",
      comment:
        "The studio imports the runtime's public API types (runtime/src/api-types.ts) and nothing else of the runtime: never its repositories, services or routes.",
      severity: "error",
      from: { path: "^studio/" },
      to: { path: "^runtime/", pathNot: "^runtime/src/api-types\\.ts$" },
    },
    {
      name: "studio-imports-runtime-api-as-types",
      comment:
        "runtime/src/api-types.ts is for `import type`: runtime code never reaches the browser.",
      severity: "error",
      from: { path: "^studio/" },
      to: { path: "^runtime/src/api-types\\.ts$", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "studio-imports-no-infra-or-server-code",
      comment:
        "The studio runs in the browser: no infra code, server framework, database driver or server built-in.",
      severity: "error",
      from: { path: "^studio/" },
      to: { path: ["^infra/", SERVER_PACKAGE_PATH, SERVER_BUILTINS] },
    },
    RUNTIME_FEATURE_INTERNALS,
    {
      name: "runtime-channels-are-outermost",
      comment:
        "Channels (web-chat, whatsapp, studio, handoffs) adapt the conversation to a wire format: the conversation, flows, tracing and the database never import one (see ARCHITECTURE.md).",
      severity: "error",
      // tables.ts lists every feature's table types for Kysely, a channel's tables among them.
      from: {
        path: "^runtime/src/(conversations|flows|tracing|db|auth|config)/",
        pathNot: "^runtime/src/db/tables\\.ts$",
      },
      to: { path: "^runtime/src/(web-chat|whatsapp|studio|handoffs)/" },
    },
    {
      name: "runtime-db-is-infrastructure",
      comment:
        "db/ is the database, its dialects and migrations: it reads the features' table types (tables.ts) and nothing else of them.",
      severity: "error",
      from: { path: "^runtime/src/db/" },
      to: {
        path: "^runtime/src/(?!db/)[^/]+/",
        dependencyTypesNot: ["type-only"],
      },
    },
  ],
  options: {
    doNotFollow: { path: "(^|/)node_modules/" },
    exclude: { path: "(^|/)(dist|coverage)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types", "typings"],
    },
    skipAnalysisNotInRules: true,
  },
};
