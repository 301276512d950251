import { describe, expect, it } from "bun:test";
import { readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { MemorySaver } from "@langchain/langgraph";
import {
  compileGraph,
  type LoadedFlow,
  loadFlowFile,
  readSimulationFile,
  runSimulation,
  simulationPathFor,
} from "@switchboard/engine";

const flowsDir = join(import.meta.dir, "..", "..", "flows");
const flowFiles = readdirSync(flowsDir)
  .filter((name) => name.endsWith(".flow.json"))
  .sort()
  .map((name) => join(flowsDir, name));

it("ships the five example flows", () => {
  expect(flowFiles.map((f) => basename(f))).toEqual([
    "escalation.flow.json",
    "faq.flow.json",
    "sales.flow.json",
    "suporte.flow.json",
    "support.flow.json",
  ]);
});

// Every flow in flows/ parses, validates, compiles and passes each of its simulations on every
// model it names; a flow that fails to load fails its own tests, not the others'.
for (const flowPath of flowFiles) {
  const simulations = await readSimulationFile(simulationPathFor(flowPath));
  let loading: Promise<LoadedFlow> | undefined;
  const load = () => {
    loading ??= loadFlowFile(flowPath);
    return loading;
  };
  describe(basename(flowPath), () => {
    it("parses, validates and compiles", async () => {
      const loaded = await load();
      expect(() =>
        compileGraph(loaded.flow, { checkpointer: new MemorySaver(), knowledge: loaded.knowledge }),
      ).not.toThrow();
    });
    for (const simulation of simulations.simulations) {
      for (const model of simulation.models) {
        it(`simulation "${simulation.name}" passes on the ${model} model`, async () => {
          const outcome = await runSimulation(await load(), simulation, model);
          const problems = outcome.turns.flatMap((t) =>
            t.problems.map((p) => `turn ${t.index}: ${p}`),
          );
          expect(problems).toEqual([]);
        });
      }
    }
  });
}
