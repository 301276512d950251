/**
 * The packages these tests use, reached through the runtime workspace that depends on them:
 * Bun links a workspace's dependencies into its own node_modules only, and tests/ has none.
 * @module
 */
export {
  Annotation,
  Command,
  END,
  interrupt,
  MemorySaver,
  START,
  StateGraph,
} from "../../../runtime/node_modules/@langchain/langgraph/dist/index.js";
export {
  emptyCheckpoint,
  uuid6,
} from "../../../runtime/node_modules/@langchain/langgraph-checkpoint/dist/index.js";
export { Kysely, sql } from "../../../runtime/node_modules/kysely/dist/index.js";
