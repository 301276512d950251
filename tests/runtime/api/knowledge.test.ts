import { afterAll, beforeAll, describe, expect, it } from "bun:test";
import { createTestApp, type TestApp } from "./test-app.ts";

let api: TestApp;

beforeAll(async () => {
  api = await createTestApp();
}, 60_000);

afterAll(async () => {
  await api.close();
});

interface Entry {
  id: string;
  question: string;
  answer: string;
  alternates: string[];
  tags: string[];
}

describe("the knowledge API", () => {
  it("edits an entry whose id holds a '#', addressed URL-encoded", async () => {
    const list = await api.call("GET", "/api/flows/faq/knowledge");
    expect(list.status).toBe(200);
    const [voltra] = list.body as { entries: Entry[] }[];
    const section = voltra?.entries.find((entry) => entry.id.includes("#"));
    if (!section) throw new Error("no Markdown section");
    const { id, question, alternates, tags } = section;
    const put = await api.call(
      "PUT",
      `/api/flows/faq/knowledge/voltra/entries/${encodeURIComponent(id)}`,
      { body: { question, alternates, tags, answer: "Rewritten **policy**." } },
    );
    expect(put).toMatchObject({ status: 200, body: { id, answer: "Rewritten **policy**." } });
  });

  it("answers 400 naming the problem for an import it can't read, or past its bounds", async () => {
    const path = "/api/flows/faq/knowledge/voltra/import/preview";
    const noColumn = await api.call("POST", path, { body: { format: "csv", text: "q,a\nx,y" } });
    expect(noColumn.status).toBe(400);
    expect((noColumn.body as { message: string }).message).toContain(
      "no question or answer column",
    );
    const huge = await api.call("POST", path, {
      body: { format: "csv", text: "x".repeat(2_000_001) },
    });
    expect(huge).toMatchObject({ status: 400, body: { code: "invalid_request" } });
    const format = await api.call("POST", path, { body: { format: "xlsx", text: "a" } });
    expect(format.status).toBe(400);
  });

  it("exports a base as CSV that imports back unchanged", async () => {
    const response = await api.app.handle(
      new Request("http://localhost/api/flows/support/knowledge/voltra/export?format=csv", {
        headers: { authorization: "Bearer api-test-admin-token-0123456789" },
      }),
    );
    expect(response.headers.get("content-type")).toContain("text/csv");
    const csv = await response.text();
    expect(csv.split("\n")[0]?.trim()).toBe("id,question,answer,alternates,tags");
    const preview = await api.call("POST", "/api/flows/support/knowledge/voltra/import/preview", {
      body: { format: "csv", text: csv },
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ added: [], changed: [] });
  });

  it("answers 404 for a base the flow doesn't declare", async () => {
    const missing = await api.call("POST", "/api/flows/faq/knowledge/nope/test", {
      body: { question: "hours?" },
    });
    expect(missing).toMatchObject({ status: 404, body: { code: "not_found" } });
  });
});
