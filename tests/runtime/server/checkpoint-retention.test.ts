import { describe, expect, it } from "bun:test";
import { scheduleCheckpointRetention } from "../../../runtime/src/conversations/checkpoint-retention.ts";

describe("scheduleCheckpointRetention", () => {
  it("prunes at once, then on every interval, with the configured age", async () => {
    const cutoffs: Date[] = [];
    const stop = scheduleCheckpointRetention({
      prune: async (olderThan) => {
        cutoffs.push(olderThan);
        return 0;
      },
      retentionDays: 30,
      everyMs: 10,
      log: () => {},
    });
    await Bun.sleep(45);
    stop();
    const count = cutoffs.length;
    expect(count).toBeGreaterThanOrEqual(3);
    const ageDays = (Date.now() - (cutoffs[0] as Date).getTime()) / 86_400_000;
    expect(ageDays).toBeCloseTo(30, 1);
    await Bun.sleep(30);
    expect(cutoffs.length).toBe(count);
  });

  it("keeps running after a failed run and says what failed", async () => {
    const lines: string[] = [];
    let calls = 0;
    const stop = scheduleCheckpointRetention({
      prune: async () => {
        calls++;
        if (calls === 1) throw new Error("the database at 127.0.0.1:5432 is unreachable");
        return 2;
      },
      retentionDays: 7,
      everyMs: 10,
      log: (line) => lines.push(line),
    });
    await Bun.sleep(35);
    stop();
    expect(lines[0]).toContain("pruning checkpoints failed, will retry: the database");
    expect(lines).toContain("Retention: pruned the checkpoints of 2 closed conversation(s).");
  });
});
