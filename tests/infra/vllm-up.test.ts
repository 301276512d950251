import { afterEach, beforeEach, describe, expect, it } from "bun:test";
import { existsSync } from "node:fs";
import { vllmContainerSpec, vllmLabels } from "../../infra/src/index.ts";
import fixture from "./fixtures/containers-create-vllm.cli-equivalent.json";
import { recordingReporter } from "./helpers/recording-reporter.ts";
import { startVllmHarness, type VllmHarness } from "./helpers/vllm-harness.ts";

const image = "vllm/vllm-openai:latest";
let harness: VllmHarness;

afterEach(() => harness.stop());

describe("vllm up on a fresh engine", () => {
  beforeEach(async () => {
    harness = await startVllmHarness();
  });

  it("checks the engine, pulls, creates, starts and waits, in that order", async () => {
    const result = await harness.up();
    const container = harness.engine.container("switchboard-vllm");
    expect(result.outcome).toBe("created");
    expect(result.containerId).toBe(container?.id ?? "");
    const calls = harness.engine.calls.filter((call) => !call.endsWith("/logs"));
    expect(calls).toEqual([
      "GET /_ping",
      "GET /info",
      "GET /containers/switchboard-vllm/json",
      `GET /images/${image}/json`,
      "POST /images/create",
      "POST /containers/create",
      `POST /containers/${container?.id}/start`,
      `POST /containers/${container?.id}/wait`,
    ]);
    const pull = harness.engine.requests.find((request) => request.path === "/images/create");
    expect(Object.fromEntries(pull?.query ?? [])).toEqual({
      fromImage: "vllm/vllm-openai",
      tag: "latest",
    });
    const wait = harness.engine.requests.find((request) => request.path.endsWith("/wait"));
    expect(wait?.query.get("condition")).toBe("not-running");
    expect(harness.models.requests).toBeGreaterThan(1);
  });

  it("sends the create body of the start script's docker run, named by the name parameter", async () => {
    await harness.up();
    const create = harness.engine.requests.find((request) => request.path === "/containers/create");
    expect(create?.query.get("name")).toBe("switchboard-vllm");
    const { settings } = harness;
    const { name, ...body } = create?.body ?? {};
    expect(name).toBe("switchboard-vllm");
    expect(body).toEqual(JSON.parse(JSON.stringify(vllmContainerSpec(settings))));
    // The Docker CLI's body for the same `docker run`, its nulls being what absent fields mean.
    const { DeviceIDs: _none, ...cliGpus } = fixture.HostConfig.DeviceRequests[0] ?? {};
    expect(body.HostConfig).toEqual({
      ...fixture.HostConfig,
      Binds: [`${settings.hfCacheDir}:/root/.cache/huggingface`],
      DeviceRequests: [cliGpus],
    });
    expect(body.ExposedPorts).toEqual(fixture.ExposedPorts);
    expect(body.Image).toBe(fixture.Image);
    expect(body.Cmd).toEqual([
      "--model",
      "Qwen/Qwen2.5-0.5B-Instruct",
      "--served-model-name",
      "Qwen/Qwen2.5-0.5B-Instruct",
      "--max-model-len",
      "8192",
      "--gpu-memory-utilization",
      "0.9",
      "--tensor-parallel-size",
      "1",
    ]);
    expect(body.Env).toBeUndefined();
    expect(existsSync(settings.hfCacheDir)).toBe(true);
  });

  it("tells what it did and where the API is", async () => {
    await harness.up();
    const told = harness.reporter.lines.join("\n");
    expect(told).toContain("Docker 27.3.1");
    expect(told).toContain("GPUs through its nvidia runtime");
    expect(told).toContain("Pulled vllm/vllm-openai:latest (2 layers).");
    expect(told).toContain('Created and started container "switchboard-vllm".');
    expect(told).toContain(`${harness.models.url}/v1 serves "Qwen/Qwen2.5-0.5B-Instruct"`);
    expect(
      harness.reporter.waits.some((line) => line.includes("Model loading took 0.93 GiB")),
    ).toBe(true);
  });

  it("draws the pull's layers and bytes on a terminal", async () => {
    const reporter = recordingReporter(true);
    await harness.up({ reporter });
    const drawn = reporter.drawn();
    expect(drawn).toContain(`Pulling ${image}`);
    expect(drawn).toContain("100% | 4.0 MB / 4.0 MB | layers 2/2");
  });

  it("asks the API with the key vLLM was started with", async () => {
    harness.models.requireKey("sk-local");
    const result = await harness.up({}, { extraArgs: ["--api-key", "sk-local"] });
    expect(result.outcome).toBe("created");
    expect(harness.engine.container("switchboard-vllm")?.body.Cmd).toContain("sk-local");
  });

  it("passes HF_TOKEN to the container", async () => {
    await harness.up({}, { hfToken: "hf_secret" });
    expect(harness.engine.container("switchboard-vllm")?.body.Env).toEqual(["HF_TOKEN=hf_secret"]);
  });
});

describe("vllm up with a container already there", () => {
  beforeEach(async () => {
    harness = await startVllmHarness({ images: [image] });
  });

  it("does not pull an image the engine has", async () => {
    await harness.up();
    expect(harness.engine.calls).not.toContain("POST /images/create");
  });

  it("reuses a running container made with the same settings", async () => {
    const first = await harness.up();
    const requests = harness.engine.requests.length;
    const second = await harness.up();
    expect(second).toMatchObject({ outcome: "reused-running", containerId: first.containerId });
    const calls = harness.engine.calls.slice(requests);
    expect(calls.filter((call) => /create|start/.test(call))).toEqual([]);
    expect(harness.reporter.lines).toContain(
      'Container "switchboard-vllm" is already running with these settings; reusing it.',
    );
  });

  it("starts a stopped container made with the same settings", async () => {
    const first = await harness.up();
    harness.engine.container(first.containerId)?.exit(0);
    const second = await harness.up();
    expect(second).toMatchObject({ outcome: "reused-started", containerId: first.containerId });
    expect(harness.engine.calls).not.toContain("DELETE /containers/switchboard-vllm");
    expect(harness.engine.container(first.containerId)?.state.Running).toBe(true);
  });

  it("refuses to replace a container made with other settings without --force", async () => {
    const first = await harness.up();
    const failure = await harness.up({}, { maxModelLen: 4096 }).catch((error) => error);
    expect(failure).toMatchObject({ code: "settings-changed", exitCode: 7 });
    expect(failure.message).toContain("exists with other settings: max model len 8192 → 4096.");
    expect(failure.message).toContain("--force");
    expect(harness.engine.container("switchboard-vllm")?.id).toBe(first.containerId);
  });

  it("replaces a container made with other settings when forced", async () => {
    const first = await harness.up();
    const second = await harness.up({ force: true }, { maxModelLen: 4096 });
    expect(second.outcome).toBe("replaced");
    expect(second.containerId).not.toBe(first.containerId);
    expect(harness.engine.calls).toContain(`DELETE /containers/${first.containerId}`);
    const replacement = harness.engine.container("switchboard-vllm");
    expect(replacement?.body.Cmd).toContain("4096");
    const labels = replacement?.body.Labels as Record<string, string> | undefined;
    expect(labels?.[vllmLabels.settingsHash]).not.toBe(
      vllmContainerSpec(harness.settings).Labels[vllmLabels.settingsHash],
    );
    expect(harness.reporter.lines.join("\n")).toContain("Replaced container");
  });
});

describe("vllm up beside a container it did not make", () => {
  beforeEach(async () => {
    harness = await startVllmHarness({ images: [image, "nginx:latest"] });
  });

  it("leaves it alone unless forced", async () => {
    const docker = harness.docker;
    await docker.createContainer({ name: "switchboard-vllm", Image: "nginx:latest" });
    const failure = await harness.up().catch((error) => error);
    expect(failure).toMatchObject({ code: "settings-changed" });
    expect(failure.message).toContain("it was not made by `switchboard vllm` (image nginx:latest)");
    expect((await harness.up({ force: true })).outcome).toBe("replaced");
  });
});
