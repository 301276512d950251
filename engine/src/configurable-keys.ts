/**
 * The `configurable` keys a turn passes down to the graph's nodes and chat models. They live
 * apart so that `compile`, `turn` and `models` read them without importing one another.
 */

/** The `configurable` key of the turn's event listener. */
export const EMIT = "switchboard_emit";

/**
 * The `configurable` key set when `node_start` events should carry the node's starting state;
 * `__`-prefixed so LangGraph keeps the flag out of run metadata, as it does its own keys.
 */
export const NODE_STATE = "__switchboard_node_state";

/**
 * The `configurable` key of the turn's extra LangChain callbacks (tracing). They go to the chat
 * model calls only: on the graph's config every step of the turn would report to them.
 */
export const MODEL_CALLBACKS = "__switchboard_model_callbacks";
