/**
 * LangGraph's recursion limit for one turn: the steps a turn may take before LangGraph stops it
 * with an error. Free of imports, so the validator (which runs in the browser) reads it too.
 */
export const TURN_RECURSION_LIMIT = 200;

/** The most nodes one turn runs: LangGraph stops a run when its step count reaches the limit. */
export const MAX_NODES_PER_TURN = TURN_RECURSION_LIMIT - 1;
