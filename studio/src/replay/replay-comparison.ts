import type { TurnResult } from "@switchboard/engine";
import type {
  ChangeKind,
  ConversationReplay,
  RecordedOutcome,
  ReplayedTurn,
} from "../../../runtime/src/api-types.ts";
import { timelineFromResult } from "../runs/recorded-timelines.ts";
import type { TurnTimeline } from "../runs/turn-timeline.ts";

export type { ConversationReplay, ReplayedTurn };

/** One line of a turn's side-by-side view: a field as recorded and as replayed. */
export interface ComparedField {
  label: string;
  recorded: string;
  replayed: string;
  changed: boolean;
}

const FIELDS: { label: string; kind: ChangeKind; show: (outcome: RecordedOutcome) => string }[] = [
  {
    label: "Replies",
    kind: "reply",
    show: (outcome) => outcome.replies.map((reply) => reply.text).join("\n") || "(none)",
  },
  { label: "Path", kind: "route", show: (outcome) => outcome.path.join(" → ") || "(none)" },
  {
    label: "Intent",
    kind: "intent",
    show: ({ intent }) => (intent ? `${intent.name} (${intent.confidence.toFixed(2)})` : "(none)"),
  },
  {
    label: "Variables",
    kind: "variables",
    show: (outcome) => JSON.stringify(outcome.vars, null, 1),
  },
  { label: "Handoff", kind: "handoff", show: (outcome) => outcome.handoff?.status ?? "none" },
  {
    label: "Status",
    kind: "ended",
    show: (outcome) => (outcome.error ? `${outcome.status}: ${outcome.error}` : outcome.status),
  },
];

/**
 * A replayed turn's fields side by side, each marked changed by the runtime's diff.
 *
 * @example compareTurn(turn).filter((field) => field.changed).map((f) => f.label) // ["Replies"]
 */
export function compareTurn(turn: ReplayedTurn): ComparedField[] {
  return FIELDS.map(({ label, kind, show }) => ({
    label,
    recorded: show(turn.recorded),
    replayed: show(turn.replayed),
    changed: turn.changes.includes(kind),
  }));
}

/** What a turn's input said, for its heading. */
export function describeInput(turn: ReplayedTurn): string {
  const { input } = turn;
  if (input.kind === "user") return `User: ${input.text}`;
  if (input.kind === "agent") return `Agent: ${input.text}`;
  return input.kind === "handback" ? "Agent handed back" : "Agent closed the handoff";
}

/** A recorded or replayed turn's outcome as the timeline and the canvas show a turn. */
export function timelineOfOutcome(turn: ReplayedTurn, side: "recorded" | "replayed"): TurnTimeline {
  const outcome = turn[side];
  const result: TurnResult = {
    threadId: "",
    status: outcome.status,
    replies: outcome.replies,
    visited: outcome.path,
    intent: outcome.intent,
    vars: outcome.vars,
    handoff: outcome.handoff,
    calls: [],
    errors: (outcome.nodeErrors ?? []).map((error) => ({ ...error, code: "node_failed" })),
    durationMs: 0,
  };
  return timelineFromResult(turn.input, result);
}
