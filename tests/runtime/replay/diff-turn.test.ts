import { expect, it } from "bun:test";
import type { RecordedOutcome } from "../../../runtime/src/conversations/turn-recording.ts";
import { diffTurn } from "../../../runtime/src/replay/diff-turn.ts";

const recorded: RecordedOutcome = {
  status: "waiting",
  replies: [{ nodeId: "lead_thanks", text: "Thank you, Ana!", author: "bot" }],
  path: ["sales", "lead_thanks"],
  intent: { name: "buy", confidence: 0.931 },
  vars: { lead: { name: "Ana" } },
  handoff: null,
};

it("finds nothing in the same turn, even through JSON", () => {
  expect(diffTurn(recorded, JSON.parse(JSON.stringify(recorded)))).toEqual({
    changes: [],
    divergedAt: null,
  });
});

it("tells each kind of change apart", () => {
  expect(diffTurn(recorded, { ...recorded, intent: { name: "buy", confidence: 0.5 } })).toEqual({
    changes: ["intent"],
    divergedAt: null,
  });
  expect(diffTurn(recorded, { ...recorded, vars: { lead: { name: "Bo" } } }).changes).toEqual([
    "variables",
  ]);
  const handedOff = {
    ...recorded,
    status: "handoff" as const,
    handoff: {
      status: "open" as const,
      nodeId: "escalate",
      queue: "support",
      reason: "asked",
      summary: "",
      openedAt: "",
      updatedAt: "",
    },
  };
  expect(diffTurn(recorded, handedOff).changes).toEqual(["handoff"]);
  expect(diffTurn(recorded, { ...recorded, status: "ended" }).changes).toEqual(["ended"]);
});

it("marks where the paths part, or the first changed reply's node", () => {
  expect(diffTurn(recorded, { ...recorded, path: ["sales", "lead_store"] })).toMatchObject({
    changes: ["route"],
    divergedAt: "sales",
  });
  expect(diffTurn(recorded, { ...recorded, path: ["classify"] }).divergedAt).toBe("classify");
  expect(
    diffTurn(recorded, {
      ...recorded,
      replies: [...recorded.replies, { nodeId: "lead_thanks", text: "Bye", author: "bot" }],
    }),
  ).toEqual({ changes: ["reply"], divergedAt: "lead_thanks" });
});
