import type { ChannelsOverview, FlowSummary } from "../../../runtime/src/api-types.ts";
import { routeHash } from "../app/route.ts";
import { livePlaces } from "../channels/live-places.ts";

interface FlowTableProps {
  flows: FlowSummary[];
  /** The channels' bindings, for where each flow is live; undefined until read. */
  channels: ChannelsOverview | undefined;
  onDuplicate: (flow: FlowSummary) => void;
  onExport: (flow: FlowSummary) => void;
  onDelete: (flow: FlowSummary) => void;
}

const formatDate = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });

/** The flows, one row each, with what can be done to each. */
export function FlowTable({ flows, channels, onDuplicate, onExport, onDelete }: FlowTableProps) {
  return (
    <table className="flow-table">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Id</th>
          <th scope="col">Live</th>
          <th scope="col">Live on</th>
          <th scope="col">Latest</th>
          <th scope="col">Updated</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {flows.map((flow) => (
          <tr key={flow.id}>
            <td>
              <a href={routeHash({ screen: "editor", flowId: flow.id })}>{flow.name}</a>
            </td>
            <td>
              <code>{flow.id}</code>
            </td>
            <td>{flow.publishedVersion ? `version ${flow.publishedVersion}` : "not published"}</td>
            <td>{livePlaces(flow.id, flow.publishedVersion, channels).join(", ") || "nowhere"}</td>
            <td>
              {flow.latestVersion ? `version ${flow.latestVersion}` : "none"}
              {flow.hasDraft && <span className="badge">draft</span>}
            </td>
            <td>{formatDate(flow.updatedAt)}</td>
            <td>
              <div className="row-actions">
                <button
                  type="button"
                  onClick={() => onDuplicate(flow)}
                  aria-label={`Duplicate ${flow.name}`}
                >
                  Duplicate
                </button>
                <button
                  type="button"
                  onClick={() => onExport(flow)}
                  aria-label={`Export ${flow.name}`}
                >
                  Export
                </button>
                <button
                  type="button"
                  className="danger"
                  onClick={() => onDelete(flow)}
                  aria-label={`Delete ${flow.name}`}
                >
                  Delete
                </button>
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
