import type { Simulation } from "@switchboard/engine/schema";
import type { ChatVersion } from "../../runs/chat-session.ts";
import type { SimulationSummary } from "../../runs/simulation-report.ts";

/** The simulations panel's state, kept while other tabs are shown. */
export interface SimulationsState {
  listing:
    | { state: "idle" | "loading" }
    | { state: "failed"; message: string }
    | { state: "ready"; file: string; simulations: Simulation[] };
  /** Set when the simulations changed elsewhere (a chat saved as one): reload on show. */
  stale: boolean;
  version: ChatVersion;
  run:
    | { state: "idle" | "running" }
    | { state: "failed"; message: string }
    | { state: "done"; summary: SimulationSummary; ranOn: ChatVersion };
}

export const INITIAL_SIMULATIONS: SimulationsState = {
  listing: { state: "idle" },
  stale: false,
  version: "draft",
  run: { state: "idle" },
};
