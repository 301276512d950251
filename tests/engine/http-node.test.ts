import { afterAll, describe, expect, it } from "bun:test";
import { MemorySaver } from "@langchain/langgraph";
import { type CompileOptions, compileGraph, runTurn, validateFlow } from "@switchboard/engine";

/** What a stubbed API was asked. */
interface Call {
  url: string;
  method: string;
  body: string | null;
}

/** A fetch that records each call and answers `answer` (JSON `{ ok: true }` by default). */
function recordingFetch(answer: () => Response = () => Response.json({ ok: true })) {
  const calls: Call[] = [];
  const stub = async (input: string | URL | Request, init?: RequestInit) => {
    calls.push({
      url: String(input),
      method: init?.method ?? "GET",
      body: typeof init?.body === "string" ? init.body : null,
    });
    return answer();
  };
  return { calls, fetch: stub as unknown as typeof fetch };
}

/** A resolver for made-up host names; unknown names do not resolve. */
function lookupOf(addresses: Record<string, string[]>) {
  return async (hostname: string) => {
    const found = addresses[hostname];
    if (!found) throw new Error(`getaddrinfo ENOTFOUND ${hostname}`);
    return found;
  };
}

const PUBLIC = lookupOf({ "api.shop.test": ["93.184.215.14"] });

/** A flow that stores the user's message in `order`, then calls the API with it. */
function callingFlow(config: Record<string, unknown>) {
  const result = validateFlow({
    id: "orders",
    name: "Orders",
    version: 1,
    entry: "remember",
    variables: [
      { name: "order", type: "string" },
      { name: "status", type: "string" },
    ],
    nodes: [
      {
        id: "remember",
        type: "set",
        config: { assign: [{ variable: "order", value: "last_message" }] },
      },
      {
        id: "call",
        type: "http",
        config: { map: [{ variable: "status", path: "status" }], ...config },
      },
      { id: "done", type: "reply", config: { text: "Status: {{status}}" } },
    ],
    edges: [
      { source: "remember", target: "call" },
      { source: "call", target: "done" },
    ],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.flow;
}

async function turn(
  config: Record<string, unknown>,
  text: string,
  options: Omit<CompileOptions, "checkpointer">,
) {
  const graph = compileGraph(callingFlow(config), { checkpointer: new MemorySaver(), ...options });
  return runTurn(graph, "t1", { kind: "user", text });
}

describe("http node: user text in the URL", () => {
  it("does not let '..' climb out of its path segment", async () => {
    const api = recordingFetch();
    const result = await turn({ url: "https://api.shop.test/api/orders/{{order}}/status" }, "..", {
      fetch: api.fetch,
      http: { lookup: PUBLIC },
    });
    expect(api.calls.map((call) => new URL(call.url).pathname)).not.toContain("/api/status");
    expect(api.calls).toEqual([]);
    expect(result.errors[0]?.message).toContain('cannot be "." or ".."');
  });

  it("encodes path and query values so they stay one value", async () => {
    const api = recordingFetch();
    await turn(
      { url: "https://api.shop.test/api/orders/{{order}}?q={{order}}" },
      "a/b?role=admin&x=1#frag",
      { fetch: api.fetch, http: { lookup: PUBLIC } },
    );
    const called = new URL(api.calls[0]?.url ?? "");
    expect(called.pathname).toBe("/api/orders/a%2Fb%3Frole%3Dadmin%26x%3D1%23frag");
    expect([...called.searchParams.keys()]).toEqual(["q"]);
    expect(called.searchParams.get("q")).toBe("a/b?role=admin&x=1#frag");
  });
});

describe("http node: user text in a JSON body", () => {
  it("renders a quoted placeholder as a JSON string, so the text cannot add fields", async () => {
    const api = recordingFetch();
    const crafted = 'A1", "role": "admin';
    await turn(
      {
        method: "POST",
        url: "https://api.shop.test/orders",
        body: '{ "order": "{{order}}", "role": "customer" }',
      },
      crafted,
      { fetch: api.fetch, http: { lookup: PUBLIC } },
    );
    expect(JSON.parse(api.calls[0]?.body ?? "null")).toEqual({ order: crafted, role: "customer" });
  });

  it("renders a bare placeholder as the variable's JSON value", async () => {
    const api = recordingFetch();
    await turn(
      {
        method: "POST",
        url: "https://api.shop.test/orders",
        body: '{ "order": {{order}}, "note": "order {{order}} from {{status}}" }',
      },
      'x"}',
      { fetch: api.fetch, http: { lookup: PUBLIC } },
    );
    expect(JSON.parse(api.calls[0]?.body ?? "null")).toEqual({
      order: 'x"}',
      note: 'order x"} from ',
    });
  });
});

describe("http node: which hosts it may call", () => {
  const refused: [string, string][] = [
    ["http://127.0.0.1:8181/admin", "loopback"],
    ["http://[::1]/admin", "loopback"],
    ["http://169.254.169.254/latest/meta-data/", "linkLocal"],
    ["http://10.0.0.7/", "private"],
    ["http://192.168.1.1/", "private"],
    ["http://[::ffff:127.0.0.1]/", "loopback"],
    ["http://0.0.0.0/", "unspecified"],
  ];
  for (const [url, range] of refused) {
    it(`refuses ${url} (${range}) unless it is allowed`, async () => {
      const api = recordingFetch();
      const result = await turn({ url }, "A1", { fetch: api.fetch });
      expect(api.calls).toEqual([]);
      expect(result.errors[0]?.message).toContain("not allowed");
    });
  }

  it("refuses a host name that resolves to a private address", async () => {
    const api = recordingFetch();
    const lookup = lookupOf({ "orders.internal.test": ["93.184.215.14", "10.1.2.3"] });
    const result = await turn({ url: "https://orders.internal.test/x" }, "A1", {
      fetch: api.fetch,
      http: { lookup },
    });
    expect(api.calls).toEqual([]);
    expect(result.errors[0]?.message).toContain("10.1.2.3");
  });

  it("calls a private host the deployment lists, by name, address or range", async () => {
    const lookup = lookupOf({ "orders.internal.test": ["10.1.2.3"] });
    for (const allowedHosts of [["orders.internal.test"], ["*.internal.test"], ["10.0.0.0/8"]]) {
      const api = recordingFetch();
      const result = await turn({ url: "https://orders.internal.test/x" }, "A1", {
        fetch: api.fetch,
        http: { lookup, allowedHosts },
      });
      expect(result.errors).toEqual([]);
      expect(api.calls).toHaveLength(1);
    }
  });

  it("calls only the listed hosts once a list is given, unless it has '*'", async () => {
    const lookup = lookupOf({
      "api.shop.test": ["93.184.215.14"],
      "other.test": ["93.184.215.15"],
    });
    const listed = recordingFetch();
    const refusedTurn = await turn({ url: "https://other.test/x" }, "A1", {
      fetch: listed.fetch,
      http: { lookup, allowedHosts: ["api.shop.test"] },
    });
    expect(listed.calls).toEqual([]);
    expect(refusedTurn.errors[0]?.message).toContain("other.test");
    const star = recordingFetch();
    await turn({ url: "https://other.test/x" }, "A1", {
      fetch: star.fetch,
      http: { lookup, allowedHosts: ["*", "orders.internal.test"] },
    });
    expect(star.calls).toHaveLength(1);
  });

  it("does not follow a redirect (it could lead to a private address)", async () => {
    const api = recordingFetch(
      () => new Response(null, { status: 302, headers: { location: "http://169.254.169.254/" } }),
    );
    const result = await turn({ url: "https://api.shop.test/x" }, "A1", {
      fetch: api.fetch,
      http: { lookup: PUBLIC },
    });
    expect(api.calls).toHaveLength(1);
    expect(result.errors[0]?.message).toContain("redirect");
  });
});

describe("http node: what it reads", () => {
  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    fetch(request) {
      const path = new URL(request.url).pathname;
      if (path === "/big") return new Response(`{"status":"${"x".repeat(2 * 1024 * 1024)}"}`);
      if (path === "/stall")
        return new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('{"status":'));
            },
          }),
        );
      return Response.json({ status: "shipped" });
    },
  });
  afterAll(() => server.stop(true));
  const local = { allowedHosts: ["127.0.0.1"] };

  it("stops reading past the response size limit", async () => {
    const result = await turn({ url: `${server.url}big` }, "A1", {
      http: { ...local, maxResponseBytes: 1024 * 1024 },
    });
    expect(result.errors[0]?.message).toContain("more than 1048576 bytes");
  });

  it("gives up on a server that stops sending at the node's timeout", async () => {
    const result = await turn({ url: `${server.url}stall`, timeoutMs: 300 }, "A1", {
      http: local,
    });
    expect(result.errors[0]?.message).toContain("did not answer within 300 ms");
  });

  it("reads a small answer from an allowed host", async () => {
    const result = await turn({ url: `${server.url}orders/{{order}}` }, "A1", { http: local });
    expect(result.errors).toEqual([]);
    expect(result.replies[0]?.text).toBe("Status: shipped");
  });
});
