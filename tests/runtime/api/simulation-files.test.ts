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

/** Where `after` differs from `before`, in `before`: between their common prefix and suffix. */
function changedSpan(before: string, after: string): [number, number] {
  let start = 0;
  while (start < before.length && before[start] === after[start]) start++;
  let end = 0;
  while (
    end < before.length - start &&
    end < after.length - start &&
    before[before.length - 1 - end] === after[after.length - 1 - end]
  )
    end++;
  return [start, before.length - end];
}

/** Where the simulation named `name` starts in a file's text (its name is its first key). */
const objectStart = (text: string, name: string) =>
  text.lastIndexOf("{", text.indexOf(`"name": ${JSON.stringify(name)}`));

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
    const text = await readFile(path, "utf8");
    const before = JSON.parse(text);
    const { status, body } = await api.call("POST", "/api/flows/support/simulations", {
      body: greets("Saved from the studio"),
    });
    expect(status).toBe(201);
    expect((body as SimulationSet).simulations.at(-1)?.name).toBe("Saved from the studio");
    const afterText = await readFile(path, "utf8");
    // Everything up to the last simulation's end is as it was written, byte for byte.
    expect(changedSpan(text, afterText)[0]).toBeGreaterThanOrEqual(
      text.lastIndexOf("}", text.lastIndexOf("]")),
    );
    const after = JSON.parse(afterText);
    expect(after.$schema).toBe(before.$schema);
    expect(after.simulations.slice(0, -1)).toEqual(before.simulations);
    expect(after.simulations.at(-1)).toEqual({
      ...greets("Saved from the studio"),
      models: ["local"],
    });
  });

  it("have one rewritten by name, the text of every other left byte for byte", async () => {
    const path = join(flowsDir, "support.simulations.json");
    const before = await readFile(path, "utf8");
    const names = (JSON.parse(before).simulations as { name: string }[]).map((s) => s.name);
    const [, target = "", next = ""] = names;
    const edited = { ...greets(target), description: "Edited in the studio" };
    const { status, body } = await api.call(
      "PUT",
      `/api/flows/support/simulations/${encodeURIComponent(target)}`,
      { body: edited },
    );
    expect(status).toBe(200);
    expect((body as SimulationSet).simulations.map((s) => s.name)).toEqual(names);
    const after = await readFile(path, "utf8");
    const [start, end] = changedSpan(before, after);
    expect(start).toBeGreaterThanOrEqual(objectStart(before, target));
    expect(end).toBeLessThanOrEqual(objectStart(before, next));
    expect(JSON.parse(after).simulations[1]).toEqual({ ...edited, models: ["local"] });
  });

  it("have one removed by name, leaving the others' text, and name what is not there", async () => {
    const path = join(flowsDir, "support.simulations.json");
    const before = await readFile(path, "utf8");
    const names = (JSON.parse(before).simulations as { name: string }[]).map((s) => s.name);
    const [, target = "", next = ""] = names;
    const removed = await api.call(
      "DELETE",
      `/api/flows/support/simulations/${encodeURIComponent(target)}`,
    );
    expect(removed.status).toBe(200);
    const after = await readFile(path, "utf8");
    expect((JSON.parse(after).simulations as { name: string }[]).map((s) => s.name)).toEqual(
      names.filter((name) => name !== target),
    );
    // Cut from its opening brace to the next one's: the text around it is as it was.
    expect(after).toBe(
      before.slice(0, objectStart(before, target)) + before.slice(objectStart(before, next)),
    );
    const missing = await api.call("DELETE", "/api/flows/support/simulations/nobody");
    expect(missing).toMatchObject({ status: 404, body: { code: "not_found" } });
    const renamedOnto = await api.call(
      "PUT",
      `/api/flows/support/simulations/${encodeURIComponent(next)}`,
      { body: greets(names[0] ?? "") },
    );
    expect(renamedOnto).toMatchObject({ status: 409, body: { code: "conflict" } });
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
