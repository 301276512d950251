import { type FormEvent, useState } from "react";
import type { KnowledgeItem } from "../../../runtime/src/api-types.ts";
import type { EntryDraft } from "./knowledge-api.ts";
import { MarkdownPreview } from "./MarkdownPreview.tsx";

const lines = (text: string) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");

/** Adds or edits one entry: question, alternates one per line, a Markdown answer with its preview, tags. */
export function EntryForm({
  entry,
  question: asked,
  onSave,
  onCancel,
}: {
  entry?: KnowledgeItem;
  /** A new entry's question, e.g. a user's that went unanswered. */
  question?: string;
  onSave: (draft: EntryDraft) => Promise<boolean>;
  onCancel: () => void;
}) {
  const [question, setQuestion] = useState(entry?.question ?? asked ?? "");
  const [alternates, setAlternates] = useState(entry?.alternates.join("\n") ?? "");
  const [answer, setAnswer] = useState(entry?.answer ?? "");
  const [tags, setTags] = useState(entry?.tags.join(", ") ?? "");
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    const saved = await onSave({
      question: question.trim(),
      answer: answer.trim(),
      alternates: lines(alternates),
      tags: tags
        .split(",")
        .map((tag) => tag.trim())
        .filter((tag) => tag !== ""),
    });
    if (!saved) setSaving(false);
  };

  return (
    <form
      className="entry-form"
      aria-label={entry ? `Edit ${entry.id}` : "New entry"}
      onSubmit={submit}
    >
      <label>
        Question
        <input required value={question} onChange={(event) => setQuestion(event.target.value)} />
      </label>
      <label>
        Alternates (one per line)
        <textarea
          rows={3}
          value={alternates}
          onChange={(event) => setAlternates(event.target.value)}
        />
      </label>
      <div className="answer-fields">
        <label>
          Answer (Markdown)
          <textarea
            required
            rows={6}
            value={answer}
            onChange={(event) => setAnswer(event.target.value)}
          />
        </label>
        <MarkdownPreview text={answer} label="Answer preview" />
      </div>
      <label>
        Tags (comma-separated)
        <input value={tags} onChange={(event) => setTags(event.target.value)} />
      </label>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving}>
          {entry ? "Save entry" : "Add entry"}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
