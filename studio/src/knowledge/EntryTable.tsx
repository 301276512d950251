import { useState } from "react";
import type { KnowledgeItem } from "../../../runtime/src/api-types.ts";
import { EntryForm } from "./EntryForm.tsx";
import type { EntryDraft } from "./knowledge-api.ts";
import { MarkdownPreview } from "./MarkdownPreview.tsx";

/** Whether an entry mentions every word of the search, in any of its fields. */
function matches(entry: KnowledgeItem, search: string): boolean {
  const text = [entry.id, entry.question, entry.answer, ...entry.alternates, ...entry.tags]
    .join("\n")
    .toLowerCase();
  return search
    .toLowerCase()
    .split(/\s+/)
    .every((word) => text.includes(word));
}

/** The base's entries: searchable, each editable in place, with a form to add one. */
export function EntryTable({
  entries,
  canEdit,
  onAdd,
  onUpdate,
  onDelete,
}: {
  entries: KnowledgeItem[];
  canEdit: boolean;
  onAdd: (draft: EntryDraft) => Promise<boolean>;
  onUpdate: (entryId: string, draft: EntryDraft) => Promise<boolean>;
  onDelete: (entryId: string) => Promise<void>;
}) {
  const [search, setSearch] = useState("");
  const [editing, setEditing] = useState<string | "new">();
  const shown = search.trim() ? entries.filter((entry) => matches(entry, search.trim())) : entries;

  return (
    <section className="knowledge-entries" aria-label="Entries">
      <div className="toolbar">
        <input
          type="search"
          aria-label="Search entries"
          placeholder="Search questions, answers, tags…"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
        <span className="hint">
          {shown.length} of {entries.length} entries
        </span>
        {canEdit && (
          <button type="button" onClick={() => setEditing("new")}>
            New entry
          </button>
        )}
      </div>
      {editing === "new" && (
        <EntryForm
          onCancel={() => setEditing(undefined)}
          onSave={async (draft) => {
            const saved = await onAdd(draft);
            if (saved) setEditing(undefined);
            return saved;
          }}
        />
      )}
      <table className="entry-table">
        <thead>
          <tr>
            <th>Question</th>
            <th>Alternates</th>
            <th>Answer</th>
            <th>Tags</th>
            {canEdit && <th aria-label="Actions" />}
          </tr>
        </thead>
        <tbody>
          {shown.map((entry) =>
            editing === entry.id ? (
              <tr key={entry.id}>
                <td colSpan={5}>
                  <EntryForm
                    entry={entry}
                    onCancel={() => setEditing(undefined)}
                    onSave={async (draft) => {
                      const saved = await onUpdate(entry.id, draft);
                      if (saved) setEditing(undefined);
                      return saved;
                    }}
                  />
                </td>
              </tr>
            ) : (
              <tr key={entry.id}>
                <td>
                  <strong>{entry.question}</strong>
                  <div className="hint">{entry.id}</div>
                </td>
                <td>
                  {entry.alternates.length > 0 && (
                    <ul className="alternates">
                      {entry.alternates.map((alternate) => (
                        <li key={alternate}>{alternate}</li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>
                  <MarkdownPreview text={entry.answer} label={`Answer of ${entry.id}`} />
                </td>
                <td>{entry.tags.join(", ")}</td>
                {canEdit && (
                  <td className="row-actions">
                    <button
                      type="button"
                      aria-label={`Edit ${entry.id}`}
                      onClick={() => setEditing(entry.id)}
                    >
                      Edit
                    </button>
                    <button
                      type="button"
                      aria-label={`Delete ${entry.id}`}
                      onClick={() => void onDelete(entry.id)}
                    >
                      Delete
                    </button>
                  </td>
                )}
              </tr>
            ),
          )}
        </tbody>
      </table>
    </section>
  );
}
