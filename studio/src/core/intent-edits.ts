import type { ConfigOf } from "@switchboard/engine/schema";

/** One intent of a classify node, as the flow document holds it. */
export type Intent = ConfigOf<"classify">["intents"][number];

/** Where an example is: its intent's index and its index among that intent's examples. */
export interface ExampleAt {
  intent: number;
  example: number;
}

/**
 * The intents as the editor may hold them mid-edit: the document is JSON and a draft need not
 * validate, so anything that is not an intent's shape reads as empty.
 */
export function readIntents(value: unknown): Intent[] {
  if (!Array.isArray(value)) return [];
  return value.map((item) => {
    const record = (typeof item === "object" && item !== null ? item : {}) as Partial<Intent>;
    return {
      ...record,
      name: typeof record.name === "string" ? record.name : "",
      description: typeof record.description === "string" ? record.description : "",
      examples: Array.isArray(record.examples)
        ? record.examples.filter((e): e is string => typeof e === "string")
        : [],
    };
  });
}

/** Pasted text as examples: one per line, trimmed, blank lines and repeats left out. */
export function exampleLines(text: string): string[] {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  return [...new Set(lines.filter((line) => line !== ""))];
}

/** What a bulk paste did: the intents after it, and what it left out and why. */
export interface PastedExamples {
  intents: Intent[];
  added: string[];
  /** Already examples of this intent. */
  repeated: string[];
  /** Examples of another intent too, by intent: added, but the model will confuse them. */
  elsewhere: { example: string; intent: string }[];
}

/**
 * Adds pasted examples (one per line) to an intent, skipping those it already has and naming
 * those another intent has as well.
 *
 * @example
 * pasteExamples(intents, 0, "when do you open\nopening hours").added // ["when do you open", "opening hours"]
 */
export function pasteExamples(
  intents: readonly Intent[],
  index: number,
  text: string,
): PastedExamples {
  const target = intents[index];
  if (!target) return { intents: [...intents], added: [], repeated: [], elsewhere: [] };
  const own = new Set(target.examples.map(normalize));
  const added: string[] = [];
  const repeated: string[] = [];
  const elsewhere: PastedExamples["elsewhere"] = [];
  for (const line of exampleLines(text)) {
    if (own.has(normalize(line))) {
      repeated.push(line);
      continue;
    }
    own.add(normalize(line));
    added.push(line);
    const other = intents.find(
      (intent, i) => i !== index && intent.examples.some((e) => normalize(e) === normalize(line)),
    );
    if (other) elsewhere.push({ example: line, intent: other.name });
  }
  const next = intents.map((intent, i) =>
    i === index ? { ...intent, examples: [...intent.examples, ...added] } : intent,
  );
  return { intents: next, added, repeated, elsewhere };
}

/** The example moved to the end of another intent's examples. */
export function moveExample(intents: readonly Intent[], from: ExampleAt, to: number): Intent[] {
  const example = intents[from.intent]?.examples[from.example];
  if (example === undefined || to === from.intent || !intents[to]) return [...intents];
  return intents.map((intent, i) => {
    if (i === from.intent)
      return { ...intent, examples: intent.examples.filter((_, e) => e !== from.example) };
    if (i === to) return { ...intent, examples: [...intent.examples, example] };
    return intent;
  });
}

/** The example's text replaced, or the example removed when `text` is undefined. */
export function setExample(
  intents: readonly Intent[],
  at: ExampleAt,
  text: string | undefined,
): Intent[] {
  return intents.map((intent, i) =>
    i !== at.intent
      ? intent
      : {
          ...intent,
          examples:
            text === undefined
              ? intent.examples.filter((_, e) => e !== at.example)
              : intent.examples.map((example, e) => (e === at.example ? text : example)),
        },
  );
}

/**
 * Every example matching a search, in the intents' order: case- and accent-insensitive, on the
 * example's text or its intent's name. An empty search matches all.
 */
export function searchExamples(
  intents: readonly Intent[],
  query: string,
): (ExampleAt & { text: string })[] {
  const words = normalize(query).split(/\s+/).filter(Boolean);
  return intents.flatMap((intent, i) =>
    intent.examples.flatMap((text, e) => {
      const haystack = `${normalize(text)} ${normalize(intent.name)}`;
      return words.every((word) => haystack.includes(word))
        ? [{ intent: i, example: e, text }]
        : [];
    }),
  );
}

function normalize(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().trim();
}
