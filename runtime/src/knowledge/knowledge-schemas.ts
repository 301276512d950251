import { type Static, Type as t } from "@sinclair/typebox";
import { Identifier } from "@switchboard/engine";
import { KNOWLEDGE_LIMITS as LIMITS } from "./knowledge-limits.ts";

const Phrase = t.String({ minLength: 1, maxLength: LIMITS.questionChars });

/** What an entry's id is made of: a slug, as ids made from questions and Markdown sections are. */
const ENTRY_ID = { minLength: 1, maxLength: 200, pattern: "^[A-Za-z0-9._:#-]+$" };

/** An entry's id in a path, refused naming the parameter before any query when malformed. */
export const EntryId = t.String({
  ...ENTRY_ID,
  error: "must be an entry id: 1 to 200 letters (a–z), digits, '.', '_', ':', '#' or '-'",
});

/** An entry as a client writes it; the id is made from the question when left out. */
export const KnowledgeEntryInput = t.Object(
  {
    id: t.Optional(
      t.String({
        ...ENTRY_ID,
        description: "Stable id used in citations: letters, digits, '.', '_', ':', '#' or '-'",
      }),
    ),
    question: Phrase,
    answer: t.String({ minLength: 1, maxLength: LIMITS.answerChars, description: "Markdown" }),
    alternates: t.Array(Phrase, { maxItems: LIMITS.alternates, default: [] }),
    tags: t.Array(t.String({ minLength: 1, maxLength: 60 }), {
      maxItems: LIMITS.tags,
      default: [],
    }),
  },
  { additionalProperties: false },
);

export const KnowledgeItem = t.Object({
  id: t.String(),
  question: t.String(),
  answer: t.String(),
  alternates: t.Array(t.String()),
  tags: t.Array(t.String()),
  source: t.String({ description: "The file it exports to, relative to FLOWS_DIR" }),
});

export const KnowledgeParams = t.Object({ id: Identifier, base: Identifier });

export const ImportRequest = t.Object({
  format: t.Union([t.Literal("csv"), t.Literal("json"), t.Literal("markdown")]),
  text: t.String({ minLength: 1, maxLength: LIMITS.importChars }),
  name: t.Optional(
    t.String({
      minLength: 1,
      maxLength: 120,
      pattern: "^[\\w.-]+$",
      description: "The uploaded file's name: a Markdown document's sections are cited by it",
    }),
  ),
});

export type ImportRequest = Static<typeof ImportRequest>;
