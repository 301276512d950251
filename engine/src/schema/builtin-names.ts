/** Names every template and expression can use besides the flow's declared variables. */
export const builtinNames = ["intent", "last_message", "handoff", "language"] as const;

/**
 * Node ids a flow cannot use: LangGraph's own node names and the conversation state's
 * channels, which share one namespace with node names in a LangGraph graph.
 */
export const reservedNodeIds = ["__start__", "__end__", "messages", "vars", "bookkeeping"] as const;
