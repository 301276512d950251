import type { ReplayJob } from "../../../../runtime/src/api-types.ts";
import type { ConversationReplay } from "../../replay/replay-comparison.ts";
import type { ReplayTargetChoice } from "./ReplayTarget.tsx";

export type { ReplayJob };

/** Which conversations a regression replay takes. */
export interface RegressionForm extends ReplayTargetChoice {
  last: number;
  channel: string;
  outcome: "" | "ended" | "handoff" | "waiting" | "failed";
  recordedVersion: string;
  from: string;
  to: string;
}

/** The regression panel's state, kept while other tabs are shown (the job runs on the server). */
export interface RegressionState {
  form: RegressionForm;
  job: ReplayJob | null;
  error: string | null;
  /** A changed conversation of the job, opened side by side. */
  opened:
    | null
    | { sessionId: string; state: "loading" }
    | { sessionId: string; state: "failed"; message: string }
    | { sessionId: string; state: "ready"; replay: ConversationReplay };
}

export const INITIAL_REGRESSION: RegressionState = {
  form: {
    version: "draft",
    models: "recorded",
    last: 200,
    channel: "",
    outcome: "",
    recordedVersion: "",
    from: "",
    to: "",
  },
  job: null,
  error: null,
  opened: null,
};
