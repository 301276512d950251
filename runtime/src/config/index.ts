export { findFlowFiles } from "./flow-files.ts";
export { loadModelCatalog } from "./model-catalog.ts";
export { ConfigError, loadServerConfig } from "./server-config.ts";
