import { afterAll, beforeAll, describe, expect, it } from "bun:test";
import { join } from "node:path";
import type { Flow as FlowDefinition } from "@switchboard/engine";
import { createTestStore, type TestStore } from "../db/test-database.ts";
import { createRecordedStore } from "../replay/recorded-store.ts";

const root = join(import.meta.dir, "..", "..", "..");

let store: TestStore;
let recorded: Awaited<ReturnType<typeof createRecordedStore>>;
let changedSession = "";

/** Runs `switchboard replay …` over the test database, as CI would. */
async function replay(args: string[]) {
  const child = Bun.spawn([process.execPath, "runtime/src/cli.ts", "replay", ...args], {
    cwd: root,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      ...process.env,
      DATABASE_URL: store.url,
      FLOWS_DIR: recorded.flowsDir,
      MODELS_FILE: "",
      CONFIG_FILE: "",
    },
  });
  const [stdout, stderr, code] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  return { stdout, stderr, code };
}

beforeAll(async () => {
  store = createTestStore("sqlite");
  const database = await store.open();
  recorded = await createRecordedStore(database);
  await recorded.converse(["what time do you open on sunday?"]);
  await recorded.converse(["bye"]);
  await recorded.converse(["financing?"]);
  changedSession = (await recorded.converse(["hi there"])).sessionId;
  const { definition } = await recorded.flowService.get("support", "latest");
  const flow = structuredClone(definition) as FlowDefinition;
  const greeting = flow.nodes.find((node) => node.id === "greeting") as unknown as {
    config: { text: string };
  };
  greeting.config.text = "Hello! Voltra Bikes here.";
  await recorded.flowService.saveDraft("support", flow);
  await database.close();
});

afterAll(async () => {
  await recorded.dispose();
  await store.dispose();
});

describe("switchboard replay", () => {
  it("exits 1 when more than the allowed share of conversations changes, naming them", async () => {
    const { stdout, code } = await replay([
      "--flow",
      "support",
      "--version",
      "draft",
      "--last",
      "500",
      "--max-changed",
      "0.2",
    ]);
    expect(stdout).toContain(
      "Replayed 4 conversation(s) against support draft: 1 changed (25.0%, allowed 20.0%)",
    );
    expect(stdout).toContain(changedSession);
    expect(stdout).toContain("turn 1 at greeting");
    expect(code).toBe(1);
  });

  it("exits 0 within the allowed share, and reports as JSON", async () => {
    const { stdout, code } = await replay([
      "--flow",
      "support",
      "--last",
      "500",
      "--max-changed",
      "0.25",
      "--json",
    ]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.report).toMatchObject({
      total: 4,
      changed: 1,
      byKind: { reply: [changedSession] },
    });
  });

  it("finds nothing changed against the version the conversations ran on", async () => {
    const { stdout, code } = await replay(["--flow", "support", "--version", "1", "--last", "2"]);
    expect(stdout).toContain("Replayed 2 conversation(s) against support version 1: 0 changed");
    expect(code).toBe(0);
  });

  it("exits 2 naming a wrong option or a missing flow", async () => {
    const wrong = await replay(["--flow", "support", "--max-changed", "3"]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("--max-changed takes a share from 0 to 1");
    const missing = await replay(["--flow", "nope"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('There is no flow "nope"');
  });
});
