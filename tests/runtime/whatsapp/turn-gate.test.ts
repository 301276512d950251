import { describe, expect, it } from "bun:test";
import { createTurnGate } from "../../../runtime/src/whatsapp/turn-gate.ts";

describe("createTurnGate", () => {
  it("runs at most its maximum at once, admitting the others in the order they asked", async () => {
    const gate = createTurnGate({ max: 2 });
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const releases: (() => void)[] = [];
    const tasks = [0, 1, 2, 3, 4].map((index) =>
      gate.run(async () => {
        started.push(index);
        running += 1;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running -= 1;
        return index;
      }),
    );
    let finished = false;
    const all = Promise.all(tasks).finally(() => {
      finished = true;
    });
    while (!finished) {
      await Bun.sleep(1);
      releases.shift()?.();
    }
    expect(await all).toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
    gate.close();
  });

  it("always lets one turn run, however late the event loop", async () => {
    const gate = createTurnGate({ max: 4, maxLagMs: -1 });
    expect(await gate.run(async () => "ran")).toBe("ran");
    gate.close();
  });
});
