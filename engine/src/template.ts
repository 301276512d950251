/**
 * `{{variable}}` templates. Placeholders name a path into the template scope (declared
 * variables and the bookkeeping values `intent`, `last_message`, `handoff`, `language`), e.g.
 * `{{lead.name}}`.
 */
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/;

export type TemplateScope = Record<string, unknown>;

/** The placeholders of a template, valid or not, in order of appearance. */
export function templatePlaceholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1] ?? "");
}

/** Whether a placeholder is a well-formed path such as `lead.email`. */
export function isPlaceholderPath(placeholder: string): boolean {
  return PATH.test(placeholder);
}

/** Reads a dotted path (`a.b.0.c`) from a value; undefined when any step is missing. */
export function readPath(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function formatValue(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/**
 * Renders a template; missing values render as empty text.
 *
 * @example
 * renderTemplate("Hi {{lead.name}}!", { lead: { name: "Ana" } }) // "Hi Ana!"
 */
export function renderTemplate(
  template: string,
  scope: TemplateScope,
  encode: (value: string) => string = (value) => value,
): string {
  return replacePlaceholders(template, (path) => encode(formatValue(readPath(scope, path))));
}

/** Replaces each placeholder by what `replace` makes of its path and its offset in `template`. */
export function replacePlaceholders(
  template: string,
  replace: (path: string, offset: number) => string,
): string {
  return template.replace(PLACEHOLDER, (_, path: string, offset: number) => replace(path, offset));
}
