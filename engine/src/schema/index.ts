/**
 * The flow format and node metadata without LangChain: what the studio and the runtime's
 * request validation import.
 * @module
 */

export { type NodeType, nodeDefinitions, nodeTypes } from "../nodes/definitions.ts";
export { ModelCatalog, ModelEntry, type ProviderName } from "./catalog.ts";
export { Expression, Identifier, ModelName, Template } from "./common.ts";
export {
  type ConfigOf,
  Flow,
  FlowEdge,
  FlowNode,
  KnowledgeRef,
  type NodeOf,
  Position,
  Variable,
} from "./flow.ts";
export type { BranchLabel, NodeCategory, NodeDefinition } from "./node-definition.ts";
export { Simulation, SimulationFile, SimulationTurn, TurnExpectation } from "./simulation.ts";
