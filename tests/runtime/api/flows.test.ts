import { afterAll, beforeAll, describe, expect, it } from "bun:test";
import type { Flow } from "../../../engine/src/schema/flow.ts";
import { minimalFlow } from "../../engine/helpers/minimal-flow.ts";
import { createTestApp, type TestApp } from "./test-app.ts";

let api: TestApp;

beforeAll(async () => {
  api = await createTestApp();
});

afterAll(async () => {
  await api.close();
});

/** The minimal flow under another id, so each test owns its flow. */
function flowWithId(id: string): Flow {
  return { ...minimalFlow(), id };
}

/** The minimal flow with its greeting changed, as a later version would change it. */
function withGreeting(flow: Flow, text: string): Flow {
  return {
    ...flow,
    nodes: flow.nodes.map((node) =>
      node.id === "greet_reply" ? { ...node, config: { text } } : node,
    ) as Flow["nodes"],
  };
}

describe("listing and reading flows", () => {
  it("lists the seeded flows with their published, latest and draft versions", async () => {
    const { status, body } = await api.call("GET", "/api/flows");
    expect(status).toBe(200);
    expect(body).toContainEqual(
      expect.objectContaining({
        id: "support",
        publishedVersion: 1,
        latestVersion: 1,
        hasDraft: false,
      }),
    );
  });

  it("reads the draft by default, falling back to the latest version", async () => {
    const { status, body } = await api.call("GET", "/api/flows/faq");
    expect(status).toBe(200);
    expect(body).toMatchObject({ flowId: "faq", version: 1, author: "import" });
    expect((body as { definition: Flow }).definition.id).toBe("faq");
  });

  it("reads a version by number, published or latest", async () => {
    for (const version of ["1", "published", "latest"]) {
      const { status, body } = await api.call("GET", `/api/flows/sales?version=${version}`);
      expect({ version, status }).toEqual({ version, status: 200 });
      expect(body).toMatchObject({ flowId: "sales", version: 1 });
    }
  });

  it("answers 404 for a flow or version that does not exist", async () => {
    const missing = await api.call("GET", "/api/flows/nope");
    expect(missing).toMatchObject({ status: 404, body: { code: "not_found" } });
    const version = await api.call("GET", "/api/flows/faq?version=9");
    expect(version.status).toBe(404);
    expect((version.body as { message: string }).message).toContain("no version 9");
  });

  it("refuses a version that is neither a number nor a name", async () => {
    const { status, body } = await api.call("GET", "/api/flows/faq?version=newest");
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: "invalid_request" });
  });
});

describe("creating and saving versions", () => {
  it("creates a flow as version 1, unpublished", async () => {
    const { status, body } = await api.call("POST", "/api/flows", {
      body: { flow: flowWithId("created"), note: "first cut", author: "ana" },
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({ flowId: "created", version: 1, author: "ana", note: "first cut" });
    const { body: list } = await api.call("GET", "/api/flows");
    expect(list).toContainEqual(
      expect.objectContaining({ id: "created", publishedVersion: null, latestVersion: 1 }),
    );
  });

  it("refuses a second flow with the same id", async () => {
    await api.call("POST", "/api/flows", { body: { flow: flowWithId("twice") } });
    const { status, body } = await api.call("POST", "/api/flows", {
      body: { flow: flowWithId("twice") },
    });
    expect(status).toBe(409);
    expect(body).toMatchObject({ code: "conflict" });
  });

  it("answers 400 with every problem the engine finds, located by pointer and node", async () => {
    const flow = flowWithId("broken") as unknown as Record<string, unknown> & Flow;
    flow.entry = "nowhere";
    flow.models = ["no-such-model"];
    (flow.nodes[1] as { config: unknown }).config = {};
    const { status, body } = await api.call("POST", "/api/flows", { body: { flow } });
    expect(status).toBe(400);
    const { code, problems } = body as { code: string; problems: Record<string, string>[] };
    expect(code).toBe("invalid_flow");
    expect(problems).toContainEqual(expect.objectContaining({ path: "/entry" }));
    expect(problems).toContainEqual(expect.objectContaining({ path: "/models/0" }));
    expect(problems).toContainEqual(
      expect.objectContaining({ path: "/nodes/1/config", nodeId: "greet_reply" }),
    );
    expect((await api.call("GET", "/api/flows/broken")).status).toBe(404);
  });

  it("refuses knowledge outside the flows folder", async () => {
    const flow = { ...flowWithId("sneaky"), knowledge: [{ id: "kb", source: "../../etc" }] };
    const { status, body } = await api.call("POST", "/api/flows", { body: { flow } });
    expect(status).toBe(400);
    expect(body).toMatchObject({
      code: "invalid_flow",
      problems: [{ path: "/knowledge/0/source" }],
    });
  });

  it("saves the next version with its note and author, stamped with its number", async () => {
    await api.call("POST", "/api/flows", { body: { flow: flowWithId("versioned") } });
    const next = withGreeting(flowWithId("versioned"), "Hi again!");
    const { status, body } = await api.call("POST", "/api/flows/versioned/versions", {
      body: { flow: next, note: "friendlier", author: "bo" },
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({ version: 2, note: "friendlier", author: "bo" });
    const { body: saved } = await api.call("GET", "/api/flows/versioned?version=2");
    expect((saved as { definition: Flow }).definition.version).toBe(2);
    const { body: versions } = await api.call("GET", "/api/flows/versioned/versions");
    expect((versions as { version: number }[]).map((v) => v.version)).toEqual([2, 1]);
  });

  it("refuses a version whose id is another flow's", async () => {
    const { status, body } = await api.call("POST", "/api/flows/faq/versions", {
      body: { flow: flowWithId("other") },
    });
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: "invalid_request" });
  });
});

describe("drafts", () => {
  it("keeps a draft that does not validate yet, read by default until the next version", async () => {
    await api.call("POST", "/api/flows", { body: { flow: flowWithId("drafted") } });
    const draft = { ...flowWithId("drafted"), entry: "not_yet" };
    const saved = await api.call("PUT", "/api/flows/drafted/draft", { body: draft });
    expect(saved).toMatchObject({ status: 200, body: { saved: true } });

    const { body } = await api.call("GET", "/api/flows/drafted");
    expect(body).toMatchObject({ version: null, definition: { entry: "not_yet" } });
    const { body: list } = await api.call("GET", "/api/flows");
    expect(list).toContainEqual(expect.objectContaining({ id: "drafted", hasDraft: true }));

    await api.call("POST", "/api/flows/drafted/versions", {
      body: { flow: flowWithId("drafted") },
    });
    const { body: after } = await api.call("GET", "/api/flows/drafted");
    expect(after).toMatchObject({ version: 2 });
  });

  it("refuses a draft of another flow, or one without nodes and edges", async () => {
    const other = await api.call("PUT", "/api/flows/faq/draft", { body: flowWithId("other") });
    expect(other.status).toBe(400);
    const shapeless = await api.call("PUT", "/api/flows/faq/draft", {
      body: { id: "faq", name: "FAQ" },
    });
    expect(shapeless).toMatchObject({ status: 400, body: { code: "invalid_request" } });
  });
});

describe("validating", () => {
  it("reports a valid flow as ok", async () => {
    const { status, body } = await api.call("POST", "/api/flows/validate", {
      body: minimalFlow(),
    });
    expect(status).toBe(200);
    expect(body).toEqual({ ok: true, problems: [] });
  });

  it("reports every problem of an invalid one as the engine's JSON", async () => {
    const flow = { ...minimalFlow(), entry: "nowhere", extra: true };
    const { status, body } = await api.call("POST", "/api/flows/validate", { body: flow });
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: false });
    const paths = (body as { problems: { path: string }[] }).problems.map((p) => p.path);
    expect(paths).toContain("/entry");
    expect(paths).toContain("/extra");
  });
});

describe("publishing", () => {
  it("publishes a version, which the runtime then serves", async () => {
    await api.call("POST", "/api/flows", { body: { flow: flowWithId("to_publish") } });
    const { status, body } = await api.call("POST", "/api/flows/to_publish/publish", {
      body: { version: 1 },
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: "to_publish", publishedVersion: 1 });
    await api.services.flows.assertPublished("to_publish");
  });

  it("refuses to publish a flow whose knowledge file is missing, naming the file", async () => {
    const flow = {
      ...flowWithId("no_kb"),
      knowledge: [{ id: "kb", source: "knowledge/missing.json" }],
    };
    await api.call("POST", "/api/flows", { body: { flow } });
    const { status, body } = await api.call("POST", "/api/flows/no_kb/publish", {
      body: { version: 1 },
    });
    expect(status).toBe(422);
    expect(body).toMatchObject({ code: "invalid_knowledge" });
    expect((body as { message: string }).message).toContain("missing.json");
  });

  it("answers 404 for a version that does not exist", async () => {
    const { status } = await api.call("POST", "/api/flows/faq/publish", { body: { version: 7 } });
    expect(status).toBe(404);
  });
});

describe("diffing versions", () => {
  it("names the nodes, config paths and edges that changed", async () => {
    await api.call("POST", "/api/flows", { body: { flow: flowWithId("diffed") } });
    const next = withGreeting(flowWithId("diffed"), "Howdy!");
    next.nodes = next.nodes.filter((node) => node.id !== "buy_reply");
    next.edges = next.edges.map((edge) =>
      edge.branch === "buy" ? { ...edge, target: "help" } : edge,
    );
    await api.call("POST", "/api/flows/diffed/versions", { body: { flow: next } });

    const { status, body } = await api.call("GET", "/api/flows/diffed/diff?from=1&to=2");
    expect(status).toBe(200);
    expect(body).toMatchObject({
      same: false,
      nodes: {
        added: [],
        removed: [{ id: "buy_reply" }],
        changed: [
          {
            id: "greet_reply",
            changes: [
              { path: "/config/text", from: "Hello! You said: {{last_message}}", to: "Howdy!" },
            ],
          },
        ],
      },
      edges: {
        added: [{ name: "route -[buy]-> help" }],
        removed: [{ name: "route -[buy]-> buy_reply" }],
      },
    });
  });

  it("compares the published version with the draft by default", async () => {
    const draft = { ...minimalFlow(), id: "faq_copy", name: "Renamed" };
    await api.call("POST", "/api/flows", { body: { flow: { ...draft, name: "Original" } } });
    await api.call("POST", "/api/flows/faq_copy/publish", { body: { version: 1 } });
    await api.call("PUT", "/api/flows/faq_copy/draft", { body: draft });
    const { body } = await api.call("GET", "/api/flows/faq_copy/diff");
    expect(body).toMatchObject({ metadata: [{ path: "/name", from: "Original", to: "Renamed" }] });
  });
});

describe("import and export", () => {
  it("exports a version as a flow file download", async () => {
    const { status, body, headers } = await api.call("GET", "/api/flows/faq/export?version=1");
    expect(status).toBe(200);
    expect(headers.get("content-disposition")).toBe('attachment; filename="faq.flow.json"');
    expect(body).toMatchObject({ id: "faq", version: 1 });
  });

  it("imports a new flow file as version 1, and an existing one as its next version", async () => {
    const first = await api.call("POST", "/api/flows/import", { body: flowWithId("imported") });
    expect(first).toMatchObject({ status: 201, body: { version: 1, note: "imported" } });
    const again = await api.call("POST", "/api/flows/import?note=from%20git", {
      body: withGreeting(flowWithId("imported"), "Imported hello"),
    });
    expect(again).toMatchObject({ status: 201, body: { version: 2, note: "from git" } });
  });

  it("round-trips an exported file through import", async () => {
    const exported = await api.call("GET", "/api/flows/sales/export");
    const imported = await api.call("POST", "/api/flows/import", { body: exported.body });
    expect(imported).toMatchObject({ status: 201, body: { flowId: "sales", version: 2 } });
    const { body } = await api.call("GET", "/api/flows/sales/diff?from=1&to=2");
    expect(body).toMatchObject({ same: true });
  });

  it("refuses a flow file that does not validate, with the engine's problems", async () => {
    const { status, body } = await api.call("POST", "/api/flows/import", {
      body: { ...minimalFlow(), nodes: [] },
    });
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: "invalid_flow" });
    const paths = (body as { problems: { path: string }[] }).problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(["/nodes", "/entry", "/edges/0/source"]));
  });
});

describe("deleting", () => {
  it("deletes a flow and its versions; a new flow may take its id", async () => {
    await api.call("POST", "/api/flows", { body: { flow: flowWithId("doomed") } });
    await api.call("POST", "/api/flows/doomed/publish", { body: { version: 1 } });
    const compiled = await api.services.flows.graph("doomed", 1);

    expect(await api.call("DELETE", "/api/flows/doomed")).toMatchObject({
      status: 200,
      body: { deleted: true },
    });
    expect((await api.call("GET", "/api/flows/doomed")).status).toBe(404);

    await api.call("POST", "/api/flows", {
      body: { flow: withGreeting(flowWithId("doomed"), "New") },
    });
    expect(await api.services.flows.graph("doomed", 1)).not.toBe(compiled);
  });

  it("answers 404 for an unknown flow and 409 for the default flow", async () => {
    expect((await api.call("DELETE", "/api/flows/nope")).status).toBe(404);
    const { status, body } = await api.call("DELETE", "/api/flows/support");
    expect(status).toBe(409);
    expect(body).toMatchObject({ code: "conflict" });
  });
});
