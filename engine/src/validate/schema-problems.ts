import { Value } from "@sinclair/typebox/value";
import type { FlowProblem } from "../errors.ts";
import { nodeTypes } from "../nodes/definitions.ts";
import { Flow } from "../schema/flow.ts";
import { describeSchemaErrors } from "./describe-schema-error.ts";
import { isNodeType, isRecord } from "./flow-view.ts";
import { nodeSchemas } from "./node-schemas.ts";

/** Node errors come from each node's own schema; the union's would only say "no match". */
const NODE_PATH = /^\/nodes\/\d+(\/|$)/;

/**
 * A copy of the flow with schema defaults filled in, nodes by their own type's schema so that
 * a node with one mistake still gets its defaults (and no "missing property" noise for them).
 */
export function withDefaults(input: Record<string, unknown>): Record<string, unknown> {
  const draft = Value.Clone(input);
  if (Array.isArray(draft.nodes)) {
    draft.nodes = draft.nodes.map((node) =>
      isRecord(node) && isNodeType(node.type) ? Value.Default(nodeSchemas[node.type], node) : node,
    );
  }
  return Value.Default(Flow, draft) as Record<string, unknown>;
}

function nodeProblems(node: unknown, index: number): FlowProblem[] {
  const path = `/nodes/${index}`;
  if (!isRecord(node))
    return [{ path, message: "A node must be an object with an id, a type and a config." }];
  const nodeId = typeof node.id === "string" ? node.id : undefined;
  const at = nodeId === undefined ? {} : { nodeId };
  if (isNodeType(node.type))
    return describeSchemaErrors(Value.Errors(nodeSchemas[node.type], node), path, nodeId);
  const known = `known types are ${nodeTypes.join(", ")}`;
  if (node.type === undefined)
    return [{ path, ...at, message: `The node has no "type"; ${known}.` }];
  return [
    {
      path: `${path}/type`,
      ...at,
      message: `Unknown node type ${JSON.stringify(node.type)}; ${known}.`,
    },
  ];
}

/** Schema problems of a defaulted draft, and which nodes matched their type's schema. */
export function schemaProblems(draft: Record<string, unknown>): {
  problems: FlowProblem[];
  validNodes: Set<number>;
} {
  const errors = [...Value.Errors(Flow, draft)].filter((error) => !NODE_PATH.test(error.path));
  const problems = describeSchemaErrors(errors, "");
  const validNodes = new Set<number>();
  if (Array.isArray(draft.nodes)) {
    draft.nodes.forEach((node, index) => {
      const found = nodeProblems(node, index);
      if (found.length === 0) validNodes.add(index);
      problems.push(...found);
    });
  }
  return { problems, validNodes };
}
