import { expect, it, spyOn } from "bun:test";
import { startWalCheckpointer } from "../../../runtime/src/db/wal-checkpointer.ts";

it("says so when it cannot open the file, and still stops cleanly", async () => {
  const warn = spyOn(console, "warn").mockImplementation(() => {});
  try {
    const checkpointer = startWalCheckpointer("/nonexistent-directory/switchboard.db", 50);
    const deadline = Date.now() + 3_000;
    while (warn.mock.calls.length === 0 && Date.now() < deadline) await Bun.sleep(20);
    expect(String(warn.mock.calls[0]?.[0])).toContain(
      "the background checkpointer could not start (unable to open database file)",
    );
    await checkpointer.stop();
  } finally {
    warn.mockRestore();
  }
});
