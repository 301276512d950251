import { type ChangeEvent, useCallback, useEffect, useState } from "react";
import type { ChannelsOverview, FlowSummary } from "../../../runtime/src/api-types.ts";
import { describeApiError } from "../api/api-result.ts";
import { useStudioApi } from "../app/api-context.tsx";
import { navigate } from "../app/use-route.ts";
import { newFlow } from "../core/flow-draft.ts";
import { duplicateFlow, exportFileName, readFlowFile, searchFlows } from "../core/flow-files.ts";
import { ConfirmDialog } from "../ui/ConfirmDialog.tsx";
import { ErrorMessage, Loading } from "../ui/Status.tsx";
import { downloadJson } from "./download.ts";
import { FlowTable } from "./FlowTable.tsx";
import { NewFlowDialog } from "./NewFlowDialog.tsx";

type Listing =
  | { state: "loading" }
  | { state: "failed"; message: string }
  | { state: "ready"; flows: FlowSummary[] };

/** The flows: search, create, duplicate, import, export and delete (after confirming). */
export function FlowListScreen({ onSignOut }: { onSignOut: () => void }) {
  const api = useStudioApi();
  const [listing, setListing] = useState<Listing>({ state: "loading" });
  const [query, setQuery] = useState("");
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<FlowSummary>();
  const [message, setMessage] = useState<{ text: string; error: boolean }>();
  const [channels, setChannels] = useState<ChannelsOverview>();

  const load = useCallback(async () => {
    setListing({ state: "loading" });
    const [result, overview] = await Promise.all([api.listFlows(), api.channels.overview()]);
    if (overview.ok) setChannels(overview.data);
    setListing(
      result.ok
        ? { state: "ready", flows: result.data }
        : { state: "failed", message: result.error.message },
    );
  }, [api]);

  useEffect(() => {
    void load();
  }, [load]);

  const report = (text: string, error = false) => setMessage({ text, error });

  async function create(id: string, name: string) {
    const result = await api.createFlow(newFlow(id, name), "created in the studio");
    if (!result.ok) return describeApiError(result.error);
    navigate({ screen: "editor", flowId: id });
  }

  async function duplicate(flow: FlowSummary) {
    const source = await api.getFlow(flow.id, "latest");
    if (!source.ok) return report(source.error.message, true);
    const taken = listing.state === "ready" ? listing.flows.map((f) => f.id) : [];
    const copy = duplicateFlow(source.data.definition as never, taken);
    const result = await api.createFlow(copy, `duplicated from ${flow.id}`);
    if (!result.ok) return report(describeApiError(result.error), true);
    report(`Duplicated “${flow.name}” as “${copy.name}”.`);
    await load();
  }

  async function exportFlow(flow: FlowSummary) {
    const result = await api.exportFlow(flow.id);
    if (!result.ok) return report(result.error.message, true);
    downloadJson(exportFileName(flow), result.data);
  }

  async function importFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    const read = readFlowFile(await file.text());
    if (!read.ok) return report(`${file.name}: ${read.message}`, true);
    const result = await api.importFlow(read.flow);
    if (!result.ok) return report(`${file.name}: ${describeApiError(result.error)}`, true);
    report(`Imported ${file.name} as version ${result.data.version} of “${result.data.flowId}”.`);
    await load();
  }

  async function confirmDelete() {
    const flow = deleting;
    setDeleting(undefined);
    if (!flow) return;
    const result = await api.deleteFlow(flow.id);
    if (!result.ok) return report(result.error.message, true);
    report(`Deleted “${flow.name}”.`);
    await load();
  }

  const shown = listing.state === "ready" ? searchFlows(listing.flows, query) : [];
  return (
    <div className="screen">
      <header className="app-header">
        <h1>Flows</h1>
        <input
          type="search"
          aria-label="Search flows"
          placeholder="Search flows"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <button type="button" className="primary" onClick={() => setCreating(true)}>
          New flow
        </button>
        <label className="button">
          Import flow
          <input
            type="file"
            accept=".json,application/json"
            className="visually-hidden"
            onChange={importFile}
          />
        </label>
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <main className="flow-list">
        {message &&
          (message.error ? (
            <ErrorMessage>{message.text}</ErrorMessage>
          ) : (
            <p role="status">{message.text}</p>
          ))}
        {listing.state === "loading" && <Loading label="Loading flows…" />}
        {listing.state === "failed" && (
          <ErrorMessage onRetry={load}>{listing.message}</ErrorMessage>
        )}
        {listing.state === "ready" &&
          (shown.length > 0 ? (
            <FlowTable
              flows={shown}
              channels={channels}
              onDuplicate={duplicate}
              onExport={exportFlow}
              onDelete={setDeleting}
            />
          ) : (
            <p className="empty">
              {query
                ? "No flow matches the search."
                : "No flows yet: create one or import a flow file."}
            </p>
          ))}
      </main>
      <NewFlowDialog open={creating} onClose={() => setCreating(false)} onCreate={create} />
      <ConfirmDialog
        open={deleting !== undefined}
        title="Delete flow"
        message={`Delete “${deleting?.name ?? ""}” and all its versions? This cannot be undone.`}
        confirmLabel="Delete flow"
        danger
        onConfirm={confirmDelete}
        onCancel={() => setDeleting(undefined)}
      />
    </div>
  );
}
