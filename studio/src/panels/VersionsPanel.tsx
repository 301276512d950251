import type { FlowDiff } from "@switchboard/engine";
import { useCallback, useEffect, useState } from "react";
import { useStudioApi } from "../app/api-context.tsx";
import type { Editor } from "../core/editor-store.ts";
import type { FlowDraft } from "../core/flow-draft.ts";
import { ErrorMessage, Loading } from "../ui/Status.tsx";
import { DiffView } from "./DiffView.tsx";

interface Version {
  version: number;
  note: string | null;
  author: string;
  createdAt: string;
}

type Listing =
  | { state: "loading" }
  | { state: "failed"; message: string }
  | { state: "ready"; versions: Version[]; published: number | null };

interface VersionsPanelProps {
  editor: Editor;
  flowId: string;
  /** Changes when a version was saved elsewhere, to reload the list. */
  refreshKey: number;
  onSaveVersion: () => void;
  /** Shows a comparison on the canvas: the newer version, and the diff from the older. */
  onShowOnCanvas: (newer: FlowDraft, diff: FlowDiff, title: string) => void;
  /** Where a published version of this flow goes live. */
  livePlaces: (version: number) => string[];
  onPublished: () => void;
}

/** The flow's history: save, publish, restore as the draft, and compare two versions. */
export function VersionsPanel({
  editor,
  flowId,
  refreshKey,
  onSaveVersion,
  onShowOnCanvas,
  livePlaces,
  onPublished,
}: VersionsPanelProps) {
  const api = useStudioApi();
  const [listing, setListing] = useState<Listing>({ state: "loading" });
  const [notice, setNotice] = useState<{ text: string; error: boolean }>();
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("draft");
  const [diff, setDiff] = useState<FlowDiff>();

  const load = useCallback(async () => {
    const [versions, flows] = await Promise.all([api.listVersions(flowId), api.listFlows()]);
    if (!versions.ok) return setListing({ state: "failed", message: versions.error.message });
    const published = flows.ok
      ? (flows.data.find((f) => f.id === flowId)?.publishedVersion ?? null)
      : null;
    setListing({ state: "ready", versions: versions.data, published });
    setFrom((current) => current || String(versions.data[0]?.version ?? ""));
  }, [api, flowId]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: refreshKey asks for a reload
  useEffect(() => {
    void load();
  }, [load, refreshKey]);

  async function publish(version: number) {
    const result = await api.publish(flowId, version);
    setNotice(
      result.ok
        ? {
            text: `Version ${version} is published: new chats start on it on ${livePlaces(version).join(", ")}.`,
            error: false,
          }
        : { text: result.error.message, error: true },
    );
    await load();
    if (result.ok) onPublished();
  }

  async function restore(version: number) {
    const result = await api.getFlow(flowId, version);
    if (!result.ok) return setNotice({ text: result.error.message, error: true });
    editor.replaceFlow(result.data.definition as unknown as FlowDraft);
    setNotice({
      text: `Version ${version} is now the draft; save the draft to keep it (Ctrl+Z undoes).`,
      error: false,
    });
  }

  const ref = (value: string) => (/^\d+$/.test(value) ? Number(value) : (value as "draft"));
  const versionName = (value: string) =>
    value === "draft" ? "the saved draft" : `version ${value}`;

  async function showOnCanvas(shown: FlowDiff) {
    const newer = await api.getFlow(flowId, ref(to));
    if (!newer.ok) return setNotice({ text: newer.error.message, error: true });
    onShowOnCanvas(
      newer.data.definition as unknown as FlowDraft,
      shown,
      `From ${versionName(from)} to ${versionName(to)}`,
    );
  }

  async function compare() {
    setDiff(undefined);
    const result = await api.diff(flowId, ref(from), ref(to));
    if (!result.ok) return setNotice({ text: result.error.message, error: true });
    setDiff(result.data as FlowDiff);
  }

  if (listing.state === "loading") return <Loading label="Loading versions…" />;
  if (listing.state === "failed")
    return <ErrorMessage onRetry={load}>{listing.message}</ErrorMessage>;
  const options = [...listing.versions.map((v) => String(v.version)), "draft"];
  return (
    <div className="versions">
      <button type="button" className="primary" onClick={onSaveVersion}>
        Save as new version…
      </button>
      {notice &&
        (notice.error ? (
          <ErrorMessage>{notice.text}</ErrorMessage>
        ) : (
          <p role="status">{notice.text}</p>
        ))}
      <h3>History</h3>
      <ol className="version-list">
        {listing.versions.map((v) => (
          <li key={v.version}>
            <div className="version-line">
              <strong>Version {v.version}</strong>
              {listing.published === v.version && (
                <span className="badge badge-published">published</span>
              )}
            </div>
            <div className="hint">
              {v.note || "no note"} · {v.author} · {new Date(v.createdAt).toLocaleString()}
            </div>
            <div className="button-row">
              {listing.published !== v.version && (
                <button type="button" onClick={() => publish(v.version)}>
                  Publish version {v.version}
                </button>
              )}
              <button type="button" onClick={() => restore(v.version)}>
                Restore version {v.version}
              </button>
            </div>
          </li>
        ))}
      </ol>
      <h3>Compare</h3>
      <div className="compare">
        <label htmlFor="compare-from">From</label>
        <label htmlFor="compare-to">To</label>
        <select id="compare-from" value={from} onChange={(event) => setFrom(event.target.value)}>
          {options.map((o) => (
            <option key={o} value={o}>
              {o === "draft" ? "saved draft" : `version ${o}`}
            </option>
          ))}
        </select>
        <select id="compare-to" value={to} onChange={(event) => setTo(event.target.value)}>
          {options.map((o) => (
            <option key={o} value={o}>
              {o === "draft" ? "saved draft" : `version ${o}`}
            </option>
          ))}
        </select>
        <button type="button" onClick={compare}>
          Show differences
        </button>
      </div>
      {diff && !diff.same && (
        <button type="button" onClick={() => showOnCanvas(diff)}>
          Show on the canvas
        </button>
      )}
      {diff && <DiffView diff={diff} />}
    </div>
  );
}
