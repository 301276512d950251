/**
 * Switchboard's flow engine: parse and validate a flow, compile it to a LangGraph graph, run
 * conversation turns on it, and simulate scripted conversations. No HTTP server and no database
 * driver: the caller passes the checkpointer and the models.
 * @module
 */
export { type CompileOptions, compileGraph, type FlowGraph } from "./compile/compile-graph.ts";
export { diffFlows, type FlowDiff, type NodeChange, type ValueChange } from "./diff/diff-flows.ts";
export { FlowError, type FlowErrorCode, type FlowProblem } from "./errors.ts";
export { findAnswers } from "./knowledge/find-answers.ts";
export type {
  KnowledgeBase,
  KnowledgeEntry,
  KnowledgeHit,
  KnowledgeIndex,
} from "./knowledge/knowledge-base.ts";
export type { KnowledgeFile } from "./knowledge/knowledge-file.ts";
export { indexKnowledgeBase } from "./knowledge/knowledge-index.ts";
export { knowledgeLanguage } from "./knowledge/knowledge-language.ts";
export { type KnowledgeSourceFile, loadKnowledgeBase } from "./knowledge/load-knowledge.ts";
export { slugify } from "./knowledge/markdown-sections.ts";
export { readKnowledgeFiles } from "./knowledge/read-knowledge.ts";
export { type LoadedFlow, loadFlowFile } from "./load-flow-file.ts";
export {
  type IntentClassifier,
  type IntentDefinition,
  trainIntentClassifier,
} from "./local/intent-classifier.ts";
export { extractSlots } from "./local/slot-extraction.ts";
export type {
  ChatFlowModel,
  FlowModel,
  ModelReachability,
  ModelSettings,
  ProviderContext,
} from "./models/model.ts";
export {
  createModelRegistry,
  defaultCatalog,
  type ModelRegistry,
} from "./models/model-registry.ts";
export { parseModelCatalog } from "./models/parse-model-catalog.ts";
export { type ModelStatus, probeCatalog, probeModel } from "./models/probe-model.ts";
export { ScriptedChatModel } from "./models/scripted-chat-model.ts";
export { type ClassifierStore, MemoryClassifierStore } from "./nlu/classifier-store.ts";
export { FileClassifierStore } from "./nlu/file-classifier-store.ts";
export { type IntentModel, intentModelFromBytes, trainIntentModel } from "./nlu/intent-model.ts";
export { intentModelKey } from "./nlu/intent-model-key.ts";
export {
  createIntentModels,
  type IntentModels,
  type IntentModelsOptions,
  inlineIntentModels,
  type NodeIntentClassifier,
} from "./nlu/intent-models.ts";
export {
  type IntentConfusion,
  type IntentQuality,
  type IntentQualityOptions,
  type IntentQualityReport,
  intentQualityReport,
  type MisclassifiedExample,
} from "./nlu/intent-quality-report.ts";
export { IntentTrainingThread } from "./nlu/intent-training-thread.ts";
export type { HttpPolicy } from "./nodes/http/http-policy.ts";
export { textOf } from "./nodes/messages.ts";
export { nodeImplementations } from "./nodes/registry.ts";
export * from "./schema/index.ts";
export { type Coverage, edgeName } from "./simulate/coverage.ts";
export {
  runSimulation,
  type SimulationOutcome,
  type SimulationWatcher,
  type TurnOutcome,
  type TurnWatcher,
  type WatchSimulation,
} from "./simulate/run-simulation.ts";
export {
  type FlowSimulationReport,
  runSimulations,
  simulateFlow,
  simulateFlowFiles,
} from "./simulate/simulate-flows.ts";
export { readSimulationFile, simulationPathFor } from "./simulate/simulation-file.ts";
export type { Handoff, HandoffStatus, IntentResult, ModelCall } from "./state.ts";
export { renderTemplate } from "./template.ts";
export * from "./text/language/index.ts";
export { runTurn, type TurnOptions } from "./turn/run-turn.ts";
export type {
  ModelExchange,
  Reply,
  TurnEvent,
  TurnInput,
  TurnResult,
  TurnStatus,
} from "./turn/turn-event.ts";
export { formatProblems, parseFlow, validateFlow } from "./validate/index.ts";
