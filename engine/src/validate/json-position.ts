import { jsonErrorIndex } from "./json-error-index.ts";

/** A 1-based position in a text. */
export interface TextPosition {
  line: number;
  column: number;
}

/** The line and column of an index, counting from 1. */
function positionAt(text: string, index: number): TextPosition {
  const before = text.slice(0, index);
  const lineStart = before.lastIndexOf("\n") + 1;
  return { line: before.split("\n").length, column: index - lineStart + 1 };
}

/**
 * Where JSON.parse failed. Node (V8) names the position in its message, newer versions with
 * line and column ("… in JSON at position 12 (line 2 column 3)"); Bun (JavaScriptCore) names
 * none ("JSON Parse error: Expected '}'"), so the text is scanned for the first bad character.
 */
export function jsonErrorPosition(text: string, error: unknown): TextPosition {
  const message = error instanceof Error ? error.message : "";
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const position = /at position (\d+)/.exec(message);
  return positionAt(text, position ? Number(position[1]) : (jsonErrorIndex(text) ?? 0));
}

/** The reason in a JSON.parse message, without the runtime's prefix and position. */
export function jsonErrorReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .replace(/^JSON Parse error: /, "")
    .replace(/ in JSON at position \d+.*$/, "")
    .replace(/, ".*" is not valid JSON$/, "");
}
