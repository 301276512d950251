import { beforeAll, describe, expect, it } from "bun:test";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../../../runtime/src/app.ts";
import { loadServerConfig } from "../../../runtime/src/config/server-config.ts";
import { createServices, type Services } from "../../../runtime/src/services.ts";

const FLOWS_DIR = join(import.meta.dir, "..", "..", "..", "flows");
/** A port nothing listens on: the vLLM model there is down. */
const DOWN = "http://127.0.0.1:9/v1";

async function readiness(models: object): Promise<{ status: number; body: unknown }> {
  const dir = await mkdtemp(join(tmpdir(), "switchboard-ready-"));
  let services: Services | undefined;
  try {
    const modelsFile = join(dir, "models.json");
    await writeFile(modelsFile, JSON.stringify({ models }));
    const config = await loadServerConfig({
      ADMIN_TOKEN: "ready-test-admin-token-0123",
      FLOWS_DIR,
      CONFIG_FILE: "",
      DATA_DIR: dir,
    });
    services = await createServices(config, { env: { MODELS_FILE: modelsFile } });
    const res = await createApp(services).handle(new Request("http://localhost/ready"));
    return { status: res.status, body: await res.json() };
  } finally {
    await services?.close();
    await rm(dir, { recursive: true, force: true });
  }
}

const vllm = { provider: "vllm", baseUrl: DOWN, model: "qwen" };

describe("/ready while a model is down", () => {
  let degraded: { status: number; body: unknown };
  let down: { status: number; body: unknown };

  beforeAll(async () => {
    degraded = await readiness({
      default: { ...vllm, fallbacks: ["local"] },
      local: { provider: "local" },
    });
    down = await readiness({ default: vllm });
  });

  it("stays ready, reporting degraded, when its fallback answers", () => {
    expect(degraded.status).toBe(200);
    expect(degraded.body).toMatchObject({ ready: true, status: "degraded" });
  });

  it("is unready when no fallback answers for it", () => {
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ ready: false, status: "unready" });
  });
});
