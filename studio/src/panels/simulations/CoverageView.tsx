import type { SimulationSummary } from "../../runs/simulation-report.ts";
import type { TestingKit } from "../testing/testing-kit.ts";

/** What no simulation reaches: nodes (each a link to the canvas) and edges. */
export function CoverageView({ kit, summary }: { kit: TestingKit; summary: SimulationSummary }) {
  const { uncoveredNodes, uncoveredEdges, nodesTotal, edgesTotal } = summary;
  return (
    <div className="coverage">
      <h3>Coverage</h3>
      <p>
        {nodesTotal - uncoveredNodes.length} of {nodesTotal} nodes and{" "}
        {edgesTotal - uncoveredEdges.length} of {edgesTotal} edges are covered.
      </p>
      {uncoveredNodes.length > 0 && (
        <>
          <p>No simulation reaches these nodes:</p>
          <ul className="uncovered" aria-label="Nodes no simulation covers">
            {uncoveredNodes.map((nodeId) => (
              <li key={nodeId}>
                <button
                  type="button"
                  className="link"
                  aria-label={`Show the uncovered node ${nodeId} on the canvas`}
                  onClick={() => kit.focusNode(nodeId)}
                >
                  {nodeId}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {uncoveredEdges.length > 0 && (
        <>
          <p>Nor these edges:</p>
          <ul className="uncovered" aria-label="Edges no simulation covers">
            {uncoveredEdges.map((edge) => (
              <li key={edge}>
                <code>{edge}</code>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
