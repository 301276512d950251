import type { Flow } from "@switchboard/engine/schema";

/** A flow as the studio edits it: a draft, and which of its saved versions the runtime serves. */
export interface FlowTable {
  id: string;
  name: string;
  /** The flow document being edited, as JSON; null when it equals the latest version. */
  draft: string | null;
  draftUpdatedAt: string | null;
  publishedVersion: number | null;
  createdAt: string;
  updatedAt: string;
}

/** A saved version of a flow; never updated, so a conversation can stay on it. */
export interface FlowVersionTable {
  flowId: string;
  version: number;
  /** The flow document as JSON. */
  definition: string;
  author: string;
  note: string | null;
  createdAt: string;
}

/** The flow document the engine parses, validates and compiles. */
export type FlowDefinition = Flow;
