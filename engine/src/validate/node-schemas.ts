import type { TSchema } from "@sinclair/typebox";
import type { NodeType } from "../nodes/definitions.ts";
import {
  ClassifyNode,
  ConditionNode,
  EndNode,
  EscalateNode,
  FaqNode,
  HttpNode,
  LlmNode,
  ReplyNode,
  SalesNode,
  SetNode,
} from "../schema/flow.ts";

/**
 * Each node type's schema, so a node is checked against its own type rather than the whole
 * union (whose only error would be "does not match any node").
 */
export const nodeSchemas = {
  classify: ClassifyNode,
  faq: FaqNode,
  sales: SalesNode,
  escalate: EscalateNode,
  llm: LlmNode,
  condition: ConditionNode,
  set: SetNode,
  reply: ReplyNode,
  http: HttpNode,
  end: EndNode,
} satisfies { [K in NodeType]: TSchema };
