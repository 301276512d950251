import type { TurnExpectation } from "../schema/simulation.ts";
import { readPath } from "../template.ts";
import { compilePattern } from "../text/compile-pattern.ts";
import type { TurnResult } from "../turn/turn-event.ts";

/** Whether `expected` appears in `actual` in order, other items allowed in between. */
function isSubsequence(expected: string[], actual: string[]): boolean {
  let i = 0;
  for (const item of actual) if (item === expected[i]) i++;
  return i === expected.length;
}

function sameValue(actual: unknown, expected: unknown): boolean {
  return JSON.stringify(actual) === JSON.stringify(expected);
}

/** Every way a turn differs from what the simulation expects, as sentences. */
export function checkExpectations(expect: TurnExpectation | undefined, turn: TurnResult): string[] {
  if (!expect) return [];
  const problems: string[] = [];
  const reply = turn.replies.map((r) => r.text).join("\n");
  const shown = JSON.stringify(reply.length > 160 ? `${reply.slice(0, 160)}…` : reply);
  for (const text of expect.reply?.contains ?? []) {
    if (!reply.toLowerCase().includes(text.toLowerCase()))
      problems.push(`reply should contain "${text}" but was ${shown}`);
  }
  for (const text of expect.reply?.excludes ?? []) {
    if (reply.toLowerCase().includes(text.toLowerCase()))
      problems.push(`reply should not contain "${text}" but was ${shown}`);
  }
  const pattern = expect.reply?.matches;
  if (pattern) {
    const compiled = compilePattern(pattern, { ignoreCase: true });
    if (!compiled.ok)
      problems.push(`reply pattern /${pattern}/ cannot be used: ${compiled.problem}`);
    else if (!compiled.pattern.test(reply))
      problems.push(`reply should match /${pattern}/ but was ${shown}`);
  }
  if (expect.intent !== undefined && turn.intent?.name !== expect.intent) {
    problems.push(
      `intent should be '${expect.intent}' but was '${turn.intent?.name ?? "none"}' (confidence ${turn.intent?.confidence.toFixed(2) ?? "–"})`,
    );
  }
  if (expect.visited && !isSubsequence(expect.visited, turn.visited)) {
    problems.push(
      `visited should include ${expect.visited.join(" → ")} but was ${turn.visited.join(" → ") || "nothing"}`,
    );
  }
  for (const [path, value] of Object.entries(expect.vars ?? {})) {
    const actual = readPath(turn.vars, path);
    if (!sameValue(actual, value)) {
      problems.push(
        `variable ${path} should be ${JSON.stringify(value)} but was ${JSON.stringify(actual) ?? "unset"}`,
      );
    }
  }
  if (expect.handoff !== undefined && (turn.handoff?.status ?? "none") !== expect.handoff) {
    problems.push(`handoff should be ${expect.handoff} but was ${turn.handoff?.status ?? "none"}`);
  }
  if (expect.status !== undefined && turn.status !== expect.status) {
    problems.push(`status should be ${expect.status} but was ${turn.status}`);
  }
  if (expect.quickReplies) {
    const titles = turn.replies.flatMap((r) => r.quickReplies?.map((q) => q.title) ?? []);
    if (!sameValue(titles, expect.quickReplies)) {
      problems.push(
        `quick replies should be ${JSON.stringify(expect.quickReplies)} but were ${JSON.stringify(titles)}`,
      );
    }
  }
  return problems;
}
