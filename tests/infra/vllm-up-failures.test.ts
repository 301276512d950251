import { afterEach, describe, expect, it } from "bun:test";
import { connectDocker, vllmUp } from "../../infra/src/index.ts";
import { startVllmHarness, type VllmHarness } from "./helpers/vllm-harness.ts";

const image = "vllm/vllm-openai:latest";
let harness: VllmHarness;

afterEach(() => harness.stop());

async function failure(
  promise: Promise<unknown>,
): Promise<Error & { code: string; exitCode: number; logTail: string[] }> {
  return promise.then(
    () => {
      throw new Error("expected vllm up to fail");
    },
    (error) => error,
  );
}

describe("vllm up failing", () => {
  it("says how to start Docker when the engine is unreachable", async () => {
    harness = await startVllmHarness();
    const previous = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = "unix:///tmp/switchboard-no-such-docker.sock";
    const { docker, where } = connectDocker();
    process.env.DOCKER_HOST = previous;
    const error = await failure(vllmUp(docker, harness.settings, { ...upOptions(), where }));
    expect(error).toMatchObject({ code: "engine-unreachable", exitCode: 3 });
    expect(error.message).toContain(
      "Cannot reach the Docker engine at unix:///tmp/switchboard-no-such-docker.sock",
    );
    expect(error.message).toContain("DOCKER_HOST");
  });

  it("says how to install the NVIDIA toolkit when the engine has no NVIDIA runtime", async () => {
    harness = await startVllmHarness({ runtimes: ["io.containerd.runc.v2", "runc"] });
    const error = await failure(harness.up());
    expect(error).toMatchObject({ code: "no-gpu-support", exitCode: 4 });
    expect(error.message).toContain("its runtimes: io.containerd.runc.v2, runc");
    expect(error.message).toContain("nvidia-ctk runtime configure");
    expect(harness.engine.calls).toEqual(["GET /_ping", "GET /info"]);
  });

  it("goes on without the NVIDIA check when told to skip it", async () => {
    harness = await startVllmHarness({ runtimes: ["runc"] });
    expect((await harness.up({ skipGpuCheck: true })).outcome).toBe("created");
    expect(harness.reporter.lines[0]).toContain("GPU check skipped");
  });

  it("reports a pull that breaks midway, and creates nothing", async () => {
    harness = await startVllmHarness();
    harness.engine.faults.pullError =
      "failed to register layer: write /usr/lib/libcuda.so: no space left on device";
    const error = await failure(harness.up());
    expect(error).toMatchObject({ code: "pull-failed", exitCode: 5 });
    expect(error.message).toContain(`Could not pull ${image}: failed to register layer`);
    expect(error.message).toContain("disk space");
    expect(harness.engine.calls).not.toContain("POST /containers/create");
  });

  it("reports a refused pull with the login it needs", async () => {
    harness = await startVllmHarness();
    harness.engine.faults.pullRefused = {
      status: 404,
      message:
        "pull access denied for nvcr.io/nvidia/vllm, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
    };
    const error = await failure(harness.up({}, { image: "nvcr.io/nvidia/vllm:25.09-py3" }));
    expect(error).toMatchObject({ code: "pull-failed", exitCode: 5 });
    expect(error.message).toContain("pull access denied for nvcr.io/nvidia/vllm");
    expect(error.message).toContain("docker login nvcr.io");
  });

  it("reports a host port in use and removes the container it made", async () => {
    harness = await startVllmHarness({ images: [image] });
    harness.engine.faults.startFailure = {
      status: 500,
      message:
        "driver failed programming external connectivity on endpoint switchboard-vllm (3f1c): Bind for 0.0.0.0:8080 failed: port is already allocated",
    };
    const error = await failure(harness.up());
    expect(error).toMatchObject({ code: "port-in-use", exitCode: 6 });
    expect(error.message).toContain("Port 8080 is already in use");
    expect(error.message).toContain("--port");
    expect(harness.engine.containers.size).toBe(0);
  });

  it("reports an engine that cannot hand out GPUs when the container starts", async () => {
    harness = await startVllmHarness({ images: [image] });
    harness.engine.faults.startFailure = {
      status: 500,
      message: 'could not select device driver "" with capabilities: [[gpu]]',
    };
    const error = await failure(harness.up());
    expect(error).toMatchObject({ code: "no-gpu-support", exitCode: 4 });
    expect(error.message).toContain("NVIDIA Container Toolkit");
  });

  it("shows the logs and the likely cause when the container exits while starting, and stops it", async () => {
    harness = await startVllmHarness({ images: [image] });
    harness.engine.onStart = (container) => {
      container.log("INFO 01-31 12:00:01 [api_server.py:1351] vLLM API server version 0.11.0");
      container.log(
        "ValueError: Free memory on device (1.2/23.6 GiB) on startup is less than desired GPU memory utilization (0.9, 21.24 GiB). Decrease GPU memory utilization or reduce GPU memory used by other processes.",
      );
      setTimeout(() => container.exit(1), 20);
    };
    const error = await failure(harness.up());
    expect(error).toMatchObject({ code: "container-exited", exitCode: 9 });
    expect(error.message).toContain("exited with code 1");
    expect(error.message).toContain("Likely cause (out of gpu memory)");
    expect(error.message).toContain("--gpu-memory-utilization");
    expect(error.logTail.at(-1)).toStartWith("ValueError: Free memory on device");
    expect(harness.engine.calls.at(-1)).toEndWith("/stop");
  });

  it("gives up after the timeout with the log tail, and leaves the container running", async () => {
    harness = await startVllmHarness({ images: [image] });
    harness.engine.onStart = (container) => {
      container.log(
        "WARNING: Retrying (Retry(total=4)) after connection broken: Max retries exceeded with url: /api/models/Qwen/Qwen2.5-0.5B-Instruct",
      );
    };
    const started = Date.now();
    const error = await failure(harness.up({ timeoutMs: 300 }));
    expect(Date.now() - started).toBeLessThan(1500);
    expect(error).toMatchObject({ code: "readiness-timeout", exitCode: 10 });
    expect(error.message).toContain('did not list "Qwen/Qwen2.5-0.5B-Instruct"');
    expect(error.message).toContain("HTTP 503");
    expect(error.message).toContain("Likely cause (no network)");
    expect(harness.engine.container("switchboard-vllm")?.state.Running).toBe(true);
  });

  it("points at another server when the port answers with other models", async () => {
    harness = await startVllmHarness({ images: [image] });
    harness.engine.onStart = () => harness.models.serve(["meta-llama/Llama-2-7b-chat-hf"]);
    const error = await failure(harness.up({ timeoutMs: 200 }));
    expect(error).toMatchObject({ code: "readiness-timeout" });
    expect(error.message).toContain(
      "lists meta-llama/Llama-2-7b-chat-hf: is another server on that port?",
    );
  });
});

function upOptions() {
  return {
    force: false,
    skipGpuCheck: false,
    timeoutMs: 500,
    pollMs: 10,
    baseUrl: harness.models.url,
    localEngine: true,
    reporter: harness.reporter,
  };
}
