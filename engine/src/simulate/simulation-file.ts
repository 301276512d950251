import { readFile } from "node:fs/promises";
import { Value } from "@sinclair/typebox/value";
import { FlowError } from "../errors.ts";
import { SimulationFile } from "../schema/simulation.ts";

/** The simulations file that sits next to a flow file: `x.flow.json` → `x.simulations.json`. */
export function simulationPathFor(flowPath: string): string {
  return flowPath.replace(/\.flow\.json$/, ".simulations.json");
}

/** Reads and checks a simulations file, naming each problem with its JSON pointer. */
export async function readSimulationFile(path: string): Promise<SimulationFile> {
  let input: unknown;
  try {
    input = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new FlowError(
      "invalid_simulation",
      `${path} is not valid JSON: ${(error as Error).message}`,
    );
  }
  const filled = Value.Default(SimulationFile, structuredClone(input));
  const errors = [...Value.Errors(SimulationFile, filled)];
  if (errors.length > 0) {
    const lines = errors.slice(0, 10).map((e) => `${e.path || "/"}: ${e.message}`);
    throw new FlowError(
      "invalid_simulation",
      `${path} is not a valid simulations file:\n  ${lines.join("\n  ")}`,
    );
  }
  return filled as SimulationFile;
}
