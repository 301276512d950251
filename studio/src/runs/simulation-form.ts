import type { SimulationTurn, TurnExpectation } from "@switchboard/engine/schema";

/** What a simulated turn does: a user's message, a human agent's, a handback or a close. */
export type TurnKind = "user" | "agent" | "handback" | "close";

export function turnKind(turn: SimulationTurn): TurnKind {
  if ("user" in turn) return "user";
  if ("agent" in turn) return "agent";
  return "handback" in turn ? "handback" : "close";
}

/** The message of a user's or an agent's turn; empty for the others. */
export function turnText(turn: SimulationTurn): string {
  if ("user" in turn) return turn.user;
  return "agent" in turn ? turn.agent : "";
}

/**
 * The turn as another kind, or with another text, keeping its expectations (and a user's or
 * handback's scripted model answers where the new kind has them).
 */
export function withKind(
  turn: SimulationTurn,
  kind: TurnKind,
  text = turnText(turn),
): SimulationTurn {
  const expect = turn.expect ? { expect: turn.expect } : {};
  const scripted =
    "modelResponses" in turn && turn.modelResponses ? { modelResponses: turn.modelResponses } : {};
  switch (kind) {
    case "user":
      return { user: text, ...scripted, ...expect };
    case "agent":
      return { agent: text, ...expect };
    case "handback":
      return { handback: true, ...scripted, ...expect };
    case "close":
      return { close: true, ...expect };
  }
}

/**
 * The turn with one expectation set, or removed when `value` is empty (undefined, "", an empty
 * list or object); a turn left expecting nothing loses its `expect`.
 */
export function withExpectation<K extends keyof TurnExpectation>(
  turn: SimulationTurn,
  key: K,
  value: TurnExpectation[K] | undefined,
): SimulationTurn {
  const expect: TurnExpectation = { ...turn.expect };
  if (isEmpty(value)) delete expect[key];
  else expect[key] = value;
  const { expect: _old, ...rest } = turn;
  return (Object.keys(expect).length > 0 ? { ...rest, expect } : rest) as SimulationTurn;
}

/** The reply expectation with one of its parts set or cleared. */
export function withReplyPart(
  reply: TurnExpectation["reply"],
  part: "contains" | "excludes" | "matches",
  value: string[] | string | undefined,
): TurnExpectation["reply"] {
  const next: Record<string, unknown> = { ...reply };
  if (isEmpty(value)) delete next[part];
  else next[part] = value;
  return Object.keys(next).length > 0 ? (next as TurnExpectation["reply"]) : undefined;
}

/** A list edited as text: one item per line. */
export const linesOf = (items: readonly string[] | undefined): string => (items ?? []).join("\n");

export function parseLines(text: string): string[] | undefined {
  const items = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  return items.length > 0 ? items : undefined;
}

/** A route edited as text: node ids separated by commas or arrows. */
export const routeOf = (visited: readonly string[] | undefined): string =>
  (visited ?? []).join(" → ");

export function parseRoute(text: string): string[] | undefined {
  const ids = text
    .split(/,|→|->/)
    .map((id) => id.trim())
    .filter(Boolean);
  return ids.length > 0 ? ids : undefined;
}

/** Variables edited as text: `name = value` per line, the value JSON (or else a string). */
export function varsOf(vars: Readonly<Record<string, unknown>> | undefined): string {
  return Object.entries(vars ?? {})
    .map(([name, value]) => `${name} = ${JSON.stringify(value)}`)
    .join("\n");
}

export function parseVars(
  text: string,
): { ok: true; vars: Record<string, unknown> | undefined } | { ok: false; message: string } {
  const vars: Record<string, unknown> = {};
  for (const [index, line] of text.split(/\r?\n/).entries()) {
    if (line.trim() === "") continue;
    const at = line.indexOf("=");
    const name = line.slice(0, at).trim();
    if (at < 0 || name === "")
      return { ok: false, message: `Line ${index + 1} is not "name = value": ${line.trim()}` };
    const raw = line.slice(at + 1).trim();
    try {
      vars[name] = JSON.parse(raw);
    } catch {
      vars[name] = raw;
    }
  }
  return { ok: true, vars: Object.keys(vars).length > 0 ? vars : undefined };
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === "object" && value !== null && Object.keys(value).length === 0;
}
