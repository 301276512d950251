import { afterAll, beforeAll, describe, expect, it } from "bun:test";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { studioRoutes } from "../../../runtime/src/studio/studio.routes.ts";

let dist: string;
let app: ReturnType<typeof studioRoutes>;

beforeAll(async () => {
  dist = await mkdtemp(join(tmpdir(), "studio-dist-"));
  await mkdir(join(dist, "assets"));
  await writeFile(join(dist, "index.html"), "<!doctype html><div id=root></div>");
  await writeFile(join(dist, "assets", "index-abc.js"), "console.log(1)");
  await writeFile(join(dist, "..", "secret.txt"), "secret");
  app = studioRoutes(dist);
});

afterAll(async () => {
  await rm(dist, { recursive: true, force: true });
  await rm(join(dist, "..", "secret.txt"), { force: true });
});

const get = (path: string) => app.handle(new Request(`http://localhost${path}`));

describe("the studio route", () => {
  it("serves the page at /studio/ and at every path of the app, uncached, with a strict CSP", async () => {
    for (const path of ["/studio", "/studio/", "/studio/index.html", "/studio/flows/x"]) {
      const response = await get(path);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain("id=root");
      expect(response.headers.get("cache-control")).toBe("no-cache");
      expect(response.headers.get("content-security-policy")).toContain("default-src 'self'");
    }
  });

  it("serves built assets for a year", async () => {
    const response = await get("/studio/assets/index-abc.js");
    expect(await response.text()).toBe("console.log(1)");
    expect(response.headers.get("cache-control")).toContain("immutable");
  });

  it("never serves a file outside the build", async () => {
    const response = await get("/studio/..%2fsecret.txt");
    expect(await response.text()).not.toContain("secret");
  });

  it("says how to build the studio when it is not built", async () => {
    const unbuilt = studioRoutes(join(dist, "missing"));
    const response = await unbuilt.handle(new Request("http://localhost/studio/"));
    expect(response.status).toBe(503);
    expect(await response.text()).toContain("bun run --cwd studio build");
  });
});
