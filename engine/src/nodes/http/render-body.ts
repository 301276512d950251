import {
  readPath,
  renderTemplate,
  replacePlaceholders,
  type TemplateScope,
} from "../../template.ts";

/** Stands for a bare placeholder while the template is parsed as JSON. */
const MARKER = "\u0000placeholder";

export interface RenderedBody {
  text: string;
  /** Whether the template is JSON, and so is the body. */
  json: boolean;
}

/** Which characters of `text` lie inside a JSON string literal. */
function insideStrings(text: string): boolean[] {
  const inside: boolean[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    inside.push(quoted);
    if (quoted && text[i] === "\\") {
      inside.push(true);
      i++;
    } else if (text[i] === '"') quoted = !quoted;
  }
  return inside;
}

function isMarker(value: unknown): value is { [MARKER]: string } {
  return (
    value !== null &&
    typeof value === "object" &&
    Object.keys(value).length === 1 &&
    typeof (value as Record<string, unknown>)[MARKER] === "string"
  );
}

/** The template's value with each placeholder filled in: bare ones as values, quoted ones as text. */
function fill(value: unknown, scope: TemplateScope): unknown {
  if (typeof value === "string") return renderTemplate(value, scope);
  if (Array.isArray(value)) return value.map((item) => fill(item, scope));
  if (value === null || typeof value !== "object") return value;
  if (isMarker(value)) return readPath(scope, value[MARKER]) ?? null;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [renderTemplate(key, scope), fill(item, scope)]),
  );
}

/**
 * Renders an http node's body template. A JSON template is rendered as JSON values, not spliced
 * as text: `"{{note}}"` becomes a JSON string holding the variable's text, a bare `{{qty}}` the
 * variable's JSON value, so user text cannot close a string and add fields. Any other template
 * is rendered as text.
 *
 * @example
 * renderBody('{"order": "{{id}}", "qty": {{qty}}}', { id: 'A1", "role": "admin', qty: 2 }).text
 * // {"order":"A1\", \"role\": \"admin","qty":2}
 */
export function renderBody(template: string, scope: TemplateScope): RenderedBody {
  const inside = insideStrings(template);
  const marked = replacePlaceholders(template, (path, offset) =>
    inside[offset] ? `{{${path}}}` : JSON.stringify({ [MARKER]: path }),
  );
  let parsed: unknown;
  try {
    parsed = JSON.parse(marked);
  } catch {
    return { text: renderTemplate(template, scope), json: false };
  }
  return { text: JSON.stringify(fill(parsed, scope)), json: true };
}
