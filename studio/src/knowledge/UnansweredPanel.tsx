import { useState } from "react";
import type { KnowledgeItem, UnansweredQuestion } from "../../../runtime/src/api-types.ts";
import { EntryForm } from "./EntryForm.tsx";
import type { EntryDraft } from "./knowledge-api.ts";

/**
 * Recent user questions that fell to `no_answer`: each becomes an alternate of an entry (the
 * best-ranked one is proposed) or a new entry.
 */
export function UnansweredPanel({
  questions,
  entries,
  canEdit,
  bestEntryFor,
  onAddAlternate,
  onAddEntry,
}: {
  questions: UnansweredQuestion[];
  entries: KnowledgeItem[];
  canEdit: boolean;
  bestEntryFor: (question: string) => Promise<string | undefined>;
  onAddAlternate: (entryId: string, question: string) => Promise<void>;
  onAddEntry: (draft: EntryDraft) => Promise<boolean>;
}) {
  const [choosing, setChoosing] = useState<{ question: string; entryId: string }>();
  const [creating, setCreating] = useState<string>();

  return (
    <section className="knowledge-unanswered" aria-label="Unanswered questions">
      <h2>Unanswered questions</h2>
      {questions.length === 0 ? (
        <p className="hint">No recent question fell to no_answer that the draft still misses.</p>
      ) : (
        <ul>
          {questions.map((question) => (
            <li key={question.text}>
              <span className="question-text">{question.text}</span>{" "}
              <span className="hint">
                ×{question.count}, last {new Date(question.lastAskedAt).toLocaleString()}
              </span>
              {canEdit && choosing?.question !== question.text && (
                <div className="row-actions">
                  <button
                    type="button"
                    onClick={async () => {
                      const best = (await bestEntryFor(question.text)) ?? entries[0]?.id ?? "";
                      setChoosing({ question: question.text, entryId: best });
                    }}
                  >
                    Add as alternate…
                  </button>
                  <button type="button" onClick={() => setCreating(question.text)}>
                    New entry…
                  </button>
                </div>
              )}
              {choosing?.question === question.text && (
                <div className="row-actions">
                  <select
                    aria-label="Entry to add it to"
                    value={choosing.entryId}
                    onChange={(event) => setChoosing({ ...choosing, entryId: event.target.value })}
                  >
                    {entries.map((entry) => (
                      <option key={entry.id} value={entry.id}>
                        {entry.question}
                      </option>
                    ))}
                  </select>
                  <button
                    type="button"
                    className="primary"
                    onClick={async () => {
                      await onAddAlternate(choosing.entryId, question.text);
                      setChoosing(undefined);
                    }}
                  >
                    Add as alternate
                  </button>
                  <button type="button" onClick={() => setChoosing(undefined)}>
                    Cancel
                  </button>
                </div>
              )}
              {creating === question.text && (
                <EntryForm
                  question={question.text}
                  onCancel={() => setCreating(undefined)}
                  onSave={async (draft) => {
                    const saved = await onAddEntry(draft);
                    if (saved) setCreating(undefined);
                    return saved;
                  }}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
