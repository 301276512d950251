export { deleteFlowKnowledge, pinDraft } from "./knowledge.repository.ts";
export {
  createKnowledgeStore,
  type KnowledgeStore,
  knowledgeVersionOf,
} from "./knowledge-store.ts";
