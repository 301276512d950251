import { readFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { KnowledgeBase } from "./knowledge/knowledge-base.ts";
import { readKnowledgeFiles } from "./knowledge/read-knowledge.ts";
import type { Flow } from "./schema/flow.ts";
import { parseFlow } from "./validate/index.ts";

/** A flow file with the knowledge bases it refers to, ready to compile. */
export interface LoadedFlow {
  path: string;
  flow: Flow;
  knowledge: KnowledgeBase[];
}

/**
 * Reads, validates and loads a flow file and its knowledge files (relative to the flow file).
 *
 * @example
 * const { flow, knowledge } = await loadFlowFile("flows/support.flow.json");
 */
export async function loadFlowFile(
  path: string,
  options: { models?: string[] } = {},
): Promise<LoadedFlow> {
  const flow = parseFlow(await readFile(path, "utf8"), { ...options, source: path });
  const knowledge = await readKnowledgeFiles(dirname(path), flow.knowledge);
  return { path, flow, knowledge };
}
