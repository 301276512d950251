import { type FlowSimulationReport, simulateFlowFiles } from "@switchboard/engine";
import { findFlowFiles } from "../config/index.ts";
import { createTracing, type Tracing, tracingOff } from "../tracing/index.ts";
import { formatTable } from "./format-table.ts";

function printReports(reports: FlowSimulationReport[]): void {
  const rows = [["flow", "simulation", "model", "turns", "result", "first mismatch"]];
  for (const report of reports) {
    if (report.error)
      rows.push([report.flow, "—", "—", "—", "ERROR", report.error.split("\n")[0] ?? ""]);
    for (const o of report.outcomes) {
      rows.push([
        o.flow,
        o.simulation,
        o.model,
        String(o.turns.length),
        o.passed ? "pass" : "FAIL",
        o.firstMismatch ?? "",
      ]);
    }
  }
  console.log(formatTable(rows));
  console.log("\nCoverage (what no simulation visits):");
  for (const report of reports.filter((r) => !r.error)) {
    const { nodes, edges } = report.coverage;
    const covered = (total: number, missing: number) => `${total - missing}/${total}`;
    console.log(
      `  ${report.flow}: nodes ${covered(nodes.total, nodes.uncovered.length)}, edges ${covered(edges.total, edges.uncovered.length)}`,
    );
    if (nodes.uncovered.length) console.log(`    uncovered nodes: ${nodes.uncovered.join(", ")}`);
    if (edges.uncovered.length) console.log(`    uncovered edges: ${edges.uncovered.join(", ")}`);
  }
}

/** What tracing sent, on stderr so `--json` output stays JSON. */
async function finishTracing(tracing: Tracing, runs: number): Promise<void> {
  await tracing.shutdown();
  const stats = await tracing.stats();
  if (!stats.enabled) return;
  const lost = stats.failed + stats.dropped;
  console.error(
    `\nTraced ${runs} simulation runs in Langfuse: ${stats.exported} spans sent` +
      (lost > 0 ? `, ${lost} not sent (Langfuse unreachable or slow)` : ""),
  );
}

/**
 * `switchboard simulate [flow.json…] [--json] [--trace]`: exit code 1 when any simulation
 * fails, 2 when `--trace` is asked for without Langfuse configured. With `--trace` each
 * simulation run is a Langfuse trace scored `simulation_passed`.
 */
export async function simulateCommand(
  files: string[],
  options: { json?: boolean; trace?: boolean },
): Promise<number> {
  const tracing = options.trace ? await createTracing() : tracingOff;
  if (options.trace && !tracing.enabled) {
    console.error(
      "switchboard simulate --trace needs LANGFUSE_PUBLIC_KEY and LANGFUSE_SECRET_KEY (and LANGFUSE_BASE_URL for a self-hosted Langfuse).",
    );
    return 2;
  }
  const reports = await simulateFlowFiles(
    files.length > 0 ? files : await findFlowFiles(),
    tracing.watchSimulation,
  );
  const outcomes = reports.flatMap((r) => r.outcomes);
  const failed = outcomes.filter((o) => !o.passed).length + reports.filter((r) => r.error).length;
  if (options.json) {
    const summary = reports.map(({ outcomes: list, ...rest }) => ({
      ...rest,
      outcomes: list.map(({ path: _path, turns, ...o }) => ({
        ...o,
        turns: turns.map((t) => ({
          turn: t.index,
          problems: t.problems,
          replies: t.result?.replies.map((r) => r.text),
        })),
      })),
    }));
    console.log(
      JSON.stringify({ passed: outcomes.length - failed, failed, reports: summary }, null, 2),
    );
  } else {
    printReports(reports);
    console.log(`\n${outcomes.length - failed} passed, ${failed} failed`);
  }
  if (tracing.enabled) await finishTracing(tracing, outcomes.length);
  return failed > 0 ? 1 : 0;
}
