import { type Static, Type as t } from "@sinclair/typebox";
import { Identifier } from "@switchboard/engine";
import { KNOWLEDGE_LIMITS as LIMITS } from "./knowledge-limits.ts";

const Phrase = t.String({ minLength: 1, maxLength: LIMITS.questionChars });

/** An entry as a client writes it; the id is made from the question when left out. */
export const KnowledgeEntryInput = t.Object(
  {
    id: t.Optional(
      t.String({
        minLength: 1,
        maxLength: 200,
        pattern: "^[^\\s\\[\\]]+$",
        description: "Stable id used in citations: no blanks or brackets",
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
