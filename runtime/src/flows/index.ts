export type { FlowDefinition } from "./flow.table.ts";
export { checkFlowDocument } from "./flow-document.ts";
export { createFlowRuntime, type FlowLoadReport, type FlowRuntime } from "./flow-runtime.ts";
export { createFlowService, type FlowService } from "./flow-service.ts";
export { findPublishedVersionNumber, getVersion, listFlows } from "./flows.repository.ts";
export type { VersionRef } from "./version-ref.ts";
export { versionRef } from "./version-ref-schema.ts";
