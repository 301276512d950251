import { afterAll, beforeAll, describe, expect, it } from "bun:test";
import { MAX_REPORT_EXAMPLES } from "../../../runtime/src/flows/intent-report-service.ts";
import { createTestApp, type TestApp } from "./test-app.ts";

let api: TestApp;

beforeAll(async () => {
  api = await createTestApp();
});

afterAll(async () => {
  await api.close();
});

type Draft = { nodes: { id: string; type: string; config: Record<string, unknown> }[] };

async function draftWithIntents(intents: unknown): Promise<void> {
  const { body } = await api.call("GET", "/api/flows/support");
  const definition = structuredClone((body as { definition: Draft }).definition);
  const classify = definition.nodes.find((node) => node.type === "classify");
  if (!classify) throw new Error("the support flow has no classify node");
  classify.config.intents = intents;
  expect((await api.call("PUT", "/api/flows/support/draft", { body: definition })).status).toBe(
    200,
  );
}

describe("GET /api/flows/:id/nodes/:node/intent-report", () => {
  it("reports a classify node's cross-validated accuracy per intent", async () => {
    const { status, body } = await api.call(
      "GET",
      "/api/flows/support/nodes/classify/intent-report?version=published",
    );
    expect(status).toBe(200);
    const report = body as { accuracy: number; intents: { name: string; examples: number }[] };
    expect(report.intents.map((intent) => intent.name)).toContain("question");
    expect(report.accuracy).toBeGreaterThan(0.5);
    expect(report.intents.every((intent) => intent.examples > 0)).toBe(true);
  });

  it("names a node that is not there, or not a classify node", async () => {
    const missing = await api.call("GET", "/api/flows/support/nodes/nowhere/intent-report");
    expect(missing.status).toBe(404);
    expect((missing.body as { message: string }).message).toContain('"nowhere"');
    const { body } = await api.call("GET", "/api/flows/support");
    const other = (body as { definition: Draft }).definition.nodes.find(
      (node) => node.type !== "classify",
    );
    const wrong = await api.call("GET", `/api/flows/support/nodes/${other?.id}/intent-report`);
    expect(wrong.status).toBe(400);
    expect((wrong.body as { message: string }).message).toContain("not classify");
  });

  it("refuses a node past the examples a report may train on, saying how many it has", async () => {
    const half = Math.ceil(MAX_REPORT_EXAMPLES / 2) + 1;
    await draftWithIntents(
      ["a", "b"].map((name) => ({
        name,
        description: name,
        examples: Array.from({ length: half }, (_, i) => `${name} example ${i}`),
      })),
    );
    const { status, body } = await api.call(
      "GET",
      "/api/flows/support/nodes/classify/intent-report",
    );
    expect(status).toBe(413);
    expect(body).toMatchObject({ code: "too_large" });
    expect((body as { message: string }).message).toContain(`${half * 2} examples`);
  });
});
