import { describe, expect, it } from "bun:test";
import { searchNodes } from "../../../studio/src/core/node-search.ts";
import { sampleFlow } from "./helpers.ts";

describe("searchNodes", () => {
  const flow = {
    ...sampleFlow(),
    nodes: [
      ...sampleFlow().nodes,
      {
        id: "store",
        type: "reply" as const,
        title: "Point to the shop",
        config: { text: "Our Lisbon STORE opens at nine." },
      },
    ],
  };

  it("finds a node by a word of its reply text, case aside, and says where", () => {
    const [match] = searchNodes(flow, "lisbon nine");
    expect(match).toMatchObject({ id: "store", field: "text" });
    expect(match?.excerpt).toContain("Lisbon");
  });

  it("finds nodes by id and title, those before config matches", () => {
    expect(searchNodes(flow, "answer").map((m) => m.id)).toEqual(["answer"]);
    expect(searchNodes(flow, "shop").map((m) => m.id)).toEqual(["store"]);
    expect(searchNodes(flow, "store")[0]?.field).toBe("id");
  });

  it("finds a classifier by an intent's example, and nothing for an empty query", () => {
    expect(searchNodes(flow, "a question").map((m) => m.id)).toContain("route");
    expect(searchNodes(flow, "  ")).toEqual([]);
    expect(searchNodes(flow, "refund")).toEqual([]);
  });
});
