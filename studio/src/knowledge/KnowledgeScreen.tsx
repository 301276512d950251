import { useCallback, useEffect, useState } from "react";
import type { KnowledgeBaseView, UnansweredQuestion } from "../../../runtime/src/api-types.ts";
import { type ApiResult, describeApiError } from "../api/api-result.ts";
import { useStudioApi } from "../app/api-context.tsx";
import { navigate } from "../app/use-route.ts";
import { ErrorMessage, Loading } from "../ui/Status.tsx";
import { EntryTable } from "./EntryTable.tsx";
import { ImportPanel } from "./ImportPanel.tsx";
import type { EntryDraft } from "./knowledge-api.ts";
import { TestQuestionPanel } from "./TestQuestionPanel.tsx";
import { UnansweredPanel } from "./UnansweredPanel.tsx";
import "./knowledge.css";

/**
 * A flow's knowledge bases: the draft's entries to search and edit, bulk imports with a
 * preview, exports, "test a question" and the questions users asked that went unanswered.
 * Edits change the draft's knowledge; a saved version keeps its own.
 */
export function KnowledgeScreen({ flowId, canEdit }: { flowId: string; canEdit: boolean }) {
  const api = useStudioApi().knowledge;
  const [bases, setBases] = useState<KnowledgeBaseView[]>();
  const [baseId, setBaseId] = useState<string>();
  const [unanswered, setUnanswered] = useState<UnansweredQuestion[]>([]);
  const [error, setError] = useState<string>();
  const base = bases?.find((one) => one.id === baseId) ?? bases?.[0];

  const failed = (result: ApiResult<unknown>) => {
    if (!result.ok) setError(describeApiError(result.error));
    return !result.ok;
  };

  const reload = useCallback(async () => {
    const listed = await api.list(flowId);
    if (!listed.ok) return setError(describeApiError(listed.error));
    setBases(listed.data);
    const current = listed.data.find((one) => one.id === baseId) ?? listed.data[0];
    if (!current) return;
    const questions = await api.unanswered(flowId, current.id);
    setUnanswered(questions.ok ? questions.data : []);
  }, [api, flowId, baseId]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const changed = async (result: ApiResult<unknown>) => {
    if (failed(result)) return false;
    setError(undefined);
    await reload();
    return true;
  };

  const header = (
    <header className="knowledge-header">
      <button type="button" onClick={() => navigate({ screen: "editor", flowId })}>
        ← Back to the editor
      </button>
      <h1>Knowledge of {flowId}</h1>
      {bases && bases.length > 1 && (
        <label>
          Base
          <select value={base?.id} onChange={(event) => setBaseId(event.target.value)}>
            {bases.map((one) => (
              <option key={one.id} value={one.id}>
                {one.id}
              </option>
            ))}
          </select>
        </label>
      )}
    </header>
  );

  if (!bases)
    return (
      <main className="knowledge-screen">
        {header}
        {error ? (
          <ErrorMessage onRetry={reload}>{error}</ErrorMessage>
        ) : (
          <Loading label="Loading the knowledge" />
        )}
      </main>
    );
  if (!base)
    return (
      <main className="knowledge-screen">
        {header}
        <p>
          This flow declares no knowledge base: add one under the flow's settings ("knowledge").
        </p>
      </main>
    );

  const edit = (entryId: string, draft: EntryDraft) => api.update(flowId, base.id, entryId, draft);
  const exportBase = async () => {
    const result = await api.exportFiles(flowId, base.id);
    if (failed(result) || !result.ok || typeof result.data === "string") return;
    for (const file of result.data.files) {
      const link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([file.text], { type: "text/plain" }));
      link.download = file.source.split("/").at(-1) ?? file.source;
      link.click();
      URL.revokeObjectURL(link.href);
    }
  };

  return (
    <main className="knowledge-screen">
      {header}
      <p className="hint">
        {base.entries.length} entries from <code>{base.source}</code>
        {base.nodes.length > 0 &&
          `, answered by ${base.nodes.map((node) => `${node.id} (threshold ${node.minScore})`).join(", ")}`}
        . Edits change the draft: the editor's test chat answers with them at once; save and publish
        a version to put them live.{" "}
        <button type="button" onClick={exportBase}>
          Export files
        </button>
      </p>
      {error && <ErrorMessage>{error}</ErrorMessage>}
      <div className="knowledge-layout">
        <EntryTable
          entries={base.entries}
          canEdit={canEdit}
          onAdd={async (draft) => changed(await api.add(flowId, base.id, draft))}
          onUpdate={async (entryId, draft) => changed(await edit(entryId, draft))}
          onDelete={async (entryId) =>
            void (await changed(await api.remove(flowId, base.id, entryId)))
          }
        />
        <div className="knowledge-side">
          <TestQuestionPanel
            test={async (question) => {
              const result = await api.test(flowId, base.id, question);
              return failed(result) || !result.ok ? undefined : result.data;
            }}
          />
          <UnansweredPanel
            questions={unanswered}
            entries={base.entries}
            canEdit={canEdit}
            bestEntryFor={async (question) => {
              const result = await api.test(flowId, base.id, question);
              return result.ok ? result.data.hits[0]?.id : undefined;
            }}
            onAddAlternate={async (entryId, question) => {
              const entry = base.entries.find((one) => one.id === entryId);
              if (!entry) return;
              const { id: _, source: __, ...draft } = entry;
              await changed(
                await edit(entryId, { ...draft, alternates: [...draft.alternates, question] }),
              );
            }}
            onAddEntry={async (draft) => changed(await api.add(flowId, base.id, draft))}
          />
          {canEdit && (
            <ImportPanel
              preview={(format, text, name) =>
                api.previewImport(flowId, base.id, format, text, name)
              }
              apply={async (format, text, name) => {
                const result = await api.applyImport(flowId, base.id, format, text, name);
                if (result.ok) await reload();
                return result;
              }}
              onError={failed}
            />
          )}
        </div>
      </div>
    </main>
  );
}
