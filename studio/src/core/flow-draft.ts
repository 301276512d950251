import type { Flow, FlowEdge, FlowNode, NodeType } from "@switchboard/engine/schema";

/**
 * The flow being edited. It has a flow's shape, but as work in progress it may not validate
 * yet (a required field left empty, a branch not connected): the validator says what is wrong.
 */
export type FlowDraft = Flow;
export type { FlowEdge, FlowNode, NodeType };

/**
 * A new flow with one reply node, so it validates (and can be saved) from the start.
 *
 * @example
 * newFlow("billing", "Billing questions").nodes[0].id // "greet"
 */
export function newFlow(id: string, name: string): FlowDraft {
  return {
    id,
    name,
    version: 1,
    entry: "greet",
    language: "en",
    models: ["default"],
    knowledge: [],
    variables: [],
    fallback: "Sorry, something went wrong on my side. Please try again in a moment.",
    nodes: [
      {
        id: "greet",
        type: "reply",
        title: "Greeting",
        position: { x: 0, y: 0 },
        config: { text: "Hello! How can I help?" },
      },
    ],
    edges: [],
  };
}

/** A flow id from a name: lower case, words joined by `-`, starting with a letter. */
export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^[^a-z]+|-+$/g, "")
    .slice(0, 64);
  return slug || "flow";
}
