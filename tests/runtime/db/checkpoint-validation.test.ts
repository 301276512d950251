import { expect, it } from "bun:test";
import { join } from "node:path";
import { postgresAvailable } from "./test-database.ts";

const root = join(import.meta.dir, "..", "..", "..");

// The official @langchain/langgraph-checkpoint-validation suite, on SQLite and (when reachable
// or required) PostgreSQL, in a child `bun test` so its Vitest-style `expect` stays there.
it("KyselyCheckpointSaver passes the official checkpoint validation suite", async () => {
  const child = Bun.spawn(
    [process.execPath, "test", "./tests/runtime/db/checkpoint-validation.suite.ts"],
    {
      cwd: root,
      env: process.env,
      stdout: "pipe",
      stderr: "pipe",
    },
  );
  const [out, err, code] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  const report = `${out}\n${err}`;
  const passed = Number(report.match(/^\s*(\d+) pass$/m)?.[1] ?? 0);
  const failures = report.split("\n").filter((line) => line.startsWith("(fail)"));
  expect(failures).toEqual([]);
  expect(code).toBe(0);
  // 726 cases per dialect: every dialect that runs must run them all.
  const dialects = postgresAvailable ? 2 : 1;
  expect(passed).toBeGreaterThanOrEqual(726 * dialects);
}, 180_000);
