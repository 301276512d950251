/** Every kind of problem the engine reports; the runtime maps codes to HTTP statuses in one place. */
export type FlowErrorCode =
  | "invalid_json"
  | "invalid_flow"
  | "invalid_simulation"
  | "invalid_catalog"
  | "invalid_knowledge"
  | "invalid_expression"
  | "unknown_model"
  | "model_failed"
  | "node_failed"
  | "turn_rejected";

/** A problem found in a flow, located by a JSON pointer and/or a node id. */
export interface FlowProblem {
  /** A JSON pointer into the flow document, e.g. `/nodes/3/config/intents`. */
  path: string;
  nodeId?: string;
  message: string;
}

/**
 * The engine's error: a code for programs, a sentence for people and, for flows that do not
 * validate, every problem found.
 *
 * @example
 * try { parseFlow(text) } catch (e) { if (e instanceof FlowError) console.error(e.message) }
 */
export class FlowError extends Error {
  override readonly name = "FlowError";
  constructor(
    readonly code: FlowErrorCode,
    message: string,
    readonly details: { nodeId?: string; problems?: FlowProblem[]; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
  }

  get nodeId(): string | undefined {
    return this.details.nodeId;
  }

  get problems(): FlowProblem[] {
    return this.details.problems ?? [];
  }
}
