import type { SimulationTurn, TurnExpectation } from "@switchboard/engine/schema";
import { useId, useState } from "react";
import {
  linesOf,
  parseLines,
  parseRoute,
  parseVars,
  routeOf,
  type TurnKind,
  turnKind,
  turnText,
  varsOf,
  withExpectation,
  withKind,
  withReplyPart,
} from "../../runs/simulation-form.ts";
import "./simulation-form.css";

const KINDS: { value: TurnKind; label: string }[] = [
  { value: "user", label: "The user says" },
  { value: "agent", label: "A human agent says" },
  { value: "handback", label: "The agent hands back" },
  { value: "close", label: "The agent closes the handoff" },
];
const STATUSES = ["waiting", "handoff", "ended", "failed"] as const;
const HANDOFFS = ["none", "open", "resolved", "closed"] as const;

/** What the form offers to pick from: the flow's intents and node ids. */
export interface TurnChoices {
  intents: string[];
  nodes: string[];
}

/**
 * One simulated turn as a form: what happens, and what the flow must do — reply phrases it must
 * contain or leave out, the intent, the route of nodes, the status, the handoff, variables.
 */
export function TurnForm({
  turn,
  index,
  choices,
  onChange,
}: {
  turn: SimulationTurn;
  index: number;
  choices: TurnChoices;
  onChange: (turn: SimulationTurn) => void;
}) {
  const id = useId();
  const kind = turnKind(turn);
  const expect: TurnExpectation = turn.expect ?? {};
  const set = <K extends keyof TurnExpectation>(key: K, value: TurnExpectation[K] | undefined) =>
    onChange(withExpectation(turn, key, value));
  const label = (what: string) => `${what} (turn ${index + 1})`;
  return (
    <div className="turn-form">
      <div className="turn-form-row">
        <select
          aria-label={label("What happens")}
          value={kind}
          onChange={(event) => onChange(withKind(turn, event.target.value as TurnKind))}
        >
          {KINDS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        {(kind === "user" || kind === "agent") && (
          <input
            aria-label={label("Message")}
            value={turnText(turn)}
            onChange={(event) => onChange(withKind(turn, kind, event.target.value))}
          />
        )}
      </div>
      <fieldset className="turn-expect">
        <legend>Expected</legend>
        <LinesField
          label={label("Reply contains")}
          title="Reply contains (one phrase per line)"
          initial={linesOf(expect.reply?.contains)}
          parse={parseLines}
          onValue={(contains) => set("reply", withReplyPart(expect.reply, "contains", contains))}
        />
        <LinesField
          label={label("Reply leaves out")}
          title="Reply leaves out (one phrase per line)"
          initial={linesOf(expect.reply?.excludes)}
          parse={parseLines}
          onValue={(excludes) => set("reply", withReplyPart(expect.reply, "excludes", excludes))}
        />
        <div className="turn-form-grid">
          <label htmlFor={`${id}-intent`}>Intent</label>
          <input
            id={`${id}-intent`}
            aria-label={label("Intent")}
            list={`${id}-intents`}
            value={expect.intent ?? ""}
            onChange={(event) => set("intent", event.target.value.trim() || undefined)}
          />
          <datalist id={`${id}-intents`}>
            {choices.intents.map((intent) => (
              <option key={intent} value={intent} />
            ))}
          </datalist>
          <label htmlFor={`${id}-route`}>Route</label>
          <RouteField
            id={`${id}-route`}
            label={label("Route")}
            visited={expect.visited}
            nodes={choices.nodes}
            onValue={(visited) => set("visited", visited)}
          />
          <label htmlFor={`${id}-status`}>Status</label>
          <select
            id={`${id}-status`}
            aria-label={label("Status")}
            value={expect.status ?? ""}
            onChange={(event) =>
              set("status", (event.target.value || undefined) as TurnExpectation["status"])
            }
          >
            <option value="">(any)</option>
            {STATUSES.map((status) => (
              <option key={status} value={status}>
                {status}
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-handoff`}>Handoff</label>
          <select
            id={`${id}-handoff`}
            aria-label={label("Handoff")}
            value={expect.handoff ?? ""}
            onChange={(event) =>
              set("handoff", (event.target.value || undefined) as TurnExpectation["handoff"])
            }
          >
            <option value="">(any)</option>
            {HANDOFFS.map((handoff) => (
              <option key={handoff} value={handoff}>
                {handoff}
              </option>
            ))}
          </select>
        </div>
        <VarsField
          label={label("Variables")}
          vars={expect.vars}
          onValue={(vars) => set("vars", vars)}
        />
      </fieldset>
    </div>
  );
}

/** A list typed one item per line; the text stays as typed while the value follows it. */
function LinesField({
  label,
  title,
  initial,
  parse,
  onValue,
}: {
  label: string;
  title: string;
  initial: string;
  parse: (text: string) => string[] | undefined;
  onValue: (value: string[] | undefined) => void;
}) {
  const id = useId();
  const [text, setText] = useState(initial);
  return (
    <div className="field">
      <label htmlFor={id}>{title}</label>
      <textarea
        id={id}
        aria-label={label}
        rows={2}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          onValue(parse(event.target.value));
        }}
      />
    </div>
  );
}

function RouteField({
  id,
  label,
  visited,
  nodes,
  onValue,
}: {
  id: string;
  label: string;
  visited: string[] | undefined;
  nodes: string[];
  onValue: (visited: string[] | undefined) => void;
}) {
  const [text, setText] = useState(routeOf(visited));
  const unknown = (parseRoute(text) ?? []).filter((node) => !nodes.includes(node));
  return (
    <div>
      <input
        id={id}
        aria-label={label}
        placeholder="classify → faq"
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          onValue(parseRoute(event.target.value));
        }}
      />
      {unknown.length > 0 && (
        <p className="field-messages">
          No node {unknown.map((node) => `“${node}”`).join(", ")} in the flow.
        </p>
      )}
    </div>
  );
}

/** Variables as `name = value` lines; a line that is not one is named, and the value kept. */
function VarsField({
  label,
  vars,
  onValue,
}: {
  label: string;
  vars: Record<string, unknown> | undefined;
  onValue: (vars: Record<string, unknown> | undefined) => void;
}) {
  const id = useId();
  const [text, setText] = useState(varsOf(vars));
  const [problem, setProblem] = useState<string>();
  return (
    <div className="field">
      <label htmlFor={id}>Variables after the turn (name = value, one per line)</label>
      <textarea
        id={id}
        aria-label={label}
        rows={2}
        className="code"
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          const parsed = parseVars(event.target.value);
          setProblem(parsed.ok ? undefined : parsed.message);
          if (parsed.ok) onValue(parsed.vars);
        }}
      />
      {problem && <p className="field-messages">{problem}</p>}
    </div>
  );
}
