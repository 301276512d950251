import type { Static, TObject } from "@sinclair/typebox";

/** Where a node type appears in the studio's palette. */
export type NodeCategory = "understand" | "answer" | "act" | "logic";

/** One outgoing branch a node can take; `required` branches must have an edge. */
export interface BranchLabel {
  label: string;
  required: boolean;
}

/**
 * What the engine, the validator and the studio know about a node type without running it:
 * its config schema and its metadata. Implementations live beside it (`run.ts`) and are
 * registered separately so this module stays free of LangChain.
 */
export interface NodeDefinition<Type extends string, Config extends TObject> {
  type: Type;
  config: Config;
  label: string;
  category: NodeCategory;
  description: string;
  /** A lucide icon name for the studio. */
  icon: string;
  /** The branch labels this node can emit for a config; `[]` means a single plain edge. */
  branches: (config: Static<Config>) => BranchLabel[];
  /**
   * Whether the node can pause the conversation: once the user's message was answered, a turn
   * ends before a node that reads it, and the next message starts there; `escalate` waits for a
   * human (a LangGraph interrupt). Every cycle of a flow must pass through such a node.
   */
  pauses: boolean;
  /** Whether the node can end the conversation (the last node of a path). */
  final: boolean;
  /** A one-line summary of a config for the canvas. */
  summarize: (config: Static<Config>) => string;
  /** Templates and expressions in a config, for reference checks. */
  references: (config: Static<Config>) => { templates: string[]; expressions: string[] };
}

export function defineNode<Type extends string, Config extends TObject>(
  definition: NodeDefinition<Type, Config>,
): NodeDefinition<Type, Config> {
  return definition;
}
