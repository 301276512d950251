import type { BaseCheckpointSaver } from "@langchain/langgraph";
import { END, START, StateGraph } from "@langchain/langgraph";
import type { KnowledgeBase, KnowledgeIndex } from "../knowledge/knowledge-base.ts";
import { indexKnowledgeBase } from "../knowledge/knowledge-index.ts";
import { knowledgeLanguage } from "../knowledge/knowledge-language.ts";
import { createModelRegistry, type ModelRegistry } from "../models/model-registry.ts";
import { type IntentModels, inlineIntentModels } from "../nlu/intent-models.ts";
import type { HttpPolicy } from "../nodes/http/http-policy.ts";
import type { NodeCompiler, NodeImplementation } from "../nodes/node-runner.ts";
import { STAY } from "../nodes/node-runner.ts";
import { nodeImplementations } from "../nodes/registry.ts";
import type { Flow, FlowNode } from "../schema/flow.ts";
import { FlowState, type FlowStateUpdate, type FlowStateValue } from "../state.ts";
import { TurnCheckpointer } from "../turn/turn-checkpointer.ts";
import { FAILED, NEXT, wrapNode } from "./wrap-node.ts";

export interface CompileOptions {
  /** Where conversation state lives between turns (thread id = conversation id). */
  checkpointer: BaseCheckpointSaver;
  /** The models the flow's nodes name; defaults to the embedded local model for every name. */
  models?: ModelRegistry;
  /** The knowledge bases the flow's `faq` nodes answer from. */
  knowledge?: KnowledgeBase[];
  /** The fetch used by `http` nodes. */
  fetch?: typeof fetch;
  /**
   * Which hosts `http` nodes may call and how much they read. Default: public hosts only (no
   * loopback, link-local or private addresses), 1 MiB per response.
   */
  http?: HttpPolicy;
  /**
   * Trains and keeps the intent models of `classify` nodes. By default they are trained here,
   * inline, and kept in memory; a server passes `createIntentModels({ training: "worker", store })`
   * so that compiling never waits for training.
   */
  intentModels?: IntentModels;
}

/** The routes out of each node: its edges by branch label, itself for STAY (END otherwise). */
function routesByNode(flow: Flow): Map<string, Map<string, string>> {
  const routes = new Map(flow.nodes.map((node) => [node.id, new Map([[STAY, node.id]])]));
  for (const edge of flow.edges) routes.get(edge.source)?.set(edge.branch ?? NEXT, edge.target);
  return routes;
}

/**
 * Compiles a validated flow into a LangGraph graph: one graph node per flow node, routers as
 * conditional edges, state = messages + `vars` + bookkeeping, and the caller's checkpointer.
 * Classifiers are trained and knowledge bases indexed here, once.
 *
 * @example
 * const graph = compileGraph(flow, { checkpointer: new MemorySaver() });
 */
export function compileGraph(flow: Flow, options: CompileOptions) {
  const models = options.models ?? createModelRegistry();
  const knowledge = new Map<string, KnowledgeIndex>(
    (options.knowledge ?? []).map((base) => [
      base.id,
      indexKnowledgeBase(base, knowledgeLanguage(flow, base.id)),
    ]),
  );
  const context = {
    flow,
    models,
    knowledge,
    fetch: options.fetch ?? fetch,
    http: options.http ?? {},
    intentModels: options.intentModels ?? inlineIntentModels,
  };
  // The graph is built dynamically from data, so LangGraph's static node-name typing can't apply.
  const graph = new StateGraph(FlowState) as unknown as StateGraph<
    typeof FlowState.spec,
    FlowStateValue,
    FlowStateUpdate,
    string
  >;
  const routesOf = routesByNode(flow);
  const waitsForUser = new Map<string, (state: FlowStateValue) => boolean>();
  for (const node of flow.nodes) {
    const implementation = nodeImplementations[node.type] as NodeImplementation<FlowNode>;
    const run = (implementation.compile as NodeCompiler<FlowNode>)(node, context);
    const hasErrorEdge = routesOf.get(node.id)?.has("error") ?? false;
    graph.addNode(node.id, wrapNode(flow, node, implementation, run, hasErrorEdge));
    waitsForUser.set(node.id, (state) => implementation.needsUserMessage(state, node));
  }
  /** Where the path goes after `nodeId` took `route`. */
  const targetOf = (nodeId: string, route: string | null): string =>
    route === FAILED ? END : (routesOf.get(nodeId)?.get(route ?? NEXT) ?? END);
  /**
   * The node a paused conversation goes on from: the one the last visited node leads to. A turn
   * ends before it rather than entering it to wait, so a conversation that did not end is paused.
   */
  const waitingNode = ({ bookkeeping: { visited, route } }: FlowStateValue): string | undefined => {
    const last = visited.at(-1);
    const target = last === undefined ? END : targetOf(last, route);
    return target === END ? undefined : target;
  };
  graph.addConditionalEdges(START, (state: FlowStateValue) => waitingNode(state) ?? flow.entry, [
    ...routesOf.keys(),
  ]);
  for (const node of flow.nodes) {
    const routes = routesOf.get(node.id) ?? new Map<string, string>();
    const targets = [...new Set([...routes.values(), END])];
    graph.addConditionalEdges(
      node.id,
      (state: FlowStateValue) => {
        const target = targetOf(node.id, state.bookkeeping.route);
        // Once the bot answered, a node that reads the user's message waits for the next one:
        // the turn ends here, and the next one starts at that node.
        const pauses =
          target !== END && state.bookkeeping.replied && waitsForUser.get(target)?.(state);
        return pauses ? END : target;
      },
      targets,
    );
  }
  const checkpointer = new TurnCheckpointer(options.checkpointer);
  return Object.assign(graph.compile({ checkpointer, name: flow.id }), {
    checkpointer,
    waitingNode,
  });
}

export type FlowGraph = ReturnType<typeof compileGraph>;
