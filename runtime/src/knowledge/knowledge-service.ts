import {
  type Flow,
  findAnswers,
  indexKnowledgeBase,
  type KnowledgeIndex,
  type KnowledgeRef,
  type KnowledgeSourceFile,
  knowledgeLanguage,
  type NodeOf,
  nodeDefinitions,
} from "@switchboard/engine";
import { listRoutedMessages } from "../conversations/index.ts";
import type { Database } from "../db/index.ts";
import { AppError } from "../errors.ts";
import type { FlowService, VersionRef } from "../flows/index.ts";
import { checkFlowDocument } from "../flows/index.ts";
import { deleteDraftEntry, putDraftEntry, writeBase } from "./knowledge.repository.ts";
import type { KnowledgeItem, StoredKnowledgeBase } from "./knowledge-entry.ts";
import { exportKnowledgeFiles, toEngineBase } from "./knowledge-files.ts";
import { type EntryInput, type ImportPlan, newEntry, planImport } from "./knowledge-import.ts";
import type { ImportRequest } from "./knowledge-schemas.ts";
import { type KnowledgeStore, knowledgeVersionOf } from "./knowledge-store.ts";

/** A knowledge base of a flow version, with the nodes that answer from it. */
export interface KnowledgeBaseView extends StoredKnowledgeBase {
  /** The FAQ nodes answering from it, with the score under which a question goes unanswered. */
  nodes: { id: string; minScore: number; topK: number }[];
}

/** How the flow would answer a question from a base: every entry ranked, and the chosen. */
export interface QuestionTest {
  /** The FAQ node whose threshold applies; null when no FAQ node answers from the base. */
  nodeId: string | null;
  threshold: number;
  hits: { id: string; question: string; score: number; passes: boolean }[];
  /** The entries the node would answer from, best first; empty: it takes `no_answer`. */
  answers: string[];
}

/** A question users asked that an FAQ node left unanswered, latest first. */
export interface UnansweredQuestion {
  text: string;
  /** How many times it was asked, among the latest. */
  count: number;
  lastAskedAt: string;
}

export interface KnowledgeService {
  /** The bases a flow version declares (the draft's knowledge unless told otherwise). */
  list(flowId: string, ref?: VersionRef): Promise<KnowledgeBaseView[]>;
  /** Adds an entry to the draft's base. @throws AppError `conflict` for an id it has. */
  add(flowId: string, baseId: string, input: EntryInput): Promise<KnowledgeItem>;
  /** Changes an entry of the draft's base, keeping its id and place. */
  update(
    flowId: string,
    baseId: string,
    entryId: string,
    input: EntryInput,
  ): Promise<KnowledgeItem>;
  remove(flowId: string, baseId: string, entryId: string): Promise<void>;
  /** What importing the text would add and change, without storing anything. */
  previewImport(flowId: string, baseId: string, request: ImportRequest): Promise<ImportPlan>;
  applyImport(flowId: string, baseId: string, request: ImportRequest): Promise<ImportPlan>;
  /** The base as the files it came from, in their formats. */
  exportFiles(flowId: string, baseId: string, ref?: VersionRef): Promise<KnowledgeSourceFile[]>;
  test(flowId: string, baseId: string, question: string, ref?: VersionRef): Promise<QuestionTest>;
  /** Recent user questions the draft still leaves unanswered. */
  unanswered(flowId: string, baseId: string): Promise<UnansweredQuestion[]>;
}

export interface KnowledgeServiceOptions {
  database: Database;
  flowService: FlowService;
  knowledge: KnowledgeStore;
  models: string[];
  flowsDir: string;
}

// Runs read for the unanswered list, and questions shown.
const RECENT_RUNS = 500;
const UNANSWERED_SHOWN = 30;
// Hits shown when testing a question: enough to see what comes just under the threshold.
const RANKED = 10;

/** @example const knowledge = createKnowledgeService({ database, flowService, knowledge: flows.knowledge, models: ["default"], flowsDir: "flows" }); */
export function createKnowledgeService({
  database: { db },
  flowService,
  knowledge,
  models,
  flowsDir,
}: KnowledgeServiceOptions): KnowledgeService {
  const documentOf = async (flowId: string, ref: VersionRef = "draft") => {
    const document = await flowService.get(flowId, ref);
    const refs = (document.definition as { knowledge?: KnowledgeRef[] }).knowledge ?? [];
    return { document, refs, version: knowledgeVersionOf(ref, document) };
  };

  const baseOf = async (flowId: string, baseId: string, ref?: VersionRef) => {
    const { document, refs, version } = await documentOf(flowId, ref);
    const declared = refs.find((one) => one.id === baseId);
    if (!declared)
      throw new AppError("not_found", `Flow "${flowId}" has no knowledge base "${baseId}".`);
    const [base] = await knowledge.stored(flowId, version, [declared]);
    return { document, base: base as StoredKnowledgeBase, version };
  };

  const draftBase = (flowId: string, baseId: string) =>
    baseOf(flowId, baseId, "draft").then(({ base }) => base);

  /** The flow, validated, with its FAQ nodes answering from the base and the base indexed. */
  const answering = async (flowId: string, baseId: string, ref?: VersionRef) => {
    const { document, base } = await baseOf(flowId, baseId, ref);
    const flow = checkFlowDocument(document.definition, { models, flowsDir });
    const nodes = faqNodes(flow, baseId);
    const language = knowledgeLanguage(flow, baseId);
    const index = indexKnowledgeBase(toEngineBase(base), language);
    return { nodes, index, language };
  };

  const answersOf = (
    index: KnowledgeIndex,
    question: string,
    language: Parameters<typeof findAnswers>[2],
    node: FaqNode | undefined,
  ) =>
    findAnswers(
      index,
      question,
      language,
      node?.config.topK ?? FAQ_DEFAULTS.topK.default,
      threshold(node),
    ).hits.map((hit) => hit.entry.id);

  return {
    async list(flowId, ref) {
      const { document, refs, version } = await documentOf(flowId, ref);
      const bases = await knowledge.stored(flowId, version, refs);
      const nodes = (document.definition as Partial<Flow>).nodes ?? [];
      return bases.map((base) => ({
        ...base,
        nodes: nodes
          .filter(
            (node): node is FaqNode => node.type === "faq" && node.config?.knowledge === base.id,
          )
          .map((node) => ({
            id: node.id,
            minScore: threshold(node),
            topK: node.config.topK ?? FAQ_DEFAULTS.topK.default,
          })),
      }));
    },

    async add(flowId, baseId, input) {
      const entry = newEntry(await draftBase(flowId, baseId), input);
      await putDraftEntry(db, flowId, baseId, entry);
      return entry;
    },

    async update(flowId, baseId, entryId, input) {
      const base = await draftBase(flowId, baseId);
      const before = base.entries.find((entry) => entry.id === entryId);
      if (!before) throw noEntry(baseId, entryId);
      const entry: KnowledgeItem = { ...before, ...input, id: entryId };
      await putDraftEntry(db, flowId, baseId, entry);
      return entry;
    },

    async remove(flowId, baseId, entryId) {
      await draftBase(flowId, baseId);
      if (!(await deleteDraftEntry(db, flowId, baseId, entryId))) throw noEntry(baseId, entryId);
    },

    async previewImport(flowId, baseId, request) {
      return planImport(await draftBase(flowId, baseId), request);
    },

    async applyImport(flowId, baseId, request) {
      const plan = planImport(await draftBase(flowId, baseId), request);
      await writeBase(db, flowId, "draft", plan.result);
      return plan;
    },

    async exportFiles(flowId, baseId, ref) {
      return exportKnowledgeFiles((await baseOf(flowId, baseId, ref)).base);
    },

    async test(flowId, baseId, question, ref) {
      const { nodes, index, language } = await answering(flowId, baseId, ref);
      const node = nodes[0];
      const minScore = threshold(node);
      return {
        nodeId: node?.id ?? null,
        threshold: minScore,
        hits: index.search(question, RANKED).map((hit) => ({
          id: hit.entry.id,
          question: hit.entry.title,
          score: hit.score,
          passes: hit.score >= minScore,
        })),
        answers: answersOf(index, question, language, node),
      };
    },

    async unanswered(flowId, baseId) {
      const { nodes, index, language } = await answering(flowId, baseId);
      const messages = await listRoutedMessages(db, {
        flowId,
        nodeIds: nodes.map((node) => node.id),
        route: "no_answer",
        limit: RECENT_RUNS,
      });
      const byText = new Map<string, UnansweredQuestion>();
      for (const message of messages) {
        const key = message.text.trim().toLowerCase();
        const known = byText.get(key);
        if (known) known.count++;
        else
          byText.set(key, { text: message.text.trim(), count: 1, lastAskedAt: message.startedAt });
      }
      // A question the draft now answers (an entry or alternate added since) is done.
      return [...byText.values()]
        .filter((question) => answersOf(index, question.text, language, nodes[0]).length === 0)
        .slice(0, UNANSWERED_SHOWN);
    },
  };
}

type FaqNode = NodeOf<"faq">;

function faqNodes(flow: Flow, baseId: string): FaqNode[] {
  return flow.nodes.filter(
    (node): node is FaqNode => node.type === "faq" && node.config.knowledge === baseId,
  );
}

// The FAQ node's defaults, for a base only other nodes answer from.
const FAQ_DEFAULTS = nodeDefinitions.faq.config.properties;

function threshold(node: FaqNode | undefined): number {
  return node?.config.minScore ?? FAQ_DEFAULTS.minScore.default;
}

function noEntry(baseId: string, entryId: string): AppError {
  return new AppError("not_found", `The base "${baseId}" has no entry "${entryId}".`);
}
