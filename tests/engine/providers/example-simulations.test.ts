import { afterAll, describe, expect, it } from "bun:test";
import { readdirSync } from "node:fs";
import { basename, join } from "node:path";
import {
  createModelRegistry,
  loadFlowFile,
  readSimulationFile,
  runSimulation,
  simulationPathFor,
} from "@switchboard/engine";
import { startOpenAIServer } from "../../stand-ins/openai-server.ts";

// The scripted simulations of every example flow, run through the real vLLM client against the
// OpenAI-compatible stand-in replaying each turn's modelResponses: what the flows do on the
// scripted model they must do over the wire, streaming and JSON answers included.
const server = startOpenAIServer();
afterAll(() => server.stop());

const flowsDir = join(import.meta.dir, "..", "..", "..", "flows");
const flowFiles = readdirSync(flowsDir)
  .filter((name) => name.endsWith(".flow.json"))
  .sort()
  .map((name) => join(flowsDir, name));

for (const flowPath of flowFiles) {
  const { simulations } = await readSimulationFile(simulationPathFor(flowPath));
  const scripted = simulations.filter((simulation) => simulation.models.includes("scripted"));
  if (scripted.length === 0) continue;
  describe(`${basename(flowPath)} on the vllm provider`, () => {
    for (const simulation of scripted) {
      it(`passes "${simulation.name}"`, async () => {
        const loaded = await loadFlowFile(flowPath);
        const models = createModelRegistry({
          models: Object.fromEntries(
            loaded.flow.models.map((name) => [
              name,
              {
                provider: "vllm" as const,
                baseUrl: server.url,
                model: server.model,
                structuredOutput: "json_schema" as const,
                contextTokens: 8192,
                retry: { timeoutMs: 5000, maxAttempts: 1, backoffMs: 1, maxBackoffMs: 1 },
              },
            ]),
          ),
        });
        const before = server.requests.length;
        const outcome = await runSimulation(loaded, simulation, "scripted", {
          models,
          script: server,
        });
        const problems = outcome.turns.flatMap((t) =>
          t.problems.map((p) => `turn ${t.index}: ${p}`),
        );
        expect(problems).toEqual([]);
        const requests = server.requests.slice(before);
        expect(requests.length).toBeGreaterThan(0);
        // Intent and lead answers were asked for with a JSON schema; replies were streamed.
        for (const request of requests) expect(request.structured || request.stream).toBe(true);
      });
    }
  });
}
