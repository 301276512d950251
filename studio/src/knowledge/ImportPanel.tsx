import { useState } from "react";
import type { KnowledgeItem } from "../../../runtime/src/api-types.ts";
import type { ApiResult } from "../api/api-result.ts";
import type { ImportFormat } from "./knowledge-api.ts";

interface ImportPlan {
  added: KnowledgeItem[];
  changed: { before: KnowledgeItem; after: KnowledgeItem; fields: string[] }[];
  unchanged: number;
}

type ImportCall = (
  format: ImportFormat,
  text: string,
  name?: string,
) => Promise<ApiResult<ImportPlan>>;

const FORMATS: Record<ImportFormat, string> = {
  csv: "CSV (question, answer, alternates, tags)",
  json: "JSON knowledge file",
  markdown: "Markdown sections",
};

function formatOf(fileName: string): ImportFormat {
  if (/\.json$/i.test(fileName)) return "json";
  if (/\.(md|markdown)$/i.test(fileName)) return "markdown";
  return "csv";
}

/**
 * Bulk import from CSV, JSON or Markdown: the server parses the text and shows what would be
 * added and changed; nothing is stored until the preview is applied.
 */
export function ImportPanel({
  preview,
  apply,
  onError,
}: {
  preview: ImportCall;
  apply: ImportCall;
  onError: (result: ApiResult<unknown>) => void;
}) {
  const [format, setFormat] = useState<ImportFormat>("csv");
  const [text, setText] = useState("");
  const [name, setName] = useState<string>();
  const [plan, setPlan] = useState<ImportPlan>();
  const [applied, setApplied] = useState<string>();

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    setFormat(formatOf(file.name));
    setName(file.name.replace(/[^\w.-]+/g, "-"));
    setText(await file.text());
    setPlan(undefined);
  };

  const run = async (call: ImportCall) => {
    const result = await call(format, text, name);
    if (!result.ok) {
      onError(result);
      return undefined;
    }
    return result.data;
  };

  return (
    <section className="knowledge-import" aria-label="Import">
      <h2>Import</h2>
      <label>
        Format
        <select
          value={format}
          onChange={(event) => {
            setFormat(event.target.value as ImportFormat);
            setPlan(undefined);
          }}
        >
          {Object.entries(FORMATS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label>
        File to import
        <input
          type="file"
          accept=".csv,.json,.md,.markdown,text/csv"
          onChange={(event) => void readFile(event.target.files?.[0])}
        />
      </label>
      <label>
        Or paste it
        <textarea
          rows={4}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setPlan(undefined);
          }}
        />
      </label>
      <button
        type="button"
        disabled={text.trim() === ""}
        onClick={async () => {
          setApplied(undefined);
          setPlan(await run(preview));
        }}
      >
        Preview import
      </button>
      {applied && <p role="status">{applied}</p>}
      {plan && (
        <section className="import-preview" aria-label="Import preview">
          <p>
            <strong>{plan.added.length} to add</strong>,{" "}
            <strong>{plan.changed.length} to change</strong>, {plan.unchanged} unchanged.
          </p>
          <ul>
            {plan.added.map((entry) => (
              <li key={entry.id} className="added">
                + {entry.question}
              </li>
            ))}
            {plan.changed.map((change) => (
              <li key={change.before.id} className="changed">
                ~ {change.before.question} ({change.fields.join(", ")})
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="primary"
            disabled={plan.added.length + plan.changed.length === 0}
            onClick={async () => {
              const done = await run(apply);
              if (!done) return;
              setPlan(undefined);
              setText("");
              setApplied(`Imported: ${done.added.length} added, ${done.changed.length} changed.`);
            }}
          >
            Apply import
          </button>
        </section>
      )}
    </section>
  );
}
