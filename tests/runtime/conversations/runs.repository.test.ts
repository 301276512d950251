import { expect, it } from "bun:test";
import {
  listRuns,
  type NewRun,
  recordRun,
} from "../../../runtime/src/conversations/runs.repository.ts";
import { describeEachDialect, useTestStore } from "../db/test-database.ts";

const run = (startedAt: string, overrides: Partial<NewRun> = {}): NewRun => ({
  chatId: "chat-1",
  threadId: "session-1",
  flowId: "support",
  flowVersion: 3,
  status: "completed",
  error: null,
  startedAt,
  durationMs: 840,
  ...overrides,
});

describeEachDialect("runs.repository", (dialect) => {
  const test = useTestStore(dialect);

  it("records a turn's nodes and model calls and lists a chat's runs, the latest first", async () => {
    const { db } = test.database();
    await recordRun(
      db,
      run("2026-01-01T10:00:00.000Z", {
        nodes: [
          {
            nodeId: "classify",
            startedAt: "2026-01-01T10:00:00.010Z",
            durationMs: 300,
            error: null,
            route: "question",
          },
          {
            nodeId: "answer",
            startedAt: "2026-01-01T10:00:00.310Z",
            durationMs: 520,
            error: null,
            route: null,
          },
        ],
        modelCalls: [
          {
            nodeId: "answer",
            model: "local",
            inputTokens: 812,
            outputTokens: 64,
            durationMs: 500,
            error: null,
          },
        ],
      }),
    );
    await recordRun(
      db,
      run("2026-01-01T10:05:00.000Z", {
        status: "failed",
        error: "model timed out",
        durationMs: 30_000,
      }),
    );
    await recordRun(db, run("2026-01-01T10:06:00.000Z", { chatId: "chat-2" }));

    const runs = await listRuns(db, "chat-1");
    expect(runs.map((entry) => [entry.status, entry.error])).toEqual([
      ["failed", "model timed out"],
      ["completed", null],
    ]);
    expect(runs[1]?.nodes.map((node) => [node.nodeId, node.durationMs])).toEqual([
      ["classify", 300],
      ["answer", 520],
    ]);
    expect(runs[1]?.modelCalls).toEqual([
      {
        nodeId: "answer",
        model: "local",
        inputTokens: 812,
        outputTokens: 64,
        durationMs: 500,
        error: null,
      },
    ]);
    expect(await listRuns(db, "chat-1", { limit: 1, before: runs[0]?.startedAt })).toHaveLength(1);
  });

  it("records nothing of a run whose parts fail to store", async () => {
    const { db } = test.database();
    const node = {
      nodeId: "a",
      startedAt: "2026-01-01T10:00:00.000Z",
      durationMs: 1,
      error: null,
      route: null,
    };
    // The second insert breaks: a node without its required id.
    const broken = run("2026-01-01T10:00:00.000Z", {
      nodes: [{ ...node, nodeId: null as unknown as string }],
    });
    await expect(recordRun(db, broken)).rejects.toThrow();
    expect(await listRuns(db, "chat-1")).toEqual([]);
  });
});
