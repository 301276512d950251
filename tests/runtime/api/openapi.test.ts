import { afterAll, beforeAll, describe, expect, it } from "bun:test";
import { createTestApp, type TestApp } from "./test-app.ts";

interface Operation {
  tags?: string[];
  summary?: string;
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> };
}

let api: TestApp;
let paths: Record<string, Record<string, Operation>>;

beforeAll(async () => {
  api = await createTestApp();
  const { body } = await api.call("GET", "/docs/json", { token: null });
  paths = (body as { paths: typeof paths }).paths;
});

afterAll(async () => {
  await api.close();
});

describe("the OpenAPI document at /docs", () => {
  it("gives every REST route under /api/ a tag and a summary", () => {
    const operations = Object.entries(paths)
      .filter(([path]) => path.startsWith("/api/"))
      .flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, op]) => ({ path, method, op })),
      );
    expect(operations.length).toBe(api.app.routes.filter((r) => r.path.startsWith("/api/")).length);
    for (const { path, method, op } of operations) {
      expect({
        path,
        method,
        tagged: Boolean(op.tags?.length),
        summarized: Boolean(op.summary),
      }).toEqual({ path, method, tagged: true, summarized: true });
    }
  });

  it("documents flow bodies with the engine's flow schema", () => {
    const body = paths["/api/flows/"]?.post?.requestBody?.content["application/json"]?.schema;
    expect(body?.properties?.flow).toMatchObject({ title: "Switchboard flow" });
    expect(paths["/api/flows/{id}/test-turn"]?.post?.tags).toEqual(["Test runs"]);
  });
});
