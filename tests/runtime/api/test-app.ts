import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type App, createApp } from "../../../runtime/src/app.ts";
import { loadServerConfig } from "../../../runtime/src/config/server-config.ts";
import { createServices, type Services } from "../../../runtime/src/services.ts";
import { jsonRequest, readResponse } from "../json-request.ts";

export const FLOWS_DIR = join(import.meta.dir, "..", "..", "..", "flows");
export const ADMIN_TOKEN = "api-test-admin-token-0123456789";

/** The app over a SQLite database in a temporary data directory, seeded with the example flows, without a port. */
export interface TestApp {
  app: App;
  services: Services;
  /** A JSON request with the admin token (unless `token` says otherwise). */
  call(
    method: string,
    path: string,
    options?: { body?: unknown; token?: string | null },
  ): Promise<{ status: number; body: unknown; headers: Headers }>;
  close(): Promise<void>;
}

export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const dataDir = await mkdtemp(join(tmpdir(), "switchboard-api-"));
  const config = await loadServerConfig({
    ADMIN_TOKEN,
    FLOWS_DIR,
    CONFIG_FILE: "",
    RATE_LIMIT_PER_MINUTE: "1000",
    ...env,
    DATA_DIR: dataDir,
  });
  const services = await createServices(config, { env: {}, announce: () => {} });
  const app = createApp(services);
  return {
    app,
    services,
    async call(method, path, { body, token = ADMIN_TOKEN } = {}) {
      return readResponse(
        await app.handle(jsonRequest(`http://localhost${path}`, { method, token, body })),
      );
    },
    async close() {
      await services.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
