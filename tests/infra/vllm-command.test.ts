import { afterEach, beforeEach, describe, expect, it } from "bun:test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { vllmCommand } from "../../runtime/src/commands/vllm.ts";
import type { VllmCommandOptions } from "../../runtime/src/commands/vllm-usage.ts";
import { type DockerEngine, startDockerEngine } from "../stand-ins/docker-engine.ts";
import { type ModelsServer, startModelsServer } from "./helpers/models-server.ts";
import { playLoadingVllm } from "./helpers/vllm-harness.ts";

let engine: DockerEngine;
let models: ModelsServer;
let hfCache: string;
let previousHost: string | undefined;

beforeEach(async () => {
  engine = startDockerEngine({ images: ["vllm/vllm-openai:latest"] });
  models = startModelsServer();
  hfCache = await mkdtemp(join(tmpdir(), "switchboard-hf-"));
  previousHost = process.env.DOCKER_HOST;
  process.env.DOCKER_HOST = `unix://${engine.socketPath}`;
  engine.onStart = playLoadingVllm(models, "Qwen/Qwen2.5-0.5B-Instruct");
});

afterEach(async () => {
  if (previousHost === undefined) delete process.env.DOCKER_HOST;
  else process.env.DOCKER_HOST = previousHost;
  await Promise.all([engine.stop(), models.stop(), rm(hfCache, { recursive: true, force: true })]);
});

/** Runs `switchboard vllm <action>` against the stand-ins: its exit code and what it printed. */
async function run(action: string, options: VllmCommandOptions = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on("data", (chunk: Buffer) => out.push(chunk));
  stderr.on("data", (chunk: Buffer) => err.push(chunk));
  const flags = action === "up" ? { hfCache, timeout: 2, ...options } : options;
  const code = await vllmCommand(action, flags, {
    stdout,
    stderr,
    pollMs: 10,
    baseUrl: models.url,
  });
  return { code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
}

describe("switchboard vllm up", () => {
  it("starts the container from the flags and waits for the API", async () => {
    const result = await run("up", {
      model: "Qwen/Qwen2.5-0.5B-Instruct",
      port: 9000,
      gpus: 2,
      "--": ["--enforce-eager"],
    });
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toContain("vLLM is ready after 0s");
    const container = engine.container("switchboard-vllm");
    expect(container?.body.Cmd).toContain("--enforce-eager");
    expect(container?.body.HostConfig).toMatchObject({
      PortBindings: { "8000/tcp": [{ HostIp: "", HostPort: "9000" }] },
      DeviceRequests: [{ Count: 2 }],
    });
  });

  it("says which happened on a second run: reused, refused, replaced", async () => {
    expect((await run("up")).code).toBe(0);
    expect((await run("up")).stdout).toContain("already running with these settings; reusing it");
    const refused = await run("up", { maxModelLen: 4096 });
    expect(refused.code).toBe(7);
    expect(refused.stderr).toContain(
      'switchboard vllm up: A container named "switchboard-vllm" exists with other settings',
    );
    const replaced = await run("up", { maxModelLen: 4096, force: true });
    expect(replaced.code).toBe(0);
    expect(replaced.stdout).toContain("Replaced container");
  });

  it("exits 2 on an invalid flag or action and 3 when the engine is unreachable", async () => {
    expect(await run("up", { gpuMemoryUtilization: 0 })).toMatchObject({ code: 2 });
    expect(await run("restart")).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Unknown action "restart"'),
    });
    process.env.DOCKER_HOST = "unix:///tmp/switchboard-no-such-docker.sock";
    expect(await run("status")).toMatchObject({ code: 3 });
    expect(await run("up")).toMatchObject({ code: 3 });
  });
});

describe("switchboard vllm status", () => {
  it("reports state, model, port, GPUs, uptime and readiness", async () => {
    await run("up");
    const result = await run("status");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^container: +switchboard-vllm$/m);
    expect(result.stdout).toMatch(/^state: +running$/m);
    expect(result.stdout).toMatch(/^model: +Qwen\/Qwen2.5-0.5B-Instruct$/m);
    expect(result.stdout).toMatch(/^port: +8080 → 8000$/m);
    expect(result.stdout).toMatch(/^GPUs: +all$/m);
    expect(result.stdout).toMatch(/^uptime: +\d+s$/m);
    expect(result.stdout).toContain(`ready:     yes: serving at ${models.url}/v1`);
    const json = JSON.parse((await run("status", { json: true })).stdout);
    expect(json).toMatchObject({
      exists: true,
      state: "running",
      hostPort: 8080,
      gpus: "all",
      ready: true,
    });
  });

  it("exits 12 when the container is not serving and 11 when there is none", async () => {
    await run("up");
    engine.container("switchboard-vllm")?.exit(137);
    const stopped = await run("status");
    expect(stopped.code).toBe(12);
    expect(stopped.stdout).toMatch(/^state: +exited \(exit code 137\)$/m);
    expect(stopped.stdout).toContain("ready:     no: not running");
    await run("down");
    expect(await run("status")).toMatchObject({
      code: 11,
      stdout: expect.stringContaining("No container named"),
    });
  });
});

describe("switchboard vllm down and logs", () => {
  it("stops and removes the container, and is content when there is none", async () => {
    await run("up");
    const down = await run("down");
    expect(down).toMatchObject({
      code: 0,
      stdout: 'Stopped and removed container "switchboard-vllm".\n',
    });
    expect(engine.containers.size).toBe(0);
    expect(engine.calls.slice(-2).map((call) => call.replace(/[0-9a-f]{64}/, "<id>"))).toEqual([
      "POST /containers/<id>/stop",
      "DELETE /containers/<id>",
    ]);
    expect((await run("down")).stdout).toContain("nothing to stop");
  });

  it("prints the last lines, or follows them until the container stops", async () => {
    await run("up");
    const container = engine.container("switchboard-vllm");
    container?.log("GET /v1/models", 1);
    expect(await run("logs", { tail: 2 })).toMatchObject({
      code: 0,
      stdout: "GET /v1/models\n",
      stderr: "INFO:     Application startup complete.\n",
    });
    setTimeout(() => {
      container?.log("INFO:     Shutting down");
      container?.exit(0);
    }, 30);
    const followed = await run("logs", { follow: true, tail: 1 });
    expect(followed).toMatchObject({
      code: 0,
      stdout: "GET /v1/models\n",
      stderr: "INFO:     Shutting down\n",
    });
    expect(await run("logs", { name: "other" })).toMatchObject({ code: 11 });
  });
});
