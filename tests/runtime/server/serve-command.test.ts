import { afterAll, describe, expect, it } from "bun:test";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError, loadServerConfig } from "../../../runtime/src/config/server-config.ts";

const root = join(import.meta.dir, "..", "..", "..");
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir() {
  const dir = await mkdtemp(join(tmpdir(), "switchboard-serve-"));
  dirs.push(dir);
  return dir;
}

function serve(args: string[], env: Record<string, string>) {
  return Bun.spawn([process.execPath, "runtime/src/cli.ts", "serve", ...args], {
    cwd: root,
    stdout: "pipe",
    stderr: "pipe",
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", HOST: "127.0.0.1", ...env },
  });
}

describe("switchboard serve", () => {
  it("stops at once on a bad setting, with one sentence naming it", async () => {
    const child = serve([], { PORT: "eighty", DATA_DIR: await tempDir() });
    const [stderr, code] = await Promise.all([new Response(child.stderr).text(), child.exited]);
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      'switchboard: The setting PORT from the environment is invalid: expected integer, got "eighty".',
    );
  });

  it("serves on --port, prints a generated admin token once, and stops on SIGTERM", async () => {
    const child = serve(["--port", "0"], { PORT: "1", DATA_DIR: await tempDir() });
    const reader = child.stdout.getReader();
    let output = "";
    while (!/serving on (http:\/\/\S+)/.test(output)) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`serve exited: ${output}`);
      output += new TextDecoder().decode(value);
    }
    const url = output.match(/serving on (http:\/\/\S+)/)?.[1] ?? "";
    expect(output).toMatch(/generated an admin token[\s\S]*sb_admin_/);
    const token = output.match(/sb_admin_[\w-]+/)?.[0];
    const chats = await fetch(`${url}/api/chats/?user_id=x`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(chats.status).toBe(200);
    child.kill("SIGTERM");
    expect(await child.exited).toBe(0);
  });
});

describe("loadServerConfig", () => {
  it("uses the chatbot template's defaults", async () => {
    expect(await loadServerConfig({})).toMatchObject({
      port: 8181,
      dataDir: "./data",
      rateLimitPerMinute: 10,
      maxConnections: 1000,
      maxQuestionLength: 2000,
      adminTokens: [],
      corsOrigins: [],
      httpAllowedHosts: [],
    });
  });

  it("reads the config file, then the environment, then the command line", async () => {
    const file = join(await tempDir(), "switchboard.config.json");
    await writeFile(file, JSON.stringify({ port: 9000, rateLimitPerMinute: 5, dataDir: "/srv" }));
    const config = await loadServerConfig(
      {
        CONFIG_FILE: file,
        RATE_LIMIT_PER_MINUTE: "20",
        CORS_ORIGINS: "https://a.example, https://b.example",
        HTTP_ALLOWED_HOSTS: "*, orders.internal, 10.0.0.0/8",
      },
      { port: 7000 },
    );
    expect(config).toMatchObject({
      port: 7000,
      rateLimitPerMinute: 20,
      dataDir: "/srv",
      corsOrigins: ["https://a.example", "https://b.example"],
      httpAllowedHosts: ["*", "orders.internal", "10.0.0.0/8"],
    });
  });

  it("names the setting and its source in one sentence, never echoing a secret", async () => {
    const cases: [Record<string, string>, string][] = [
      [
        { MAX_WS_CONNECTIONS: "0" },
        "The setting MAX_WS_CONNECTIONS from the environment is invalid",
      ],
      [{ ADMIN_TOKEN: "short-secret" }, "a value of 12 characters"],
      [{ CONFIG_FILE: "/no/such/file.json" }, "CONFIG_FILE names /no/such/file.json"],
    ];
    for (const [env, sentence] of cases) {
      const error = await loadServerConfig(env).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toContain(sentence);
      expect((error as Error).message).not.toContain("short-secret");
      expect((error as Error).message.split(". ").length).toBe(1);
    }
  });

  it("rejects unknown settings and bad JSON in the config file", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "unknown.json"), JSON.stringify({ prot: 1 }));
    await writeFile(join(dir, "broken.json"), "{ port: ");
    await writeFile(join(dir, "typed.json"), JSON.stringify({ port: "8080x" }));
    await expect(loadServerConfig({ CONFIG_FILE: join(dir, "unknown.json") })).rejects.toThrow(
      'unknown setting "prot"',
    );
    await expect(loadServerConfig({ CONFIG_FILE: join(dir, "broken.json") })).rejects.toThrow(
      "is not valid JSON",
    );
    await expect(loadServerConfig({ CONFIG_FILE: join(dir, "typed.json") })).rejects.toThrow(
      'The setting port from the file is invalid: expected integer, got "8080x".',
    );
  });
});
