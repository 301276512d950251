import { afterAll, describe, expect, it } from "bun:test";
import { join } from "node:path";
import { startOpenAIServer } from "../../stand-ins/openai-server.ts";

const root = join(import.meta.dir, "..", "..", "..");
const vllm = startOpenAIServer();
afterAll(() => vllm.stop());

/** Runs `switchboard models` as a user would, with only the given model variables set. */
async function models(args: string[], env: Record<string, string>) {
  const child = Bun.spawn([process.execPath, "runtime/src/cli.ts", "models", ...args], {
    cwd: root,
    stdout: "pipe",
    stderr: "pipe",
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", MODELS_FILE: "", ...env },
  });
  const [stdout, stderr, code] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  return { stdout, stderr, code };
}

describe("switchboard models", () => {
  it("lists each entry with its provider, model id, fallbacks and reachability", async () => {
    const { stdout, code } = await models([], { VLLM_BASE_URL: vllm.url, DEFAULT_MODEL: "vllm" });
    expect(code).toBe(0);
    const lines = stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^name\s+provider\s+model\s+reachable\s+fallbacks\s+detail$/);
    expect(lines.find((l) => l.startsWith("vllm "))).toMatch(
      /vllm\s+Qwen\/Qwen2\.5-0\.5B-Instruct\s+yes\s+local\s+/,
    );
    expect(lines.find((l) => l.startsWith("local "))).toMatch(/local\s+embedded\s+yes/);
  });

  it("prints JSON for scripts and exits 1 when a model server does not answer", async () => {
    const { stdout, code } = await models(["--json"], {
      VLLM_BASE_URL: "http://127.0.0.1:1/v1",
      BEDROCK_MODEL_ID: "us.anthropic.claude-3-7-sonnet-20250219-v1:0",
      AWS_REGION: "eu-west-1",
    });
    expect(code).toBe(1);
    const statuses = JSON.parse(stdout) as { name: string; reachable: string }[];
    expect(statuses.map((s) => [s.name, s.reachable])).toEqual([
      ["default", "yes"],
      ["local", "yes"],
      ["vllm", "no"],
      ["bedrock", "unknown"],
    ]);
  });
});
