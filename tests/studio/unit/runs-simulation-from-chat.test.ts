import { describe, expect, it } from "bun:test";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TurnResult } from "@switchboard/engine";
import type { Simulation } from "@switchboard/engine/schema";
import { readSimulationFile } from "../../../engine/src/simulate/simulation-file.ts";
import {
  keyPhrase,
  simulationFromChat,
  uniqueSimulationName,
} from "../../../studio/src/runs/simulation-from-chat.ts";

const result = (overrides: Partial<TurnResult> = {}): TurnResult => ({
  threadId: "t",
  status: "waiting",
  replies: [],
  visited: [],
  intent: null,
  vars: {},
  handoff: null,
  calls: [],
  errors: [],
  durationMs: 1,
  ...overrides,
});

const handoff = {
  status: "open" as const,
  nodeId: "escalate",
  queue: "support",
  reason: "asked",
  summary: "",
  openedAt: "",
  updatedAt: "",
};

/** Whether the engine reads the simulation, in a simulations file, as valid. */
async function expectValid(simulation: Simulation) {
  const dir = await mkdtemp(join(tmpdir(), "simulation-from-chat-"));
  try {
    const path = join(dir, "x.simulations.json");
    await writeFile(path, JSON.stringify({ flow: "x", simulations: [simulation] }));
    expect((await readSimulationFile(path)).simulations).toEqual([simulation]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe("simulationFromChat", () => {
  const turns = [
    {
      input: { kind: "user" as const, text: "Can I talk to a person?" },
      result: result({
        status: "handoff",
        visited: ["classify", "escalate"],
        intent: { name: "human", confidence: 0.8 },
        handoff,
        replies: [
          {
            nodeId: "escalate",
            author: "bot",
            text: "I'm handing you to a colleague. They will answer here shortly, usually within ten minutes or so.",
            quickReplies: [{ id: "wait", title: "I'll wait" }],
          },
        ],
      }),
    },
    { input: { kind: "user" as const, text: "lost turn" } },
    {
      input: { kind: "agent" as const, text: "Hi, Sam here" },
      result: result({ status: "handoff", handoff }),
    },
    { input: { kind: "handback" as const }, result: result({ visited: ["resume"] }) },
    { input: { kind: "close" as const }, result: result({ status: "ended" }) },
  ];

  it("turns each finished turn into a simulation turn expecting what it did", async () => {
    const simulation = simulationFromChat(turns, { name: "Escalation" });
    expect(simulation.name).toBe("Escalation");
    expect(simulation.models).toEqual(["local"]);
    expect(simulation.turns).toEqual([
      {
        user: "Can I talk to a person?",
        expect: {
          reply: { contains: ["I'm handing you to a colleague."] },
          intent: "human",
          visited: ["classify", "escalate"],
          status: "handoff",
          handoff: "open",
          quickReplies: ["I'll wait"],
        },
      },
      { agent: "Hi, Sam here", expect: { status: "handoff", handoff: "open" } },
      { handback: true, expect: { visited: ["resume"], status: "waiting" } },
      { close: true, expect: { status: "ended" } },
    ]);
    await expectValid(simulation);
  });

  it("writes only the expectations chosen, and no expect when none is left", async () => {
    const none = { reply: false, path: false, intent: false, status: false, quickReplies: false };
    const simulation = simulationFromChat(turns.slice(0, 1), { name: "Bare", expect: none });
    expect(simulation.turns).toEqual([{ user: "Can I talk to a person?" }]);
    await expectValid(simulation);
  });
});

describe("keyPhrase", () => {
  it("takes a reply's first sentence, cut at a word to at most 60 characters", () => {
    expect(keyPhrase("We open at 11am. See you!")).toBe("We open at 11am.");
    expect(keyPhrase("  Line one\nline two")).toBe("Line one");
    const long = keyPhrase(
      "Our e-bikes ship from the Denver warehouse within five to seven business days",
    );
    expect(long).toBe("Our e-bikes ship from the Denver warehouse within five to");
    expect(long.length).toBeLessThanOrEqual(60);
  });
});

describe("uniqueSimulationName", () => {
  it("numbers a name already taken", () => {
    const existing = [{ name: "Refund" }, { name: "Refund (2)" }];
    expect(uniqueSimulationName(existing, "Refund")).toBe("Refund (3)");
    expect(uniqueSimulationName(existing, " Hours ")).toBe("Hours");
    expect(uniqueSimulationName([], "  ")).toBe("Conversation");
  });
});
