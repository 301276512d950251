import { type Static, Type } from "@sinclair/typebox";

/** One question and its answer in a `.json` knowledge file. */
const KnowledgeFileEntry = Type.Object(
  {
    id: Type.String({ minLength: 1, description: "Stable id used in citations." }),
    question: Type.String({ minLength: 1 }),
    answer: Type.String({ minLength: 1 }),
    alternates: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), {
        description: "Other phrasings of the question.",
      }),
    ),
    tags: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
  },
  { additionalProperties: false },
);

/**
 * A `.json` knowledge file: Q&A entries.
 *
 * @example
 * { "entries": [{ "id": "refunds", "question": "How do refunds work?", "answer": "Within 30 days…" }] }
 */
export const KnowledgeFile = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    entries: Type.Array(KnowledgeFileEntry),
  },
  { additionalProperties: false, title: "Switchboard knowledge file" },
);

export type KnowledgeFile = Static<typeof KnowledgeFile>;
