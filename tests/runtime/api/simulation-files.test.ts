import { afterAll, beforeAll, describe, expect, it } from "bun:test";
import { cp, mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Flow } from "../../../engine/src/schema/flow.ts";
import { minimalFlow } from "../../engine/helpers/minimal-flow.ts";
import { createTestApp, FLOWS_DIR, type TestApp } from "./test-app.ts";

let api: TestApp;
let flowsDir: string;

/** A copy of the example flows, since these tests write simulations files. */
beforeAll(async () => {
  flowsDir = await mkdtemp(join(tmpdir(), "switchboard-simulation-files-"));
  await cp(FLOWS_DIR, flowsDir, { recursive: true });
  api = await createTestApp({ FLOWS_DIR: flowsDir });
  const flow: Flow = { ...minimalFlow(), id: "bench" };
  await api.call("POST", "/api/flows", { body: { flow } });
});

afterAll(async () => {
  await api.close();
  await rm(flowsDir, { recursive: true, force: true });
});

const greets = (name: string) => ({
  name,
  turns: [{ user: "hello", expect: { reply: { contains: ["Hello"] } } }],
});
type SimulationSet = { flowId: string; file: string; simulations: { name: string }[] };

describe("a flow's simulations", () => {
  it("are read from the file next to the flow's file, defaults filled in", async () => {
    const { status, body } = await api.call("GET", "/api/flows/support/simulations");
    expect(status).toBe(200);
    const set = body as SimulationSet & { simulations: { models: string[] }[] };
    expect(set.flowId).toBe("support");
    expect(set.file).toBe("support.simulations.json");
    expect(set.simulations.length).toBeGreaterThan(5);
    expect(set.simulations[0]?.models).toEqual(["local"]);
  });

  it("are none for a flow without a file, and 404 for no flow", async () => {
    const none = await api.call("GET", "/api/flows/bench/simulations");
    expect(none).toMatchObject({
      status: 200,
      body: { flowId: "bench", file: "bench.simulations.json", simulations: [] },
    });
    const missing = await api.call("GET", "/api/flows/nope/simulations");
    expect(missing).toMatchObject({ status: 404, body: { code: "not_found" } });
  });

  it("gain one appended to the file, which keeps the others as they were written", async () => {
    const path = join(flowsDir, "support.simulations.json");
    const before = JSON.parse(await readFile(path, "utf8"));
    const { status, body } = await api.call("POST", "/api/flows/support/simulations", {
      body: greets("Saved from the studio"),
    });
    expect(status).toBe(201);
    expect((body as SimulationSet).simulations.at(-1)?.name).toBe("Saved from the studio");
    const after = JSON.parse(await readFile(path, "utf8"));
    expect(after.$schema).toBe(before.$schema);
    expect(after.simulations.slice(0, -1)).toEqual(before.simulations);
    expect(after.simulations.at(-1)).toEqual({
      ...greets("Saved from the studio"),
      models: ["local"],
    });
  });

  it("refuse a second simulation with the same name", async () => {
    const { status, body } = await api.call("POST", "/api/flows/support/simulations", {
      body: greets("Saved from the studio"),
    });
    expect(status).toBe(409);
    expect(body).toMatchObject({ code: "conflict" });
  });

  it("start a file for a flow made in the studio, which simulations/run then runs", async () => {
    const added = await api.call("POST", "/api/flows/bench/simulations", {
      body: greets("greets"),
    });
    expect(added.status).toBe(201);
    const file = JSON.parse(await readFile(join(flowsDir, "bench.simulations.json"), "utf8"));
    expect(file).toMatchObject({ $schema: "./simulation.schema.json", flow: "bench" });

    const run = await api.call("POST", "/api/flows/bench/simulations/run", { body: {} });
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ passed: true, outcomes: [{ simulation: "greets" }] });
  });

  it("are replaced all at once, and removed with the file when none are left", async () => {
    const replaced = await api.call("PUT", "/api/flows/bench/simulations", {
      body: { simulations: [greets("one"), greets("two")] },
    });
    expect(replaced.status).toBe(200);
    expect((replaced.body as SimulationSet).simulations.map((s) => s.name)).toEqual(["one", "two"]);

    const twice = await api.call("PUT", "/api/flows/bench/simulations", {
      body: { simulations: [greets("one"), greets("one")] },
    });
    expect(twice).toMatchObject({ status: 400, body: { code: "invalid_request" } });

    const emptied = await api.call("PUT", "/api/flows/bench/simulations", {
      body: { simulations: [] },
    });
    expect(emptied.status).toBe(200);
    expect(await stat(join(flowsDir, "bench.simulations.json")).catch(() => null)).toBeNull();
  });

  it("refuse a simulation that does not follow the format", async () => {
    const { status, body } = await api.call("POST", "/api/flows/bench/simulations", {
      body: { name: "bad", turns: [] },
    });
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: "invalid_request" });
  });
});
