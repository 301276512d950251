import { afterAll, beforeAll, describe, expect, it } from "bun:test";
import { startTestServer, type TestServer } from "./test-server.ts";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ CORS_ORIGINS: "https://shop.example" });
});

afterAll(() => server.stop());

describe("the earlier chat services' paths and headers", () => {
  it("answers liveness at /healthz as at /health", async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("answers a CORS preflight with the headers it asked for", async () => {
    const res = await fetch(`${server.url}/api/chat`, {
      method: "OPTIONS",
      headers: {
        origin: "https://shop.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type, authorization",
      },
    });
    expect(res.status).toBeLessThan(300);
    expect(res.headers.get("access-control-allow-origin")).toBe("https://shop.example");
    expect(res.headers.get("access-control-allow-headers")?.toLowerCase()).toBe(
      "content-type, authorization",
    );
  });

  it("answers a preflight that asks for no headers without an undefined one", async () => {
    const res = await fetch(`${server.url}/api/chat`, {
      method: "OPTIONS",
      headers: { origin: "https://shop.example", "access-control-request-method": "POST" },
    });
    expect(res.headers.get("access-control-allow-headers") ?? "").not.toContain("undefined");
  });
});
