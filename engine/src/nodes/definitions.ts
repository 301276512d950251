import { classifyNode } from "./classify/definition.ts";
import { conditionNode } from "./condition/definition.ts";
import { endNode } from "./end/definition.ts";
import { escalateNode } from "./escalate/definition.ts";
import { faqNode } from "./faq/definition.ts";
import { httpNode } from "./http/definition.ts";
import { llmNode } from "./llm/definition.ts";
import { replyNode } from "./reply/definition.ts";
import { salesNode } from "./sales/definition.ts";
import { setNode } from "./set/definition.ts";

/** Every node type's schema and metadata, keyed by type. Free of LangChain for the studio. */
export const nodeDefinitions = {
  classify: classifyNode,
  faq: faqNode,
  sales: salesNode,
  escalate: escalateNode,
  llm: llmNode,
  condition: conditionNode,
  set: setNode,
  reply: replyNode,
  http: httpNode,
  end: endNode,
} as const;

export type NodeType = keyof typeof nodeDefinitions;
export const nodeTypes = Object.keys(nodeDefinitions) as NodeType[];
