import type { NodeOf } from "../schema/flow.ts";
import { classifyImplementation } from "./classify/run.ts";
import { conditionImplementation } from "./condition/run.ts";
import type { NodeType } from "./definitions.ts";
import { endImplementation } from "./end/run.ts";
import { escalateImplementation } from "./escalate/run.ts";
import { faqImplementation } from "./faq/run.ts";
import { httpImplementation } from "./http/run.ts";
import { llmImplementation } from "./llm/run.ts";
import type { NodeImplementation } from "./node-runner.ts";
import { replyImplementation } from "./reply/run.ts";
import { salesImplementation } from "./sales/run.ts";
import { setImplementation } from "./set/run.ts";

/** Every node type's implementation; a type without one fails the type check. */
export const nodeImplementations = {
  classify: classifyImplementation,
  faq: faqImplementation,
  sales: salesImplementation,
  escalate: escalateImplementation,
  llm: llmImplementation,
  condition: conditionImplementation,
  set: setImplementation,
  reply: replyImplementation,
  http: httpImplementation,
  end: endImplementation,
} satisfies { [K in NodeType]: NodeImplementation<NodeOf<K>> };
